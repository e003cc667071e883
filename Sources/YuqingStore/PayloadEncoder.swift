import YuqingCore

/// Writes an event's payload: the exact bytes Foundation's `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`)
/// writes for an `EventBody`, without Foundation.
///
/// Why by hand: the stored payload text is hashed, so its bytes are fixed forever, but `JSONEncoder` took a third
/// of a command (boxing every value, sorting keys at run time). The format it writes, and that this writes:
/// * the case name as the one key of the outer object, its labelled values as the inner object;
/// * object keys in byte order of their UTF-8 (checked: `Ab` < `a1` < `a10` < `a2` < `aB` < `a_b` < `ab`), which
///   for our labels is fixed, so each struct's keys are written in a fixed order below;
/// * an absent optional is left out (synthesized `Codable` uses `encodeIfPresent`);
/// * strings escape `"` and `\`, write `\b \t \n \f \r` and every other C0 control as `\u00xx` (lower-case hex),
///   and everything else (DEL, C1, U+2028, `/`) as its raw UTF-8;
/// * integers in decimal; `Instant` as `{"seconds":N}`; an id as its short text (`"C7"`).
///
/// `PayloadEncoderTests` checks every event kind against `JSONEncoder` byte for byte, so a case added to
/// `EventBody` without a branch here cannot ship.
enum PayloadEncoder {
    static func encode(_ body: EventBody) -> String {
        var w = JSONBytes()
        w.bytes.reserveCapacity(256)
        w.write(body)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

/// A JSON writer into bytes, object by object: `open`, `key`… `close`. Keys are written in the order given (the
/// caller gives them sorted).
struct JSONBytes {
    var bytes: [UInt8] = []
    /// Whether the object being written has a member yet (one flag per open object).
    private var first: [Bool] = []

    mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        first.append(true)
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        first.removeLast()
    }

    /// Writes `"name":` (with the comma before it when needed).
    mutating func key(_ name: StaticString) {
        if first[first.count - 1] {
            first[first.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(b)
            case UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(b)
            case 0x08: escape(UInt8(ascii: "b"))
            case 0x09: escape(UInt8(ascii: "t"))
            case 0x0A: escape(UInt8(ascii: "n"))
            case 0x0C: escape(UInt8(ascii: "f"))
            case 0x0D: escape(UInt8(ascii: "r"))
            case 0x00..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          JSONBytes.hex[Int(b >> 4)], JSONBytes.hex[Int(b & 0x0F)]])
            default:
                bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ letter: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(letter)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    mutating func int<I: BinaryInteger>(_ n: I) {
        // `String(n)` allocates; the digits are appended backwards, then turned around in place.
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var v = n.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        bytes[start...].reverse()
    }

    mutating func bool(_ b: Bool) {
        bytes.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
    }

    mutating func stringArray(_ a: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, s) in a.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(s)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    // MARK: optional members: left out when nil

    mutating func string(_ k: StaticString, _ s: String?) {
        guard let s else { return }
        key(k)
        string(s)
    }

    mutating func int(_ k: StaticString, _ n: Int?) {
        guard let n else { return }
        key(k)
        int(n)
    }

    mutating func id(_ k: StaticString, _ id: EntityID?) {
        guard let id else { return }
        key(k)
        string(id.description)
    }

    // MARK: the payload's types

    mutating func write(_ b: EventBody) {
        open()
        switch b {
        case let .collected(item, dept):
            key("collected"); open()
            string("dept", dept)
            key("item"); write(item)
            close()
        case let .itemAdded(item):
            key("itemAdded"); open()
            key("item"); write(item)
            close()
        case let .metricsUpdated(item, url, metrics):
            key("metricsUpdated"); open()
            int("item", item)
            key("metrics"); write(metrics)
            string("url", url)
            close()
        case let .claimed(dept):
            key("claimed"); open()
            string("dept", dept)
            close()
        case let .assigned(dept, designated, note):
            key("assigned"); open()
            string("dept", dept)
            key("designated"); bool(designated)
            string("note", note)
            close()
        case let .assessed(level, historical, note):
            key("assessed"); open()
            key("historical"); bool(historical)
            string("level", level.rawValue)
            string("note", note)
            close()
        case let .unitReported(text):
            key("unitReported"); open()
            string("text", text)
            close()
        case let .verified(summary, file):
            key("verified"); open()
            string("file", file)
            string("summary", summary)
            close()
        case let .extensionApplied(ext, days, reason):
            key("extensionApplied"); open()
            int("days", days)
            id("ext", ext)
            string("reason", reason)
            close()
        case let .extensionApproved(ext, days, note):
            key("extensionApproved"); open()
            int("days", days)
            id("ext", ext)
            string("note", note)
            close()
        case let .extensionRejected(ext, reason):
            key("extensionRejected"); open()
            id("ext", ext)
            string("reason", reason)
            close()
        case let .escalated(note):
            key("escalated"); open()
            string("note", note)
            close()
        case let .liaised(note):
            key("liaised"); open()
            string("note", note)
            close()
        case let .instructed(instruction, leader, text, due):
            key("instructed"); open()
            if let due {
                key("due"); open()
                key("seconds"); int(due.seconds)
                close()
            }
            id("instruction", instruction)
            string("leader", leader)
            string("text", text)
            close()
        case let .instructionUndertaken(instruction, dept, note):
            key("instructionUndertaken"); open()
            string("dept", dept)
            id("instruction", instruction)
            string("note", note)
            close()
        case let .instructionSupervised(instruction, note):
            key("instructionSupervised"); open()
            id("instruction", instruction)
            string("note", note)
            close()
        case let .instructionCompleted(instruction, note):
            key("instructionCompleted"); open()
            id("instruction", instruction)
            string("note", note)
            close()
        case let .responseDrafted(text, channel):
            key("responseDrafted"); open()
            string("channel", channel)
            string("text", text)
            close()
        case let .responseReviewed(approved, note):
            key("responseReviewed"); open()
            key("approved"); bool(approved)
            string("note", note)
            close()
        case let .responded(channel, url, text):
            key("responded"); open()
            string("channel", channel)
            string("text", text)
            string("url", url)
            close()
        case let .followed(note):
            key("followed"); open()
            string("note", note)
            close()
        case let .linked(to, kind, newer):
            key("linked"); open()
            string("kind", kind.rawValue)
            key("newer"); bool(newer)
            id("to", to)
            close()
        case let .guidanceArranged(note):
            key("guidanceArranged"); open()
            string("note", note)
            close()
        case let .closed(note):
            key("closed"); open()
            string("note", note)
            close()
        case let .meetingOpened(meeting, topic, cases, place, chair):
            key("meetingOpened"); open()
            key("cases"); stringArray(cases.map(\.description))
            string("chair", chair)
            id("meeting", meeting)
            string("place", place)
            string("topic", topic)
            close()
        case let .meetingAttended(meeting, depts):
            key("meetingAttended"); open()
            key("depts"); stringArray(depts)
            id("meeting", meeting)
            close()
        case let .agendaChanged(meeting, caseID, added):
            key("agendaChanged"); open()
            key("added"); bool(added)
            id("caseID", caseID)
            id("meeting", meeting)
            close()
        case let .remarked(meeting, text):
            key("remarked"); open()
            id("meeting", meeting)
            string("text", text)
            close()
        case let .riskJudged(meeting, nature, trend, impact, risks, suggest):
            key("riskJudged"); open()
            string("impact", impact.rawValue)
            id("meeting", meeting)
            string("nature", nature)
            string("risks", risks)
            string("suggest", suggest)
            string("trend", trend.rawValue)
            close()
        case let .decided(meeting, action, text):
            key("decided"); open()
            string("action", action)
            id("meeting", meeting)
            string("text", text)
            close()
        case let .meetingClosed(meeting):
            key("meetingClosed"); open()
            id("meeting", meeting)
            close()
        case let .meetingJoined(meeting):
            key("meetingJoined"); open()
            id("meeting", meeting)
            close()
        case let .meetingLeft(meeting):
            key("meetingLeft"); open()
            id("meeting", meeting)
            close()
        case let .departmentSaved(d):
            key("departmentSaved"); open()
            key("department"); write(d)
            close()
        case let .patrolled(dept, note):
            key("patrolled"); open()
            string("dept", dept)
            string("note", note)
            close()
        case let .denied(verb, reason, reasonZH):
            key("denied"); open()
            string("reason", reason)
            string("reasonZH", reasonZH)
            string("verb", verb)
            close()
        case let .calendarLoaded(years, source):
            key("calendarLoaded"); open()
            string("source", source)
            key("years")
            bytes.append(UInt8(ascii: "["))
            for (i, y) in years.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                int(y)
            }
            bytes.append(UInt8(ascii: "]"))
            close()
        case let .policyChanged(name, fingerprint, source):
            key("policyChanged"); open()
            string("fingerprint", fingerprint)
            string("name", name)
            string("source", source)
            close()
        case let .personSaved(p):
            key("personSaved"); open()
            key("person"); open()
            string("dept", p.dept)
            key("disabled"); bool(p.disabled)
            string("login", p.login)
            string("name", p.name)
            string("role", p.role.rawValue)
            close()
            close()
        case let .clockSimulated(to):
            key("clockSimulated"); open()
            if let to {
                key("to"); open()
                key("seconds"); int(to.seconds)
                close()
            }
            close()
        }
        close()
    }

    mutating func write(_ i: Item) {
        open()
        string("author", i.author)
        string("category", i.category?.rawValue)
        string("excerpt", i.excerpt)
        key("metrics"); write(i.metrics)
        string("source", i.source.rawValue)
        string("title", i.title)
        string("url", i.url)
        close()
    }

    mutating func write(_ m: Metrics) {
        open()
        int("comments", m.comments)
        int("reposts", m.reposts)
        int("views", m.views)
        close()
    }

    mutating func write(_ m: MetricsUpdate) {
        open()
        int("comments", m.comments)
        int("reposts", m.reposts)
        int("views", m.views)
        close()
    }

    mutating func write(_ d: Department) {
        open()
        string("code", d.code)
        key("coordinator"); bool(d.coordinator)
        key("keywords"); stringArray(d.keywords)
        string("leader", d.leader)
        key("member"); bool(d.member)
        string("nameEN", d.nameEN)
        string("nameZH", d.nameZH)
        string("phone", d.phone)
        key("staff"); stringArray(d.staff)
        close()
    }
}
