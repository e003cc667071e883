import YuqingCore

/// Reads an event's payload back without Foundation: a small JSON reader for exactly the shapes `PayloadEncoder`
/// (and, before it, `JSONEncoder`) writes.
///
/// Why: `store rebuild` and every read of a case's history decode payloads, and `JSONDecoder` cost tens of
/// microseconds each — most of a rebuild. Anything unexpected (an unknown key or case, a missing value, a number
/// where text belongs) returns nil, and the caller falls back to `JSONDecoder`, which then decodes or names the
/// problem exactly as before; so this reader can only be faster, never more lenient or stricter.
enum PayloadDecoder {
    static func decode(_ payload: String) -> EventBody? {
        var text = payload
        return text.withUTF8 { buffer in
            var r = JSONReader(buffer)
            guard let body = r.eventBody(), r.atEnd else { return nil }
            return body
        }
    }
}

/// A cursor over JSON bytes. Every method returns nil when the input is not what it expects.
struct JSONReader {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    var atEnd: Bool {
        mutating get {
            skipSpace()
            return i == b.count
        }
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    private mutating func take(_ c: UInt8) -> Bool {
        skipSpace()
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    private mutating func peek(_ c: UInt8) -> Bool {
        skipSpace()
        return i < b.count && b[i] == c
    }

    /// Iterates an object's members: `member` is called with each key, positioned at its value, and must read the
    /// value (returning false stops with nil). Returns nil on malformed input.
    mutating func object(_ member: (inout JSONReader, String) -> Bool) -> Void? {
        guard take(UInt8(ascii: "{")) else { return nil }
        if take(UInt8(ascii: "}")) { return () }
        while true {
            guard let k = string(), take(UInt8(ascii: ":")), member(&self, k) else { return nil }
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}")) ? () : nil
        }
    }

