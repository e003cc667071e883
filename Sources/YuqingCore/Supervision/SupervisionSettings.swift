/// Who owes patrols (Art. 5).
///
/// Art. 5 names the open-government office, the government office, the public security bureau, the emergency office,
/// the letters and calls bureau and "the relevant government departments"; Art. 6 has the coordinators (the
/// open-government office and the network propaganda office) watch the network. yuqing's default reads them all as
/// every department of the directory, the propaganda department and the network propaganda office included.
public enum PatrolDuty: Sendable, Hashable {
    /// Every department of the directory except these, plus any other department that logged a patrol.
    case all(except: [String])
    /// Exactly these departments.
    case only([String])

    /// The words of the profile line after `patrol-duty`.
    var words: [String] {
        switch self {
        case .all(let x): x.isEmpty ? ["all"] : ["all", "except"] + x
        case .only(let d): ["only"] + d
        }
    }

    /// The departments named, for checking them against the directory.
    public var named: [String] {
        switch self {
        case .all(let x): x
        case .only(let d): d
        }
    }
}

/// How a patrol cadence is counted (Art. 6: "every hour" in office hours, "every 2 hours" in the evening and on rest
/// days).
public enum PatrolModel: String, CaseIterable, Sendable, Hashable {
    /// Fixed clock slots: each window is cut into slots of its cadence from the window's start (08–09, 09–10 …);
    /// one patrol inside a slot meets it.
    case slots
    /// A rolling interval: within a window the next patrol is owed one cadence after the previous one (the first one
    /// cadence after the window opens); a deadline passed without a patrol is a miss and the next one runs from it.
    case rolling
}

/// Who answers for a case still unclaimed past its claim deadline that the coordinators have not designated (Art. 6
/// makes designating their duty).
public enum UnclaimedOwner: String, CaseIterable, Sendable, Hashable {
    /// The coordinators: the case costs them `undesignated` on their own row and is their finding.
    case coordinators
    /// Nobody until it is designated: listed as a late limit for the coordinators to designate, never scored.
    case nobody
}

/// The readings of Art. 5, 6, 12 and 13 that the text leaves open, as settings of the profile (`policy supervision
/// KEY VALUE…`, `policy score KEY VALUE`). Each has a documented default (docs/supervision.md), shown by `policy
/// show`, `score formula` and the notes of the reports.
public struct SupervisionSettings: Sendable, Hashable {
    /// Who owes patrols (Art. 5).
    public var patrolDuty: PatrolDuty = .all(except: [])
    /// How patrol cadences are counted (Art. 6).
    public var patrolModel: PatrolModel = .slots
    /// Who answers for an unclaimed, undesignated case past its claim deadline (Art. 6).
    public var unclaimed: UnclaimedOwner = .coordinators
    /// A late limit is an accountability finding when late by more than this (Art. 13)…
    public var accountAfter: Span = .hours(24)
    /// …or, late by any amount, on a case of one of these levels (Art. 13: "major problems").
    public var accountLevels: [Level] = [.majorSensitive]
    /// The score formula (Art. 12 sets no numbers).
    public var formula: ScoreFormula = .yuqingDefault

    public init() {}

    /// yuqing's defaults.
    public static let yuqingDefault = SupervisionSettings()

    /// The keys of `policy supervision`, in display order.
    public static let keys = ["patrol-duty", "patrol-model", "unclaimed", "account-after", "account-levels"]

    /// Whether a late limit (late or overdue as of the assessment) is an accountability finding: late by more than
    /// `accountAfter`, or on a case of one of `accountLevels`. An unclaimed case nobody answers for never is.
    public func isAccountable(lateness: Span, level: Level?, unclaimed: Bool) -> Bool {
        if unclaimed && self.unclaimed == .nobody { return false }
        guard lateness.seconds > 0 else { return false }
        if lateness > accountAfter { return true }
        if let level, accountLevels.contains(level) { return true }
        return false
    }

