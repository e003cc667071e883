/// The assessment formula (考核计分, Art. 12) as data: a starting score, a floor, and a weight per counted outcome.
///
/// Art. 12 says claims, disposal and responses "count in the assessment score" but gives no numbers, so yuqing ships
/// a documented default (`ScoreFormula.yuqingDefault`, docs/supervision.md) that a city replaces with its own. Weights
/// are kept in tenths of a point so that arithmetic is exact and output is byte-for-byte stable.
///
/// Text form, one setting a line (`#` starts a comment; a leading `score` word is allowed, so a file can be
/// pasted from a script):
///
/// ```
/// start 100
/// floor 0
/// claim-late -2
/// designated -5
/// patrol-shortfall -0.2
/// ```
public struct ScoreFormula: Sendable, Hashable {
    /// Score before deductions, in tenths (1000 = 100 points).
    public var startTenths: Int
    /// The lowest score given, in tenths; nil: no floor.
    public var floorTenths: Int?
    /// Points per counted outcome, in tenths; keys are `ScoreFormula.keys`.
    public var weights: [String: Int]

    public init(startTenths: Int, floorTenths: Int?, weights: [String: Int]) {
        self.startTenths = startTenths
        self.floorTenths = floorTenths
        self.weights = weights
    }

    public func weight(_ key: String) -> Int { weights[key] ?? 0 }

    /// The outcome keys a weight can be given to, in display order.
    /// (A claim is never "overdue" for a department: unclaimed, it is nobody's until designated — then `designated`.)
    public static let keys: [String] = ObligationClass.allCases.flatMap { c in
        ["\(c.rawValue)-on-time", "\(c.rawValue)-late"] + (c == .claim ? [] : ["\(c.rawValue)-overdue"])
    } + ["designated", "undesignated", "extension-applied", "extension-approved", "patrol-shortfall"]

    /// What each key counts, for `score formula` and the docs.
    public static func meaning(_ key: String) -> Localized {
        switch key {
        case "designated": return Localized(zh: "逾期未认领、由政务公开办网宣办指定认领的案件（每件）", en: "per case not claimed in time and designated by the coordinators")
        case "undesignated": return Localized(zh: "超过认领时限仍未认领、也未指定的案件（每件，计政务公开办、网宣办）", en: "per case unclaimed past its claim deadline and not yet designated (the coordinators')")
        case "extension-applied": return Localized(zh: "提出的延期申请（每件）", en: "per extension application")
        case "extension-approved": return Localized(zh: "获批的延期申请（每件）", en: "per approved extension")
        case "patrol-shortfall": return Localized(zh: "巡查达标率每低于 100% 一个百分点", en: "per percentage point of patrol compliance below 100%")
        default: break
        }
        guard let (c, o) = outcomeKey(key) else { return Localized(key) }
        let oz = o == "on-time" ? "按时完成" : o == "late" ? "逾期完成" : "超期未完成"
        return Localized(zh: "\(c.name.zh)\(oz)（每项）", en: "per \(c.name.en) \(o == "on-time" ? "on time" : o)")
    }

    /// The class and outcome of a key such as `verify-late` (`on-time`, `late` or `overdue`).
    static func outcomeKey(_ key: String) -> (ObligationClass, String)? {
        for c in ObligationClass.allCases {
            for o in ["on-time", "late", "overdue"] where key == "\(c.rawValue)-\(o)" { return (c, o) }
        }
        return nil
    }

    /// A short name of a key for sentences (`认领逾期`, `late claim`); `meaning` says what it counts.
    public static func label(_ key: String) -> Localized {
        switch key {
        case "start": return Localized(zh: "起始分", en: "start")
        case "floor": return Localized(zh: "最低分", en: "floor")
        case "designated": return Localized(zh: "逾期被指定", en: "designated")
        case "undesignated": return Localized(zh: "逾期未指定", en: "undesignated")
        case "extension-applied": return Localized(zh: "延期申请", en: "extension applied")
        case "extension-approved": return Localized(zh: "延期获批", en: "extension approved")
        case "patrol-shortfall": return Localized(zh: "巡查达标率每低一个百分点", en: "per point of patrol shortfall")
        default: break
        }
        guard let (c, o) = outcomeKey(key) else { return Localized(key) }
        let zh = o == "on-time" ? "按时" : o == "late" ? "逾期" : "超期"
        return Localized(zh: "\(c.name.zh)\(zh)", en: "\(c.name.en) \(o == "on-time" ? "on time" : o)")
    }