    mutating func array<T>(_ element: (inout JSONReader) -> T?) -> [T]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var out: [T] = []
        if take(UInt8(ascii: "]")) { return out }
        while true {
            guard let x = element(&self) else { return nil }
            out.append(x)
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]")) ? out : nil
        }
    }

    /// A value that may be `null` (read as absent, as `decodeIfPresent` does).
    /// Whether an object comes next (consumes nothing).
    mutating func atObject() -> Bool {
        skipSpace()
        return i < b.count && b[i] == UInt8(ascii: "{")
    }

    mutating func isNull() -> Bool {
        skipSpace()
        guard i + 4 <= b.count, b[i] == UInt8(ascii: "n"), b[i + 1] == UInt8(ascii: "u"), b[i + 2] == UInt8(ascii: "l"),
              b[i + 3] == UInt8(ascii: "l") else { return false }
        i += 4
        return true
    }

    mutating func bool() -> Bool? {
        skipSpace()
        if i + 4 <= b.count, b[i] == UInt8(ascii: "t"), b[i + 1] == UInt8(ascii: "r"), b[i + 2] == UInt8(ascii: "u"),
           b[i + 3] == UInt8(ascii: "e") {
            i += 4
            return true
        }
        if i + 5 <= b.count, b[i] == UInt8(ascii: "f"), b[i + 1] == UInt8(ascii: "a"), b[i + 2] == UInt8(ascii: "l"),
           b[i + 3] == UInt8(ascii: "s"), b[i + 4] == UInt8(ascii: "e") {
            i += 5
            return false
        }
        return nil
    }

    /// A whole number as `JSONEncoder` writes one (no fraction, no exponent); anything else is left to Foundation.
    mutating func int() -> Int64? {
        skipSpace()
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var v: Int64 = 0
        var digits = 0
        while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
            guard digits < 18 else { return nil }
            v = v * 10 + Int64(b[i] - UInt8(ascii: "0"))
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") { return nil }
        return negative ? -v : v
    }

    mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        // The common case: no escapes, so the bytes are the string.
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 { i += 1 }
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "\"") {
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            i += 1
            return s
        }
        guard b[i] == UInt8(ascii: "\\") else { return nil }  // a raw control character
        var out = Array(b[start..<i])
        while i < b.count {
            let c = b[i]
            i += 1
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard i < b.count else { return nil }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A surrogate pair: the low half must follow.
                        guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { return nil }
                        i += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: String(Character(u)).utf8)
                default:
                    return nil
                }
            default:
                guard c >= 0x20 else { return nil }
                out.append(c)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            i += 1
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    // MARK: typed values

    mutating func optionalString() -> String?? {
        if isNull() { return .some(nil) }
        return string().map { .some($0) }
    }

    mutating func id() -> EntityID? { string().flatMap { EntityID(parsing: $0) } }

    mutating func code<C: RawRepresentable<String>>(_: C.Type) -> C? { string().flatMap(C.init(rawValue:)) }

    mutating func smallInt() -> Int? { int().map { Int($0) } }

    mutating func instant() -> Instant? {
        var seconds: Int64?
        guard object({ r, k in
            guard k == "seconds", let s = r.int() else { return false }
            seconds = s
            return true
        }) != nil, let seconds else { return nil }
        return Instant(seconds: seconds)
    }

    mutating func metrics() -> Metrics? {
        var m = Metrics()
        var seen = 0
        guard object({ r, k in
            guard let n = r.smallInt() else { return false }
            switch k {
            case "comments": m.comments = n
            case "reposts": m.reposts = n
            case "views": m.views = n
            default: return false
            }
            seen += 1
            return true
        }) != nil, seen == 3 else { return nil }
        return m
    }

    mutating func metricsUpdate() -> MetricsUpdate? {
        var m = MetricsUpdate()
        guard object({ r, k in
            if r.isNull() { return true }
            guard let n = r.smallInt() else { return false }
            switch k {
            case "comments": m.comments = n
            case "reposts": m.reposts = n
            case "views": m.views = n
            default: return false
            }
            return true
        }) != nil else { return nil }
        return m
    }

    mutating func item() -> Item? {
        var title: String?, url: String?, source: Source?, category: Category?, excerpt: String?, metrics: Metrics?
        var author: String?
        guard object({ r, k in
            switch k {
            case "title": title = r.string(); return title != nil
            case "source": source = r.code(Source.self); return source != nil
            case "metrics": metrics = r.metrics(); return metrics != nil
            case "url": guard let v = r.optionalString() else { return false }; url = v
            case "excerpt": guard let v = r.optionalString() else { return false }; excerpt = v
            case "author": guard let v = r.optionalString() else { return false }; author = v
            case "category":
                if r.isNull() { return true }
                category = r.code(Category.self)
                return category != nil
            default: return false
            }
            return true
        }) != nil, let title, let source, let metrics else { return nil }
        return Item(title: title, url: url, source: source, category: category, excerpt: excerpt, metrics: metrics,
                    author: author)
    }

    mutating func department() -> Department? {
        var code: String?, nameZH: String?, nameEN: String?, leader: String?, phone: String?
        var staff: [String]?, keywords: [String]?, member: Bool?, coordinator: Bool?
        guard object({ r, k in
            switch k {
            case "code": code = r.string(); return code != nil
            case "nameZH": nameZH = r.string(); return nameZH != nil
            case "nameEN": nameEN = r.string(); return nameEN != nil
            case "leader": guard let v = r.optionalString() else { return false }; leader = v
            case "phone": guard let v = r.optionalString() else { return false }; phone = v
            case "staff": staff = r.array { $0.string() }; return staff != nil
            case "keywords": keywords = r.array { $0.string() }; return keywords != nil
            case "member": member = r.bool(); return member != nil
            case "coordinator": coordinator = r.bool(); return coordinator != nil
            default: return false
            }
            return true
        }) != nil, let code, let nameZH, let nameEN, let staff, let keywords, let member, let coordinator else {
            return nil
        }
        return Department(code: code, nameZH: nameZH, nameEN: nameEN, leader: leader, staff: staff, phone: phone,
                          keywords: keywords, member: member, coordinator: coordinator)
    }

    mutating func person() -> Person? {
        var name: String?, role: Role?, dept: String?, login: String?, disabled: Bool?
        guard object({ r, k in
            switch k {
            case "name": name = r.string(); return name != nil
            case "role": role = r.code(Role.self); return role != nil
            case "dept": guard let v = r.optionalString() else { return false }; dept = v
            case "login": guard let v = r.optionalString() else { return false }; login = v
            case "disabled": disabled = r.bool(); return disabled != nil
            default: return false
            }
            return true
        }) != nil, let name, let role, let disabled else { return nil }
        return Person(name: name, role: role, dept: dept, login: login, disabled: disabled)
    }

    /// `{"verb":{…}}`: the one key names the case, the inner object holds its labelled values.
    mutating func eventBody() -> EventBody? {
        var body: EventBody?
        var cases = 0
        guard object({ r, verb in
            cases += 1
            body = r.fields(of: verb)
            return body != nil
        }) != nil, cases == 1 else { return nil }
        return body
    }

    /// The inner object of one case, read into a table of its values, then built.
    private mutating func fields(of verb: String) -> EventBody? {
        guard let expected = Fields.labels[verb] else { return nil }
        var f = Fields()
        // Labels a case does not have would be ignored by JSONDecoder; to stay exactly as strict, any label this
        // case does not expect sends the payload to JSONDecoder instead.
        guard object({ r, k in expected.contains(k) && f.read(k, &r) }) != nil else { return nil }
        return f.body(verb)
    }
}

