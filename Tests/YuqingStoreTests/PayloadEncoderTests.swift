import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

/// The stored payload is hashed, so the hand-written encoder must write exactly what `JSONEncoder` wrote before it
/// (`.sortedKeys`, `.withoutEscapingSlashes`), for every kind of event and every text; and the hand-written reader
/// must give back the same body (or leave it to `JSONDecoder`).
@Suite("payload encoder")
struct PayloadEncoderTests {
    /// Every case of `EventBody` has a number here: adding a case without a sample fails to compile (the switch is
    /// exhaustive) or fails `everyKindHasSamples`.
    static func kind(_ b: EventBody) -> Int {
        switch b {
        case .collected: 0
        case .itemAdded: 1
        case .metricsUpdated: 2
        case .claimed: 3
        case .assigned: 4
        case .assessed: 5
        case .unitReported: 6
        case .verified: 7
        case .extensionApplied: 8
        case .extensionApproved: 9
        case .extensionRejected: 10
        case .escalated: 11
        case .instructed: 12
        case .instructionUndertaken: 13
        case .instructionSupervised: 14
        case .instructionCompleted: 15
        case .responseDrafted: 16
        case .responseReviewed: 17
        case .responded: 18
        case .followed: 19
        case .linked: 20
        case .guidanceArranged: 21
        case .closed: 22
        case .meetingOpened: 23
        case .meetingAttended: 24
        case .agendaChanged: 25
        case .remarked: 26
        case .riskJudged: 27
        case .decided: 28
        case .meetingClosed: 29
        case .departmentSaved: 30
        case .patrolled: 31
        case .denied: 32
        case .calendarLoaded: 33
        case .policyChanged: 34
        case .personSaved: 35
        case .clockSimulated: 36
        case .liaised: 37
        case .meetingJoined: 38
        case .meetingLeft: 39
        }
    }

    static let kinds = 40

    /// Texts that stress the escaping: quotes, backslashes, slashes, every C0 control, DEL, C1, line and paragraph
    /// separators, bidi controls, a BOM, emoji, Chinese.
    static let texts: [String] = {
        var controls = ""
        for v in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        return ["", "网传某小区自来水发黄", "a \"quoted\" \\ back/slash https://weibo.com/5123456/NxYz01?x=1&y=2",
                controls, "\u{7F}\u{80}\u{9F}\u{A0}", "\u{2028}\u{2029}\u{202E}\u{2066}\u{FEFF}", "😀👍🏽 e\u{301}",
                "</script><!-- ' ; --> \t tab \r\n crlf", String(repeating: "长", count: 300)]
    }()

    static let x1 = EntityID(.extensionRequest, 1), l2 = EntityID(.instruction, 2), m3 = EntityID(.meeting, 3)
    static let c4 = EntityID(.caseFile, 4), c123 = EntityID(.caseFile, 123_456_789)

