extension Policy {
    /// Applies one profile line, already split into words, without the leading `policy`:
    ///
    /// ```
    /// name mingguang 明光市政务舆情回应制度（2019） "Mingguang … (2019)"
    /// cutoff 24:00
    /// rule verify "8 ¶2"
    /// set verify title 核实调查报告 "verification report"
    /// set verify limit 5wd
    /// set verify from claimed to verified
    /// supervision account-after 24h
    /// score claim-late -2
    /// ```
    ///
    /// The full syntax is in docs/rules.md. The core does not parse shell syntax (quotes, comments): the shell's
    /// lexer does and hands the words here. On error nothing changes.
    public mutating func apply(words: [String]) throws(PolicyError) {
        guard let command = words.first else { throw .missingCommand }
        var copy = self
        switch command {
        case "name":
            let w = try Words(words, from: 1)
            copy.name = try w.required(0, Localized(zh: "配置名称，例如 mingguang", en: "a profile name such as mingguang"))
            if w.count > 1 {
                let zh = w[1]
                copy.title = Localized(zh: zh, en: w.count > 2 ? w[2] : zh)
            }
            try w.noMoreThan(3)
        case "cutoff":
            let w = try Words(words, from: 1)
            let t = try w.required(0, Localized(zh: "截止时刻 HH:MM，例如 24:00 或 17:30", en: "a cut-off time HH:MM such as 24:00 or 17:30"))
            guard let s = TimeOfDay.parse(t), s > 0 else {
                throw .badValue(index: w.index(0), word: t,
                                expected: Localized(zh: "00:01–24:00 之间的 HH:MM", en: "HH:MM between 00:01 and 24:00"))
            }
            try w.noMoreThan(1)
            copy.cutoffSecondOfDay = s
        case "rule":
            let w = try Words(words, from: 1)
            let id = try w.required(0, Localized(zh: "规则 id", en: "a rule id"))
            guard Policy.isValidRuleID(id) else { throw .badRuleID(index: w.index(0), id: id) }
            guard copy.rule(id) == nil else { throw .duplicateRule(index: w.index(0), id: id) }
            let article = try w.required(1, Localized(zh: "条款，例如 \"8 ¶2\"", en: "an article such as \"8 ¶2\""))
            try w.noMoreThan(2)
            copy.rules.append(Rule(id: id, article: article))
        case "remove":
            let w = try Words(words, from: 1)
            let id = try w.required(0, Localized(zh: "规则 id", en: "a rule id"))
            let i = try copy.ruleIndex(id, at: w.index(0))
            try w.noMoreThan(1)
            copy.rules.remove(at: i)
        case "reading":
            try copy.readings.set(try Words(words, from: 1))
        case "set":
            let w = try Words(words, from: 1)
            let id = try w.required(0, Localized(zh: "规则 id", en: "a rule id"))
            let i = try copy.ruleIndex(id, at: w.index(0))
            let key = try w.required(1, Localized(zh: "设置项：\(PolicyKeys.all.joined(separator: "、"))",
                                                  en: "a setting: \(PolicyKeys.all.joined(separator: ", "))"))
            try Policy.set(&copy.rules[i], key: key, w.dropping(2))
        case "supervision":
            try copy.supervision.apply(try Words(words, from: 1))
        case "score":
            try copy.supervision.applyScore(try Words(words, from: 1))
        default:
            throw .unknownCommand(word: command,
                                  suggestion: DidYouMean.suggest(command, among: Policy.commands))
        }
        self = copy
    }

    private func ruleIndex(_ id: String, at index: Int) throws(PolicyError) -> Int {
        guard let i = rules.firstIndex(where: { $0.id == id }) else {
            throw .unknownRule(index: index, id: id, suggestion: DidYouMean.suggest(id, among: rules.map(\.id)))
        }
        return i
    }

    static func isValidRuleID(_ id: String) -> Bool {
        guard let f = id.unicodeScalars.first, ("a"..."z").contains(f) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
    }