/// The labelled values of one event body as read (absent ones stay nil), then turned into the case named by the verb.
/// A label in the wrong shape for its case makes `body` nil.
private struct Fields {
    var text: [String: String] = [:]
    var ints: [String: Int] = [:]
    var bools: [String: Bool] = [:]
    var strings: [String: [String]] = [:]
    var ints2: [Int]?
    var item: Item?
    var metrics: MetricsUpdate?
    var department: Department?
    var due: Instant?
    var person: Person?

    mutating func read(_ k: String, _ r: inout JSONReader) -> Bool {
        // `null` is an absent optional (a required label given as null leaves its value missing).
        if r.isNull() { return true }
        switch k {
        case "item":
            // `metricsUpdated` has an integer item, the others an object.
            if let n = r.smallInt() { ints[k] = n; return true }
            item = r.item()
            return item != nil
        case "metrics": metrics = r.metricsUpdate(); return metrics != nil
        case "department": department = r.department(); return department != nil
        case "due": due = r.instant(); return due != nil
        case "person": person = r.person(); return person != nil
        case "to" where r.atObject():
            // `clockSimulated` has an instant here; `linked` an id (text, below).
            due = r.instant()
            return due != nil
        case "days": guard let n = r.smallInt() else { return false }; ints[k] = n
        case "designated", "historical", "approved", "newer", "added":
            guard let v = r.bool() else { return false }
            bools[k] = v
        case "cases", "depts":
            guard let a = r.array({ $0.string() }) else { return false }
            strings[k] = a
        case "years":
            ints2 = r.array { $0.smallInt() }
            return ints2 != nil
        default:
            guard let s = r.string() else { return false }
            text[k] = s
        }
        return true
    }

    private func id(_ k: String) -> EntityID? { text[k].flatMap { EntityID(parsing: $0) } }

    /// A required id; nil (no body) when absent or malformed.
    func body(_ verb: String) -> EventBody? {
        switch verb {
        case "collected":
            guard let item else { return nil }
            return .collected(item: item, dept: text["dept"])
        case "itemAdded":
            guard let item else { return nil }
            return .itemAdded(item: item)
        case "metricsUpdated":
            guard let n = ints["item"], let metrics else { return nil }
            return .metricsUpdated(item: n, url: text["url"], metrics: metrics)
        case "claimed":
            guard let d = text["dept"] else { return nil }
            return .claimed(dept: d)
        case "assigned":
            guard let d = text["dept"], let des = bools["designated"] else { return nil }
            return .assigned(dept: d, designated: des, note: text["note"])
        case "assessed":
            guard let l = text["level"].flatMap(Level.init(rawValue:)), let h = bools["historical"] else { return nil }
            return .assessed(level: l, historical: h, note: text["note"])
        case "unitReported":
            guard let t = text["text"] else { return nil }
            return .unitReported(text: t)
        case "verified":
            guard let s = text["summary"] else { return nil }
            return .verified(summary: s, file: text["file"])
        case "extensionApplied":
            guard let x = id("ext"), let d = ints["days"], let r = text["reason"] else { return nil }
            return .extensionApplied(ext: x, days: d, reason: r)
        case "extensionApproved":
            guard let x = id("ext"), let d = ints["days"] else { return nil }
            return .extensionApproved(ext: x, days: d, note: text["note"])
        case "extensionRejected":
            guard let x = id("ext"), let r = text["reason"] else { return nil }
            return .extensionRejected(ext: x, reason: r)
        case "escalated":
            return .escalated(note: text["note"])
        case "liaised":
            return .liaised(note: text["note"])
        case "instructed":
            guard let l = id("instruction"), let leader = text["leader"], let t = text["text"] else { return nil }
            return .instructed(instruction: l, leader: leader, text: t, due: due)
        case "instructionUndertaken":
            guard let l = id("instruction"), let d = text["dept"] else { return nil }
            return .instructionUndertaken(instruction: l, dept: d, note: text["note"])
        case "instructionSupervised":
            guard let l = id("instruction"), let n = text["note"] else { return nil }
            return .instructionSupervised(instruction: l, note: n)
        case "instructionCompleted":
            guard let l = id("instruction") else { return nil }
            return .instructionCompleted(instruction: l, note: text["note"])
        case "responseDrafted":
            guard let t = text["text"] else { return nil }
            return .responseDrafted(text: t, channel: text["channel"])
        case "responseReviewed":
            guard let a = bools["approved"] else { return nil }
            return .responseReviewed(approved: a, note: text["note"])
        case "responded":
            guard let c = text["channel"], let t = text["text"] else { return nil }
            return .responded(channel: c, url: text["url"], text: t)
        case "followed":
            guard let n = text["note"] else { return nil }
            return .followed(note: n)
        case "linked":
            guard let to = id("to"), let k = text["kind"].flatMap(LinkKind.init(rawValue:)), let n = bools["newer"] else {
                return nil
            }
            return .linked(to: to, kind: k, newer: n)
        case "guidanceArranged":
            return .guidanceArranged(note: text["note"])
        case "closed":
            return .closed(note: text["note"])
        case "meetingOpened":
            guard let m = id("meeting"), let t = text["topic"], let raw = strings["cases"] else { return nil }
            let cases = raw.compactMap { EntityID(parsing: $0) }
            guard cases.count == raw.count else { return nil }
            return .meetingOpened(meeting: m, topic: t, cases: cases, place: text["place"], chair: text["chair"])
        case "meetingAttended":
            guard let m = id("meeting"), let d = strings["depts"] else { return nil }
            return .meetingAttended(meeting: m, depts: d)
        case "agendaChanged":
            guard let m = id("meeting"), let c = id("caseID"), let a = bools["added"] else { return nil }
            return .agendaChanged(meeting: m, caseID: c, added: a)
        case "remarked":
            guard let t = text["text"] else { return nil }
            if text["meeting"] != nil && id("meeting") == nil { return nil }
            return .remarked(meeting: id("meeting"), text: t)
        case "riskJudged":
            guard let n = text["nature"], let t = text["trend"].flatMap(Trend.init(rawValue:)),
                  let i = text["impact"].flatMap(Impact.init(rawValue:)) else { return nil }
            if text["meeting"] != nil && id("meeting") == nil { return nil }
            return .riskJudged(meeting: id("meeting"), nature: n, trend: t, impact: i, risks: text["risks"],
                               suggest: text["suggest"])
        case "decided":
            guard let a = text["action"] else { return nil }
            if text["meeting"] != nil && id("meeting") == nil { return nil }
            return .decided(meeting: id("meeting"), action: a, text: text["text"])
        case "meetingClosed":
            guard let m = id("meeting") else { return nil }
            return .meetingClosed(meeting: m)
        case "meetingJoined":
            guard let m = id("meeting") else { return nil }
            return .meetingJoined(meeting: m)
        case "meetingLeft":
            guard let m = id("meeting") else { return nil }
            return .meetingLeft(meeting: m)
        case "departmentSaved":
            guard let department else { return nil }
            return .departmentSaved(department: department)
        case "patrolled":
            guard let d = text["dept"] else { return nil }
            return .patrolled(dept: d, note: text["note"])
        case "denied":
            guard let v = text["verb"], let r = text["reason"] else { return nil }
            return .denied(verb: v, reason: r, reasonZH: text["reasonZH"])
        case "calendarLoaded":
            guard let y = ints2, let s = text["source"] else { return nil }
            return .calendarLoaded(years: y, source: s)
        case "policyChanged":
            guard let n = text["name"] else { return nil }
            return .policyChanged(name: n, fingerprint: text["fingerprint"], source: text["source"])
        case "personSaved":
            guard let person else { return nil }
            return .personSaved(person: person)
        case "clockSimulated":
            return .clockSimulated(to: due)
        default:
            return nil
        }
    }