    /// yuqing's default (not the seed's: the policy text has no numbers). Documented in docs/supervision.md; the
    /// built-in profiles write it out as `policy score …` lines.
    public static let yuqingDefault = ScoreFormula(startTenths: 1000, floorTenths: 0, weights: [
        "claim-late": -20, "designated": -50, "undesignated": -50,
        "unit-report-late": -10, "unit-report-overdue": -20,
        "verify-late": -20, "verify-overdue": -40,
        "respond-late": -20, "respond-overdue": -40,
        "instruct-late": -30, "instruct-overdue": -50,
        "escalate-late": -30, "escalate-overdue": -50,
        "other-late": -10, "other-overdue": -20,
        "patrol-shortfall": -2,
    ])

    /// The formula as text lines, in `keys` order; zero weights are written too so the file lists every key.
    public var lines: [String] {
        var out = ["start \(Points.text(startTenths))"]
        out.append("floor \(floorTenths.map(Points.text) ?? "none")")
        for k in ScoreFormula.keys { out.append("\(k) \(Points.text(weight(k)))") }
        return out
    }

    /// Applies one setting (`claim-late -2`, `start 100`, `floor none`). On error nothing changes.
    public mutating func set(_ key: String, _ value: String) throws(ScoreFormulaError) {
        if key == "floor", value == "none" {
            floorTenths = nil
            return
        }
        guard let v = Points.parse(value) else { throw .badValue(key: key, value: value) }
        switch key {
        case "start": startTenths = v
        case "floor": floorTenths = v
        default:
            guard ScoreFormula.keys.contains(key) else {
                throw .unknownKey(key, suggestion: DidYouMean.suggest(key, among: ["start", "floor"] + ScoreFormula.keys))
            }
            weights[key] = v == 0 ? nil : v
        }
    }

    /// Parses a formula file: settings applied over `base` (so a file may change only a few weights).
    public static func parse(_ text: String, base: ScoreFormula = .yuqingDefault) throws(ScoreFormulaError) -> ScoreFormula {
        var f = base
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if words.first == "score" { words.removeFirst() }
            if words.first == "formula" { words.removeFirst() }
            if words.isEmpty { continue }
            guard words.count == 2 else { throw .badLine(n + 1, String(raw)) }
            do { try f.set(words[0], words[1]) } catch { throw .atLine(n + 1, error.message) }
        }
        return f
    }
}

public enum ScoreFormulaError: YuqingError, Hashable {
    case unknownKey(String, suggestion: String?)
    case badValue(key: String, value: String)
    case badLine(Int, String)
    case atLine(Int, Localized)

    public var message: Localized {
        switch self {
        case let .unknownKey(k, s):
            let hint = s.map { Localized(zh: "（是否想输入 \($0)？）", en: " (did you mean \($0)?)") } ?? Localized("")
            return Localized(zh: "未知的计分项“\(k)”\(hint.zh)", en: "unknown score key “\(k)”\(hint.en)")
        case let .badValue(k, v):
            return Localized(zh: "\(k) 的分值“\(v)”无效：应为数字，如 -2 或 -0.5", en: "“\(v)” is not a valid value for \(k): a number such as -2 or -0.5")
        case let .badLine(n, l):
            return Localized(zh: "第 \(n) 行应为“计分项 分值”：\(l)", en: "line \(n) should be “KEY VALUE”: \(l)")
        case let .atLine(n, m):
            return Localized(zh: "第 \(n) 行：\(m.zh)", en: "line \(n): \(m.en)")
        }
    }

    public var kind: ErrorKind { .usage }

    public var hint: Localized? {
        guard case .unknownKey = self else { return nil }
        return Localized(zh: "`score formula` 列出全部计分项", en: "`score formula` lists every key")
    }
}

/// Points in tenths ⇄ text (`-2`, `-0.5`, `97.5`).
public enum Points {
    public static func text(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// Always with one decimal: `97.5`, `100.0`.
    public static func fixed(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return "\(sign)\(a / 10).\(a % 10)"
    }

    public static func parse(_ s: String) -> Int? {
        var t = Substring(s)
        var negative = false
        if t.first == "-" || t.first == "−" { negative = true; t = t.dropFirst() } else if t.first == "+" { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int(parts[0]), whole < 100_000 else { return nil }
        var tenth = 0
        if parts.count == 2 {
            guard parts[1].count == 1, let d = Int(parts[1]), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            tenth = d
        }
        let v = whole * 10 + tenth
        return negative ? -v : v
    }
}