    /// Applies the words after `supervision` (`patrol-model rolling`), which keep their indices in the whole line
    /// for carets. On error nothing changes.
    mutating func apply(_ w: Words) throws(PolicyError) {
        let key = try w.required(0, Localized(zh: "设置项：\(Self.keys.joined(separator: "、"))", en: "a setting: \(Self.keys.joined(separator: ", "))"))
        let v = w.dropping(1)
        var copy = self
        if let choice = Self.choices.first(where: { $0.key == key }) {
            try choice.parse(v, into: &copy)
            self = copy
            return
        }
        switch key {
        case "patrol-duty":
            let expected = Localized(zh: "all、all except 部门…… 或 only 部门……", en: "all, all except DEPT… or only DEPT…")
            let mode = try v.required(0, expected)
            let depts = (1..<max(1, v.count)).compactMap { $0 < v.count ? v[$0].lowercased() : nil }
            switch mode {
            case "all":
                if v.count > 1 {
                    guard v[1] == "except" else { throw .badValue(index: v.index(1), word: v[1], expected: Localized(zh: "except", en: "except")) }
                    guard v.count > 2 else { throw .missingArgument(index: v.index(2), expected: Localized(zh: "部门代码", en: "a department code")) }
                    copy.patrolDuty = .all(except: Array(depts.dropFirst()))
                } else {
                    copy.patrolDuty = .all(except: [])
                }
            case "only":
                guard v.count > 1 else { throw .missingArgument(index: v.index(1), expected: Localized(zh: "部门代码", en: "a department code")) }
                copy.patrolDuty = .only(depts)
            default:
                throw .badValue(index: v.index(0), word: mode, expected: expected)
            }
        case "account-after":
            let expected = Localized(zh: "时长，如 0、30m、24h、3d", en: "a span such as 0, 30m, 24h, 3d")
            let s = try v.required(0, expected)
            try v.noMoreThan(1)
            if s == "0" {
                copy.accountAfter = Span(seconds: 0)
            } else {
                guard let span = Policy.parseSpan(s), span.seconds > 0 else { throw .badValue(index: v.index(0), word: s, expected: expected) }
                copy.accountAfter = span
            }
        case "account-levels":
            let expected = Localized(zh: "级别 general / high-attention / major-sensitive，或 none", en: "levels general / high-attention / major-sensitive, or none")
            let first = try v.required(0, expected)
            if first == "none" {
                try v.noMoreThan(1)
                copy.accountLevels = []
            } else {
                var levels: [Level] = []
                for i in 0..<v.count {
                    guard let l = Level(code: v[i]) else { throw .badValue(index: v.index(i), word: v[i], expected: expected) }
                    if !levels.contains(l) { levels.append(l) }
                }
                copy.accountLevels = Level.allCases.filter(levels.contains)
            }
        default:
            throw .unknownSetting(index: w.index(0), key: key, expected: Self.keys, suggestion: DidYouMean.suggest(key, among: Self.keys))
        }
        self = copy
    }

    /// Applies the words after `score` (`claim-late -2`).
    mutating func applyScore(_ w: Words) throws(PolicyError) {
        let all = ["start", "floor"] + ScoreFormula.keys
        let key = try w.required(0, Localized(zh: "计分项：\(all.joined(separator: "、"))", en: "a score key: \(all.joined(separator: ", "))"))
        let value = try w.required(1, Localized(zh: "分值，如 -2 或 -0.5", en: "points such as -2 or -0.5"))
        try w.noMoreThan(2)
        do throws(ScoreFormulaError) { try formula.set(key, value) } catch {
            switch error {
            case .unknownKey(_, let s): throw .unknownSetting(index: w.index(0), key: key, expected: all, suggestion: s)
            default: throw .badValue(index: w.index(1), word: value, expected: Localized(zh: "分值，如 -2 或 -0.5", en: "points such as -2 or -0.5"))
            }
        }
    }

    /// The settings as profile lines (without `policy`), every key written.
    public var lines: [[String]] {
        var out: [[String]] = [
            ["supervision", "patrol-duty"] + patrolDuty.words,
            ["supervision", "patrol-model", patrolModel.rawValue],
            ["supervision", "unclaimed", unclaimed.rawValue],
            ["supervision", "account-after", afterWord],
            ["supervision", "account-levels"] + levelWords,
        ]
        out += formula.lines.map { ["score"] + $0.split(separator: " ").map(String.init) }
        return out
    }

    /// `account-after` and `account-levels` as the profile line writes them.
    var afterWord: String { accountAfter.seconds == 0 ? "0" : SpanText.code(accountAfter) }
    var levelWords: [String] { accountLevels.isEmpty ? ["none"] : accountLevels.map(\.rawValue) }