    /// The labels each case may carry.
    static let labels: [String: Set<String>] = [
        "collected": ["item", "dept"], "itemAdded": ["item"], "metricsUpdated": ["item", "url", "metrics"],
        "claimed": ["dept"], "assigned": ["dept", "designated", "note"], "assessed": ["level", "historical", "note"],
        "unitReported": ["text"], "verified": ["summary", "file"], "extensionApplied": ["ext", "days", "reason"],
        "extensionApproved": ["ext", "days", "note"], "extensionRejected": ["ext", "reason"], "escalated": ["note"],
        "liaised": ["note"],
        "instructed": ["instruction", "leader", "text", "due"], "instructionUndertaken": ["instruction", "dept", "note"],
        "instructionSupervised": ["instruction", "note"], "instructionCompleted": ["instruction", "note"],
        "responseDrafted": ["text", "channel"], "responseReviewed": ["approved", "note"],
        "responded": ["channel", "url", "text"], "followed": ["note"], "linked": ["to", "kind", "newer"],
        "guidanceArranged": ["note"], "closed": ["note"],
        "meetingOpened": ["meeting", "topic", "cases", "place", "chair"], "meetingAttended": ["meeting", "depts"],
        "agendaChanged": ["meeting", "caseID", "added"], "remarked": ["meeting", "text"],
        "riskJudged": ["meeting", "nature", "trend", "impact", "risks", "suggest"],
        "decided": ["meeting", "action", "text"], "meetingClosed": ["meeting"], "meetingJoined": ["meeting"],
        "meetingLeft": ["meeting"], "departmentSaved": ["department"],
        "patrolled": ["dept", "note"], "denied": ["verb", "reason", "reasonZH"],
        "calendarLoaded": ["years", "source"], "policyChanged": ["name", "fingerprint", "source"],
        "personSaved": ["person"], "clockSimulated": ["to"],
    ]
}