    private static func set(_ rule: inout Rule, key: String, _ w: Words) throws(PolicyError) {
        let keyIndex = w.offset - 1
        switch key {
        case "article":
            rule.article = try w.required(0, Localized(zh: "条款，例如 \"8 ¶2\"", en: "an article such as \"8 ¶2\""))
            try w.noMoreThan(1)
        case "title", "about":
            let zh = try w.required(0, Localized(zh: "中文文本", en: "the Chinese text"))
            let en = try w.required(1, Localized(zh: "英文文本", en: "the English text"))
            try w.noMoreThan(2)
            if key == "title" { rule.title = Localized(zh: zh, en: en) } else { rule.about = Localized(zh: zh, en: en) }
        case "limit":
            func expected() -> Localized {
                Localized(zh: "时限：5wd（工作日）、2h / 30m / 7d（自然时间）、every 1h（频次）、patrol（巡查间隔）或 none",
                          en: "a limit: 5wd (working days), 2h / 30m / 7d (elapsed), every 1h (cadence), patrol (the patrol interval) or none")
            }
            let v = try w.required(0, expected())
            if v == "every" {
                let s = try w.required(1, expected())
                guard let span = parseSpan(s), span.seconds > 0 else { throw .badValue(index: w.index(1), word: s, expected: expected()) }
                try w.noMoreThan(2)
                rule.clock = .cadence(span)
                return
            }
            try w.noMoreThan(1)
            if v == "patrol" { rule.clock = .patrolInterval }
            else if v == "none" { rule.clock = .none }
            else if v.hasSuffix("wd"), let n = Int(v.dropLast(2)), n >= 0, v.first?.isNumber == true { rule.clock = .workingDays(n) }
            else if let span = parseSpan(v), span.seconds > 0 { rule.clock = .elapsed(span) }
            else { throw .badValue(index: w.index(0), word: v, expected: expected()) }
        case "from", "to":
            func expected() -> Localized {
                Localized(zh: "事件：\(Milestone.allCases.map(\.rawValue).joined(separator: "、"))或 none",
                          en: "a milestone: \(Milestone.allCases.map(\.rawValue).joined(separator: ", ")) or none")
            }
            func milestone(_ i: Int) throws(PolicyError) -> Milestone? {
                let m = try w.required(i, expected())
                if m == "none" { return nil }
                guard let v = Milestone(rawValue: m) else { throw .badValue(index: w.index(i), word: m, expected: expected()) }
                return v
            }
            let first = try milestone(0)
            if key == "to" {
                try w.noMoreThan(1)
                rule.end = first
            } else if w.count > 1 {
                guard w[1] == "to" else { throw .extraWord(index: w.index(1), word: w[1]) }
                let end = try milestone(2)
                try w.noMoreThan(3)
                rule.start = first
                rule.end = end
            } else {
                rule.start = first
            }
        case "window":
            let dayExpected = Localized(zh: "workday（工作日）或 rest（休息日及节假日）", en: "workday or rest")
            let d = try w.required(0, dayExpected)
            guard let days = DayClass(rawValue: d) else { throw .badValue(index: w.index(0), word: d, expected: dayExpected) }
            let rangeExpected = Localized(zh: "时段 HH:MM-HH:MM（例如 08:00-18:00）或 none", en: "a span HH:MM-HH:MM (such as 08:00-18:00) or none")
            let r = try w.required(1, rangeExpected)
            try w.noMoreThan(2)
            rule.windows.removeAll { $0.days == days }
            if r == "none" { return }
            let parts = r.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let s = TimeOfDay.parse(String(parts[0])), let e = TimeOfDay.parse(String(parts[1])),
                  s < e else { throw .badValue(index: w.index(1), word: r, expected: rangeExpected) }
            rule.windows.append(PatrolWindow(days: days, start: s, end: e))
            rule.windows.sort { ($0.days == .workday ? 0 : 1, $0.start) < ($1.days == .workday ? 0 : 1, $1.start) }
        case "applies":
            let expected = Localized(zh: "all，或 general / high-attention / major-sensitive 及 historical / not-historical",
                                     en: "all, or general / high-attention / major-sensitive and historical / not-historical")
            _ = try w.required(0, expected)
            var a = Applicability()
            for i in 0..<w.count {
                let v = w[i]
                if v == "all", w.count == 1 { break }
                if let l = Level(code: v) { a.levels = (a.levels ?? []).union([l]) }
                else if v == "historical" || v == "历史遗留" { a.historical = true }
                else if v == "not-historical" { a.historical = false }
                else { throw .badValue(index: w.index(i), word: v, expected: expected) }
            }
            rule.applies = a
        case "by":
            let expected = Localized(zh: "department（认领部门）或 coordinators（政务公开办、网宣办）", en: "department or coordinators")
            let v = try w.required(0, expected)
            guard let p = Party(rawValue: v) else { throw .badValue(index: w.index(0), word: v, expected: expected) }
            try w.noMoreThan(1)
            rule.party = p
        case "review":
            let expected = Localized(zh: "coordinators（须会商审定）或 none", en: "coordinators (reviewed before publishing) or none")
            let v = try w.required(0, expected)
            guard v == "coordinators" || v == "none" else { throw .badValue(index: w.index(0), word: v, expected: expected) }
            try w.noMoreThan(1)
            rule.coordinatorsReview = v == "coordinators"
        default:
            throw .unknownKey(index: keyIndex, key: key, suggestion: DidYouMean.suggest(key, among: PolicyKeys.all))
        }
    }

    /// `2h`, `30m`, `1h30m`, `7d`, `90s`: a sequence of number–unit pairs.
    static func parseSpan(_ text: String) -> Span? {
        var total: Int64 = 0
        var number = ""
        var sawUnit = false
        for ch in text {
            if ch.isASCII, ch.isNumber {
                number.append(ch)
                continue
            }
            guard let n = Int64(number) else { return nil }
            switch ch {
            case "d": total += n * 86_400
            case "h": total += n * 3600
            case "m": total += n * 60
            case "s": total += n
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit else { return nil }
        return Span(seconds: total)
    }
}

/// The words of a line after some prefix, keeping their indices in the original line for error carets.
struct Words {
    let all: [String]
    let offset: Int

    init(_ all: [String], from offset: Int) throws(PolicyError) {
        self.all = all
        self.offset = offset
    }

    var count: Int { max(0, all.count - offset) }
    subscript(i: Int) -> String { all[offset + i] }
    func index(_ i: Int) -> Int { offset + i }
    func dropping(_ n: Int) -> Words { Words(unchecked: all, offset: offset + n) }

    private init(unchecked all: [String], offset: Int) {
        self.all = all
        self.offset = offset
    }

    /// `expected` is worded only when the word is missing: every start of yuqing applies the built-in profile's
    /// lines, and wording each line's message (some list every setting) was most of that.
    func required(_ i: Int, _ expected: @autoclosure () -> Localized) throws(PolicyError) -> String {
        guard i < count else { throw .missingArgument(index: min(offset + i, all.count), expected: expected()) }
        return self[i]
    }

    func noMoreThan(_ n: Int) throws(PolicyError) {
        if count > n { throw .extraWord(index: offset + n, word: self[n]) }
    }
}