    /// Samples of every kind: each with its optionals absent and present, and with every stress text.
    static let samples: [EventBody] = {
        var out: [EventBody] = []
        for t in texts {
            let o: String? = t.isEmpty ? nil : t
            let item = Item(title: t, url: o, source: .weibo, category: o == nil ? nil : .demand, excerpt: o,
                            metrics: Metrics(reposts: 1, comments: 0, views: 1_000_000_000_000), author: o)
            out += [
                .collected(item: item, dept: o), .itemAdded(item: item),
                .metricsUpdated(item: 2, url: o, metrics: MetricsUpdate(reposts: o == nil ? nil : 5, comments: 0, views: nil)),
                .claimed(dept: t), .assigned(dept: t, designated: o == nil, note: o),
                .assessed(level: .majorSensitive, historical: o != nil, note: o), .unitReported(text: t),
                .verified(summary: t, file: o), .extensionApplied(ext: x1, days: 60, reason: t),
                .extensionApproved(ext: x1, days: 1, note: o), .extensionRejected(ext: x1, reason: t),
                .escalated(note: o), .liaised(note: o),
                .instructed(instruction: l2, leader: t, text: t, due: o == nil ? nil : Instant(seconds: -1_577_000_000)),
                .instructionUndertaken(instruction: l2, dept: t, note: o),
                .instructionSupervised(instruction: l2, note: t), .instructionCompleted(instruction: l2, note: o),
                .responseDrafted(text: t, channel: o), .responseReviewed(approved: o != nil, note: o),
                .responded(channel: t, url: o, text: t), .followed(note: t),
                .linked(to: c123, kind: .recurrence, newer: o == nil), .guidanceArranged(note: o), .closed(note: o),
                .meetingOpened(meeting: m3, topic: t, cases: o == nil ? [] : [c4, c123], place: o, chair: o),
                .meetingAttended(meeting: m3, depts: o == nil ? [] : [t, "police"]),
                .agendaChanged(meeting: m3, caseID: c4, added: o != nil), .remarked(meeting: o == nil ? nil : m3, text: t),
                .riskJudged(meeting: o == nil ? nil : m3, nature: t, trend: .rising, impact: .high, risks: o, suggest: o),
                .decided(meeting: o == nil ? nil : m3, action: t, text: o), .meetingClosed(meeting: m3),
                .meetingJoined(meeting: m3), .meetingLeft(meeting: m3),
                .departmentSaved(department: Department(code: t, nameZH: t, nameEN: t, leader: o,
                                                        staff: o == nil ? [] : [t, "王敏"], phone: o,
                                                        keywords: o == nil ? [] : [t], member: o != nil,
                                                        coordinator: o == nil)),
                .patrolled(dept: t, note: o), .denied(verb: t, reason: t, reasonZH: o),
                .calendarLoaded(years: o == nil ? [] : [2019, 2020, -5], source: t),
                .policyChanged(name: t, fingerprint: o, source: o),
                .personSaved(person: Person(name: t, role: .liaison, dept: o, login: o, disabled: o == nil)),
                .clockSimulated(to: o == nil ? nil : Instant(seconds: 1_577_000_000)),
            ]
        }
        return out
    }()

    static func foundation(_ b: EventBody) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(b), as: UTF8.self)
    }

    @Test
    func everyKindHasSamples() {
        #expect(Set(Self.samples.map(Self.kind)) == Set(0..<Self.kinds))
    }

    @Test
    func everyKindIsWrittenByteForByteAsJSONEncoderWritesIt() throws {
        for b in Self.samples {
            let mine = PayloadEncoder.encode(b)
            let theirs = try Self.foundation(b)
            #expect(Array(mine.utf8) == Array(theirs.utf8), "\(b.verb): \(mine) vs \(theirs)")
        }
    }

    @Test
    func everyKindIsReadBackWithoutFoundation() throws {
        for b in Self.samples {
            let payload = PayloadEncoder.encode(b)
            let read = PayloadDecoder.decode(payload)
            #expect(read == b, "\(b.verb): \(payload)")
            #expect(try EventHashing.body(fromPayload: payload, seq: 1) == b)
            // Written again, it is the same text: what is hashed survives a round trip.
            #expect(read.map(PayloadEncoder.encode) == payload)
        }
    }

    /// Payloads the fast reader does not take (unknown labels, nulls, other spacing) still decode exactly as
    /// `JSONDecoder` decodes them, and bad ones still fail.
    @Test(arguments: [
        #"{"claimed":{"dept":"police","extra":1}}"#,
        #"{"collected":{"dept":null,"item":{"category":null,"excerpt":null,"metrics":{"comments":0,"reposts":3,"views":0},"source":"weibo","title":"t","url":"https://e.cn/1"}}}"#,
        #"{ "claimed" : { "dept" : "police" } }"#,
        #"{"remarked":{"text":"\u6C34\u8D28 \ud83d\ude00 \/"}}"#,
    ])
    func otherSpellingsDecodeAsJSONDecoderDecodesThem(_ payload: String) throws {
        let expected = try JSONDecoder().decode(EventBody.self, from: Data(payload.utf8))
        #expect(try EventHashing.body(fromPayload: payload, seq: 1) == expected)
    }

    @Test(arguments: [#"{"claimed":{}}"#, #"{"claimed":{"dept":1}}"#, #"{"nosuch":{}}"#, #"{"claimed":{"dept":"a"}"#, ""])
    func badPayloadsAreStillRefused(_ payload: String) {
        #expect(PayloadDecoder.decode(payload) == nil)
        #expect(throws: StoreError.self) { try EventHashing.body(fromPayload: payload, seq: 1) }
    }
}