    /// The settings that are a choice of words (Art. 6), as `policy show` and the reports' notes describe them.
    static let choices: [ChoiceSetting<SupervisionSettings>] = [
        ChoiceSetting("patrol-model", PatrolModel.self, get: { $0.patrolModel }, set: { $0.patrolModel = $1 },
                      article: Article.cite("6"), title: Localized(zh: "巡查频次的核对方式", en: "how patrol cadences are counted"),
                      expected: Localized(zh: "slots（固定时段）或 rolling（滚动间隔）", en: "slots or rolling")) {
            $0 == .slots
                ? Localized(zh: "按固定时段核对：每个巡查时段按频次切成整点时段，时段内巡查一次即为达标；时段以外（如 0:00–8:00）不要求巡查",
                            en: "fixed clock slots: each patrol window is cut into slots of its cadence from its start, one patrol inside a slot meets it; nothing is owed outside the windows (such as 00:00–08:00)")
                : Localized(zh: "按滚动间隔核对：时段内每次巡查后一个频次内应再巡查，逾时即为漏巡；时段以外不要求巡查",
                            en: "rolling interval: within a window each patrol is owed one cadence after the previous one, a deadline passed is a miss; nothing is owed outside the windows")
        },
        ChoiceSetting("unclaimed", UnclaimedOwner.self, get: { $0.unclaimed }, set: { $0.unclaimed = $1 },
                      article: Article.cite("6"),
                      title: Localized(zh: "逾期无人认领、未被指定的案件由谁负责", en: "who answers for a case unclaimed past its deadline and not designated"),
                      expected: Localized(zh: "coordinators（政务公开办、网宣办）或 nobody（无人）", en: "coordinators or nobody")) {
            $0 == .coordinators
                ? Localized(zh: "超过认领时限仍无人认领、未被指定的案件，由政务公开办、网宣办负责（计入其“未指定”项）",
                            en: "a case unclaimed past its claim deadline and not designated is the coordinators' to answer for (counted as undesignated on their row of the score)")
                : Localized(zh: "超过认领时限仍无人认领的案件，在被指定前不计入任何部门的考核",
                            en: "a case unclaimed past its claim deadline counts against nobody until it is designated")
        },
    ]

    /// Every `policy supervision` setting, described in both languages (the formula is listed by `score formula`).
    public var described: [SettingRow] {
        let levels = accountLevels.map { $0.name }
        let dutyText: Localized = switch patrolDuty {
        case .all(let x) where x.isEmpty:
            Localized(zh: "部门名录中的每个部门（含市委宣传部、网宣办），以及记录过巡查的其他部门",
                      en: "every department of the directory (the propaganda department and the network propaganda office included), and any other that logged a patrol")
        case .all(let x):
            Localized(zh: "部门名录中除 \(x.joined(separator: "、")) 以外的每个部门", en: "every department of the directory except \(x.joined(separator: ", "))")
        case .only(let d):
            Localized(zh: "仅 \(d.joined(separator: "、"))", en: "only \(d.joined(separator: ", "))")
        }
        let after = SpanText.of(accountAfter, dayParts: true)
        let d = Self.yuqingDefault
        return [
            SettingRow(key: "patrol-duty", value: patrolDuty.words.joined(separator: " "),
                       defaultValue: d.patrolDuty.words.joined(separator: " "), article: Article.cite("5"),
                       title: Localized(zh: "应巡查的部门", en: "who owes patrols"), meaning: dutyText),
        ] + Self.choices.map { $0.row(self, defaults: d) } + [
            SettingRow(key: "account-after", value: afterWord, defaultValue: d.afterWord, article: Article.cite("13"),
                       title: Localized(zh: "问责标准：逾期时长", en: "accountability threshold: lateness"),
                       meaning: Localized(zh: "逾期超过 \(after.zh)的时限列为问责线索，其余作为逾期时限记录在案",
                                          en: "a limit late by more than \(after.en) is an accountability finding; the rest are listed as late limits")),
            SettingRow(key: "account-levels", value: levelWords.joined(separator: " "), defaultValue: d.levelWords.joined(separator: " "),
                       article: Article.cite("13"), title: Localized(zh: "问责标准：案件级别", en: "accountability threshold: level"),
                       meaning: levels.isEmpty
                        ? Localized(zh: "不按案件级别另列问责线索", en: "no level makes every late limit a finding")
                        : Localized(zh: "\(levels.map(\.zh).joined(separator: "、"))案件的任何逾期都列为问责线索",
                                    en: "on \(levels.map(\.en).joined(separator: " or ")) cases any late limit is a finding")),
        ]
    }

    /// One sentence naming the accountability threshold, for summaries and the reports' notes.
    public var thresholdText: Localized {
        let after = SpanText.of(accountAfter, dayParts: true)
        let levels = accountLevels.map(\.name)
        let lz = levels.isEmpty ? "" : "，或\(levels.map(\.zh).joined(separator: "、"))案件逾期"
        let le = levels.isEmpty ? "" : ", or late on a \(levels.map(\.en).joined(separator: " or ")) case"
        return Localized(zh: "逾期超过 \(after.zh)\(lz)", en: "late by more than \(after.en)\(le)")
    }
}
