import YuqingCore

/// Checks the format of values and turns them into `Value`s, with errors that say exactly what is wrong.
enum ValueParser {
    /// `name` (`--days`, `STATUS`) is what a range error calls the value.
    static func parse(_ raw: String, kind: ValueKind, range: SourceRange, session: Session?,
                      name: String = "") throws(ShellError) -> Value {
        switch kind {
        case .text, .word: return .text(raw)
        case .path: return .path(raw)
        case .expression: return .expression([Word(text: raw, range: range, quoted: false)])
        case .switch: return .flag(true)
        case .integer(let bounds):
            let digits = raw.hasPrefix("-") || raw.hasPrefix("+") ? raw.dropFirst() : Substring(raw)
            let n = Int(raw)
            guard n != nil || (!digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }) else {
                throw ShellError(zh: "“\(raw)”不是整数", en: "`\(raw)` is not a whole number", range: range)
            }
            guard let n, bounds.contains(n) else {
                let lo = DocumentText.grouped(bounds.lowerBound), hi = DocumentText.grouped(bounds.upperBound)
                throw ShellError(zh: "\(name.isEmpty ? "" : name + " ")应在 \(lo)–\(hi) 之间（给了 \(raw)）",
                                 en: "\(name.isEmpty ? "the number" : name) must be between \(lo) and \(hi) (got \(raw))",
                                 range: range)
            }
            return .integer(n)
        case .time: return .time(try time(raw, range: range))
        case .date: return .date(try date(raw, range: range))
        case .span:
            if workdays(raw) != nil {
                throw ShellError(zh: "此处需要时长（如 2h），不能用工作日", en: "a duration like 2h is needed here, not working days",
                                 range: range)
            }
            return .span(try span(raw, range: range))
        case .spanOrWorkdays:
            if let n = try boundedWorkdays(raw, range: range) { return .workdays(n) }
            return .span(try span(raw, range: range, allowWorkdays: true))
        case .id(let k): return .id(try id(raw, kind: k, range: range))
        case .idList(let k):
            let pieces = raw.split(whereSeparator: { $0 == "," || $0 == "，" })
            guard !pieces.isEmpty else { throw badID(raw, kind: k, range: range) }
            var out: [EntityID] = []
            var offset = 0
            for p in raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "，" }) {
                if !p.isEmpty {
                    let r = SourceRange(file: range.file, line: range.line, column: range.column + offset, length: p.count)
                    out.append(try id(String(p), kind: k, range: r))
                }
                offset += p.count + 1
            }
            return .ids(out)
        case .department, .assessedDepartment:
            if case .assessedDepartment = kind, SupervisionData.coordinatorsKeys.contains(raw.lowercased()) {
                return .department(Party.coordinators.rawValue)
            }
            if let domain = session?.domain {
                do throws(ShellError) {
                    return .department(try ShellError.at(range) { try domain.departmentCode(raw) })
                } catch {
                    // `patrol check --dept coordinators` read "unknown department" though score and accountability
                    // take it: say what it is and what to write instead.
                    guard SupervisionData.coordinatorsKeys.contains(raw.lowercased()) else { throw error }
                    throw ShellError(Localized(zh: "“\(raw)”是考核中政务公开办、网宣办的联合行，不是一个部门；两办各自以本部门办理和巡查：这里请写 open-gov 或 net-propaganda",
                                               en: "“\(raw)” is the coordinators' joint row of the assessment, not a department; each office acts and patrols under its own code: write open-gov or net-propaganda here"),
                                     range: range, kind: .notFound)
                }
            }
            return .department(raw)
        case .choice(let choices):
            if let c = choice(raw, choices) { return .choice(c.code) }
            let list = choices.map { "\($0.code) (\($0.zh))" }.joined(separator: ", ")
            var e = ShellError(zh: "无效的取值“\(raw)”；可选：\(list)", en: "bad value `\(raw)`; expected one of: \(list)",
                               range: range)
            if let near = Suggest.nearest(raw, among: choices.flatMap { [$0.code, $0.zh] }) {
                e.hint = Localized(zh: "是不是 \(near)？", en: "did you mean `\(near)`?")
            }
            throw e
        }
    }

    static func choice(_ raw: String, _ choices: [Choice]) -> Choice? {
        choices.first { $0.code.lowercased() == raw.lowercased() || $0.zh == raw }
    }

    static func badID(_ raw: String, kind: IDKind, range: SourceRange) -> ShellError {
        let example = "\(kind.rawValue)7"
        if let other = EntityID(parsing: raw), other.kind != kind {
            // `show X3`: say what X3 is, not only that it is not a case.
            func a(_ noun: String) -> String { ("aeiou".contains(noun.first ?? "x") ? "an " : "a ") + noun }
            return ShellError(zh: "\(other) 是\(other.kind.name.zh)编号，不是\(kind.name.zh)编号（应如 \(example)）",
                              en: "\(other) is \(a(other.kind.name.en)) id, not \(a(kind.name.en)) id (like \(example))", range: range)
        }
        return ShellError(zh: "无效的\(kind.name.zh)编号“\(raw)”：应为 \(example) 这样的编号",
                          en: "bad \(kind.name.en) id `\(raw)`: expected an id like \(example)", range: range)
    }

    static func id(_ raw: String, kind: IDKind, range: SourceRange) throws(ShellError) -> EntityID {
        guard let id = EntityID(parsing: raw), id.kind == kind else { throw badID(raw, kind: kind, range: range) }
        return id
    }

    // MARK: time

    static func badTime(_ raw: String, _ why: Localized?, _ range: SourceRange) -> ShellError {
        let zh = why.map { "无效的时间“\(raw)”：\($0.zh)" } ?? "无效的时间“\(raw)”"
        let en = why.map { "bad time `\(raw)`: \($0.en)" } ?? "bad time `\(raw)`"
        return ShellError(zh: zh, en: en, range: range, hint: Localized(
            zh: "时间写法：2019-12-19T09:00、\"2019-12-19 09:00\"、09:00（今天）、now、+2h、+30m、-1d、+3wd（工作日）",
            en: "times are written 2019-12-19T09:00, \"2019-12-19 09:00\", 09:00 (today), now, +2h, +30m, -1d, +3wd (working days)"))
    }

    static func time(_ raw: String, range: SourceRange) throws(ShellError) -> TimeSpec {
        if let t = canonicalTime(raw) { return .absolute(t) }
        let s = raw.trimmingBlanks
        if s.lowercased() == "now" || s == "现在" { return .now }
        if let sign = s.first, sign == "+" || sign == "-" {
            let body = String(s.dropFirst())
            let neg = sign == "-"
            if let n = try boundedWorkdays(body, range: range) { return .relativeWorkdays(neg ? -n : n) }
            switch spanValue(body) {
            case .ok(let sp): return .relative(Span(seconds: neg ? -sp.seconds : sp.seconds))
            case .tooLong: throw tooLong(body, range)
            case .bad:
                throw badTime(raw, Localized(zh: "相对时间应为 +2h、+30m、-1d 或 +3wd", en: "a relative time is +2h, +30m, -1d or +3wd"), range)
            }
        }
        let sep = s.firstIndex(where: { $0 == "T" || $0 == " " || $0 == "t" })
        if let sep {
            let d = try date(String(s[..<sep]), range: range, original: raw)
            let (h, m, sec) = try clockTime(String(s[s.index(after: sep)...]), raw: raw, range: range)
            return .absolute(Instant(date: d, hour: h, minute: m, second: sec))
        }
        if s.contains(":") {
            let (h, m, sec) = try clockTime(s, raw: raw, range: range)
            guard sec == 0, h < 24 else {
                throw badTime(raw, Localized(zh: "“今天某时”只接受 HH:MM", en: "a time of today is HH:MM"), range)
            }
            return .todayAt(hour: h, minute: m)
        }
        if s.filter({ $0 == "-" }).count == 2 {
            _ = try date(s, range: range, original: raw)
            throw ShellError(zh: "无效的时间“\(raw)”：缺少时刻", en: "bad time `\(raw)`: a date without a time of day",
                             range: range, hint: Localized(zh: "写成 \(s)T09:00；当天零点写 \(s)T00:00",
                                                           en: "write \(s)T09:00; for the start of that day \(s)T00:00"))
        }
        throw badTime(raw, nil, range)
    }

    /// `2019-12-19T09:10` or `2019-12-19T09:10:30`, valid and before 24:00, read from its bytes: the form scripts
    /// give with every `--at` (a mixed script spent a few per cent of its time splitting them into Characters).
    /// nil for anything else, which `time` then reads (and explains when it is wrong) the general way.
    static func canonicalTime(_ raw: String) -> Instant? {
        raw.utf8.withContiguousStorageIfAvailable { b -> Instant? in
            guard b.count == 16 || b.count == 19, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A,
                  b.count == 16 || b[16] == 0x3A else { return nil }
            func number(_ from: Int, _ length: Int) -> Int? {
                var n = 0
                for i in from..<(from + length) {
                    let d = Int(b[i]) - 0x30
                    guard d >= 0, d <= 9 else { return nil }
                    n = n * 10 + d
                }
                return n
            }
            guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), let h = number(11, 2),
                  let mi = number(14, 2), let sec = b.count == 19 ? number(17, 2) : 0,
                  h < 24, mi < 60, sec < 60, let date = CivilDate(year: y, month: m, day: d) else { return nil }
            return Instant(date: date, hour: h, minute: mi, second: sec)
        } ?? nil
    }

    /// `HH:MM` or `HH:MM:SS`; `24:00` is the end of the day.
    static func clockTime(_ s: String, raw: String, range: SourceRange) throws(ShellError) -> (Int, Int, Int) {
        let p = s.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2 || p.count == 3, p.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int(p[0]), let m = Int(p[1]), let sec = p.count == 3 ? Int(p[2]) : 0 else {
            throw badTime(raw, Localized(zh: "时刻应为 HH:MM", en: "the time of day is HH:MM"), range)
        }
        guard h <= 24 else {
            throw badTime(raw, Localized(zh: "小时 \(h) 不在 0–23 之间", en: "hour \(h) is not between 0 and 23"), range)
        }
        guard m < 60, sec < 60 else {
            throw badTime(raw, Localized(zh: "分钟或秒数须小于 60", en: "minutes and seconds must be below 60"), range)
        }
        guard h < 24 || (m == 0 && sec == 0) else {
            throw badTime(raw, Localized(zh: "24 点只能写作 24:00", en: "hour 24 is only 24:00"), range)
        }
        return (h, m, sec)
    }

    static func date(_ s: String, range: SourceRange, original: String? = nil) throws(ShellError) -> CivilDate {
        let raw = original ?? s
        func bad(_ why: Localized?) -> ShellError {
            original == nil
                ? ShellError(zh: "无效的日期“\(raw)”" + (why.map { "：\($0.zh)" } ?? "（应为 2019-12-19）"),
                             en: "bad date `\(raw)`" + (why.map { ": \($0.en)" } ?? " (expected 2019-12-19)"), range: range)
                : badTime(raw, why, range)
        }
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              p.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else {
            throw bad(Localized(zh: "日期应为 YYYY-MM-DD", en: "the date is YYYY-MM-DD"))
        }
        guard (1...12).contains(m) else {
            throw bad(Localized(zh: "月份 \(m) 不在 1–12 之间", en: "month \(m) is not between 1 and 12"))
        }
        guard let date = CivilDate(year: y, month: m, day: d) else {
            let n = CivilDate.daysInMonth(year: y, month: m)
            throw bad(Localized(zh: "\(y) 年 \(m) 月只有 \(n) 天", en: "day \(d) is not in \(y)-\(pad(m)) (\(n) days)"))
        }
        return date
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `2020-01` → (2020, 1): four digits, a dash, two digits, as the messages that ask for `YYYY-MM` say (`2020-1`
    /// and `+202-01` were taken as months by the monthly report); nil for anything else, the caller words the error.
    static func yearMonth(_ s: String) -> (year: Int, month: Int)? {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 2, p[0].count == 4, p[1].count == 2,
              p.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(p[0]), let m = Int(p[1]), (1...12).contains(m) else { return nil }
        return (y, m)
    }

    /// `3wd` → 3 (a count too large for a number is `Int.max`, refused by `boundedWorkdays`).
    static func workdays(_ s: String) -> Int? {
        guard s.hasSuffix("wd") else { return nil }
        // `+3wd` as `clock set +1h` writes it: the plus says "forward", which a span already is.
        var digits = s.dropLast(2)
        if digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits) ?? Int.max
    }

    /// `3wd` → 3, refusing more than `Limits.maxSpanDays` working days.
    static func boundedWorkdays(_ s: String, range: SourceRange) throws(ShellError) -> Int? {
        guard let n = workdays(s) else { return nil }
        guard n <= Limits.maxSpanDays else { throw tooLong(s, range) }
        return n
    }

    static func tooLong(_ raw: String, _ range: SourceRange) -> ShellError {
        let max = DocumentText.grouped(Limits.maxSpanDays)
        return ShellError(zh: "时长“\(raw)”超过上限 \(max) 天", en: "the span `\(raw)` is longer than the limit of \(max) days",
                          range: range)
    }

    enum SpanParse { case ok(Span), bad, tooLong }

    /// `2h`, `30m`, `1h30m`, `3d`, `45s`; at most `Limits.maxSpanDays` days in all.
    static func spanValue(_ raw: String) -> SpanParse {
        let limit = Int64(Limits.maxSpanDays) * 86_400
        var total: Int64 = 0
        var digits = ""
        // `clock advance +2h` as `clock set +2h` writes it (it was refused as a bad duration).
        let body = raw.first == "+" ? raw.dropFirst() : Substring(raw)
        for c in body {
            if c.isASCII && c.isNumber { digits.append(c); continue }
            let unit: Int64
            switch c {
            case "d": unit = 86_400
            case "h": unit = 3600
            case "m": unit = 60
            case "s": unit = 1
            default: return .bad
            }
            guard !digits.isEmpty else { return .bad }
            // Digits beyond Int64, or a product beyond the limit: too long, without overflowing.
            let n = Int64(digits) ?? Int64.max
            guard n <= (limit - total) / unit else { return .tooLong }
            total += n * unit
            digits = ""
        }
        guard !body.isEmpty, digits.isEmpty else { return .bad }
        return .ok(Span(seconds: total))
    }

    static func span(_ raw: String, range: SourceRange, allowWorkdays: Bool = false) throws(ShellError) -> Span {
        switch spanValue(raw) {
        case .ok(let s): return s
        case .tooLong: throw tooLong(raw, range)
        case .bad:
            let also = allowWorkdays ? Localized(zh: "，或工作日 3wd", en: ", or working days 3wd") : Localized("")
            throw ShellError(zh: "无效的时长“\(raw)”：应为 2h、30m、1h30m、3d 这样的写法\(also.zh)",
                             en: "bad duration `\(raw)`: expected 2h, 30m, 1h30m, 3d\(also.en)", range: range)
        }
    }
}
