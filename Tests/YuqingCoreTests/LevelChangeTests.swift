import Testing
@testable import YuqingCore

/// A case judged major sensitive and then judged again below it (Art. 8 ¶3 第八条第三款: the coordinators report
/// *major sensitive* cases to the city leaders within 2 hours). Found by the independent deadline oracle
/// (scripts/check/): yuqing kept the escalation owed after the case was re-judged general, and it fell overdue and
/// counted against the coordinators although the case was no longer major sensitive when it fell due.
struct LevelChangeRow: CustomTestStringConvertible, Sendable {
    let name: String
    /// (time, level) judgements after a claim at 2020-05-22 09:00, in order.
    let judgements: [(String, Level)]
    var escalated: String? = nil
    let now: String
    /// The escalation's status, nil when the case no longer owes it.
    let status: ObligationStatus?
    var explains: [String] = []
    var testDescription: String { name }
}

let levelChangeRows: [LevelChangeRow] = [
    .init(name: "Art. 8 ¶3: re-judged general before the 2 hours ran out → no escalation owed",
          judgements: [("2020-05-22 10:00", .majorSensitive), ("2020-05-22 11:00", .general)],
          now: "2020-05-23 09:00", status: nil),
    .init(name: "Art. 8 ¶3: re-judged high-attention in the same minute → no escalation owed",
          judgements: [("2020-05-22 10:00", .majorSensitive), ("2020-05-22 10:00", .highAttention)],
          now: "2020-05-23 09:00", status: nil),
    .init(name: "Art. 8 ¶3: re-judged general exactly when due (not yet overdue) → no escalation owed",
          judgements: [("2020-05-22 10:00", .majorSensitive), ("2020-05-22 12:00", .general)],
          now: "2020-05-23 09:00", status: nil),
    .init(name: "Art. 8 ¶3, Art. 13: already overdue when re-judged general → stays overdue",
          judgements: [("2020-05-22 10:00", .majorSensitive), ("2020-05-22 12:01", .general)],
          now: "2020-05-23 09:00", status: .overdue, explains: ["already overdue when judged below major sensitive"]),
    .init(name: "Art. 8 ¶3: escalated in time, then re-judged general → stays met",
          judgements: [("2020-05-22 10:00", .majorSensitive), ("2020-05-22 11:30", .general)],
          escalated: "2020-05-22 11:00", now: "2020-05-23 09:00", status: .met),
    .init(name: "Art. 8 ¶3: judged major sensitive again → 2 hours from the new judgement",
          judgements: [("2020-05-22 10:00", .majorSensitive), ("2020-05-22 11:00", .general),
                       ("2020-05-22 15:00", .majorSensitive)],
          now: "2020-05-22 16:00", status: .pending, explains: ["2 h from judgement as major sensitive at 2020-05-22 15:00"]),
    .init(name: "Art. 8 ¶3: still major sensitive → owed as before",
          judgements: [("2020-05-22 10:00", .majorSensitive)], now: "2020-05-23 09:00", status: .overdue),
]

@Suite("Obligations: a level changed mid-case")
struct LevelChangeTests {
    static func event(_ body: EventBody, _ time: String) -> Event {
        Event(seq: 1, caseID: EntityID(.caseFile, 1), subject: nil, actor: Actor(name: "李娜", role: .liaison, dept: "police"),
              effective: at(time), recorded: at(time), body: body, prevHash: "", hash: "")
    }

    @Test(arguments: levelChangeRows)
    func escalation(_ row: LevelChangeRow) throws {
        var c = CaseFile(id: EntityID(.caseFile, 1), collectedAt: at("2020-05-22 08:30"))
        c.apply(Self.event(.collected(item: Item(title: "t", url: nil, source: .weibo, category: .demand, excerpt: nil),
                                      dept: nil), "2020-05-22 08:30"))
        c.apply(Self.event(.claimed(dept: "police"), "2020-05-22 09:00"))
        var events: [(String, EventBody)] = row.judgements.map { ($0.0, .assessed(level: $0.1, historical: false, note: nil)) }
        if let e = row.escalated { events.append((e, .escalated(note: nil))) }
        for (time, body) in events.sorted(by: { at($0.0) < at($1.0) }) { c.apply(Self.event(body, time)) }
        // The snapshot keeps what the fold knows.
        let back = try #require(SnapshotCodec.decode(SnapshotCodec.encode(c)))
        #expect(back == c)
        let engine = ObligationEngine(policy: .mingguang, calendar: Repo.calendar)
        let o = engine.obligations(for: back.facts, now: at(row.now)).first { $0.ruleID == "escalate" }
        #expect(o?.status == row.status, "\(o?.explanation.en ?? "no escalation")")
        for fragment in row.explains {
            #expect(o?.explanation.en.contains(fragment) == true, "missing “\(fragment)” in: \(o?.explanation.en ?? "")")
        }
        if row.status == .overdue, row.judgements.count > 1 { #expect(o?.explanation.zh.contains("低于重大敏感") == true) }
    }
}
