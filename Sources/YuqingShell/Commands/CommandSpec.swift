import YuqingCore

/// The groups `help` lists verbs under, in this order.
public enum CommandGroup: String, Sendable, CaseIterable {
    case shell, cases, queries, meetings, rules, supervision, drills, admin

    public var title: Localized {
        switch self {
        case .shell: Localized(zh: "外壳", en: "Shell")
        case .cases: Localized(zh: "案件办理", en: "Cases")
        case .queries: Localized(zh: "查询", en: "Queries")
        case .meetings: Localized(zh: "会商研判", en: "Meetings")
        case .rules: Localized(zh: "制度与日历", en: "Rules and calendar")
        case .supervision: Localized(zh: "督查考核", en: "Supervision")
        case .drills: Localized(zh: "演练", en: "Drills")
        case .admin: Localized(zh: "管理", en: "Administration")
        }
    }
}

/// One verb (or sub-verb) of the language. The same table drives parsing, `help`, completion and
/// `docs/commands.md`, so a verb exists in exactly one place. A `Verb` fills `positionals` and `flags` from its
/// declared properties; write the rest.
public struct CommandSpec: Sendable {
    public var name: String
    /// The Chinese alias, accepted everywhere the name is.
    public var alias: String
    public var group: CommandGroup
    public var summary: Localized
    /// The usage line as written; empty: generated from the arguments (see `usage`).
    public var synopsis: String
    public var help: Localized
    public var examples: [String]
    public var positionals: [ArgSpec]
    public var flags: [FlagSpec]
    /// Every declared argument of a `Verb` (for the declaration checks).
    public var declarations: [ArgumentDeclaration] = []
    /// Sub-verbs (`clock set`), each an entry with its own handler: the parser returns the leaf entry. A verb with
    /// sub-verbs may also have a form of its own (`extend CASE`), used when the next word is not a sub-verb.
    public var subverbs: [CommandEntry]
    /// For a verb that only groups sub-verbs: the sub-verb that runs when none is named (`drill` → `drill status`).
    public var defaultSubverb: String?
    /// The verb this is a sub-verb of (set by the parent).
    public var parent: String?
    /// Changes state: accepts `--at TIME` automatically, and `record` writes it.
    public var mutates: Bool
    /// Accepts a trailing `<<END … END` block: it fills the next missing text positional, else an option declared
    /// `fromBlock` (or `--text`) that was not given; it is always in `Invocation.textBlock` too.
    public var textBlock: Bool
    /// Left out of `help` lists and completion (still documented in commands.md).
    public var hidden: Bool
    /// Waits a long time for a person or the clock (`watch`, `drill wait`): a script commits what it did before
    /// and shows its answers first, so no write lock and no held answer outlives the wait (`Session.settle`).
    public var waits: Bool
    /// Commits on its own (`store rebuild`): a script commits what it did before, as for `waits`, and counts the
    /// command as committed once it has answered, so its answer is shown at once and a later failed commit never
    /// names it among the commands not stored.
    public var commitsAlone: Bool
    /// A free-words argument written `KEY VALUE` (`policy reading rest-day-start deemed`): its keys and each key's
    /// values, which tab completion offers (the words themselves are read by the verb).
    public var keyedWords: [KeyedWords] = []

    public init(
        name: String, alias: String, group: CommandGroup, summary: Localized, synopsis: String = "",
        help: Localized? = nil, examples: [String] = [], positionals: [ArgSpec] = [], flags: [FlagSpec] = [],
        subverbs: [CommandEntry] = [], defaultSubverb: String? = nil, mutates: Bool = false, textBlock: Bool = false,
        hidden: Bool = false, waits: Bool = false, commitsAlone: Bool = false
    ) {
        self.name = name
        self.alias = alias
        self.group = group
        self.summary = summary
        self.synopsis = synopsis
        self.help = help ?? summary
        self.examples = examples
        self.positionals = positionals
        self.flags = flags
        self.subverbs = subverbs.map { e in
            var e = e
            e.editSpec { $0.parent = name }
            return e
        }
        self.defaultSubverb = defaultSubverb
        self.mutates = mutates
        self.textBlock = textBlock
        self.hidden = hidden
        self.waits = waits
        self.commitsAlone = commitsAlone
    }

    /// True when `word` names this verb (English name case-insensitively, or the Chinese alias).
    public func matches(_ word: String) -> Bool {
        word.lowercased() == name.lowercased() || (!alias.isEmpty && word == alias)
    }

    /// The sub-verb named by `word`, if any.
    public func subverb(named word: String) -> CommandEntry? { subverbs.first { $0.matches(word) } }

    /// `drill status` for a sub-verb, `claim` for a verb.
    public var fullName: String { parent.map { "\($0) \(name)" } ?? name }

    /// The verb typed first: `drill` for `drill status`.
    public var rootName: String { parent ?? name }

    /// The usage line: as written, else built from the declared arguments (`drill advance SPAN`).
    public var usage: String {
        if !synopsis.isEmpty { return synopsis }
        var parts = [fullName] + positionals.map(HelpText.argLine)
        for f in allFlags { parts.append(f.required ? HelpText.flagLine(f) : "[\(HelpText.flagLine(f))]") }
        return parts.joined(separator: " ")
    }

    /// The flags this verb accepts, including `--at` when it mutates (flags the interpreter adds for every verb,
    /// such as `--format`, are in `FlagSpec.global`).
    public var allFlags: [FlagSpec] {
        var f = flags
        if mutates && !f.contains(where: { $0.name == "at" }) { f.append(.at) }
        return f
    }
}

/// A positional argument.
public struct ArgSpec: Sendable {
    public var name: String
    public var kind: ValueKind
    public var optional: Bool
    /// Takes every remaining positional word.
    public var variadic: Bool
    public var help: Localized

    public init(_ name: String, _ kind: ValueKind, optional: Bool = false, variadic: Bool = false,
                help: Localized = Localized("")) {
        self.name = name
        self.kind = kind
        self.optional = optional
        self.variadic = variadic
        self.help = help
    }
}

/// One key of a `KEY VALUE` argument and the values it takes (`CommandSpec.keyedWords`).
public struct KeyedWords: Sendable {
    public var key: String
    public var values: [String]

    public init(_ key: String, _ values: [String]) {
        self.key = key
        self.values = values
    }
}

/// A `--flag`.
public struct FlagSpec: Sendable {
    /// Without the leading `--`.
    public var name: String
    public var kind: ValueKind
    public var help: Localized
    public var repeatable: Bool
    /// An optional Chinese spelling (`--部门`), accepted like the name.
    public var alias: String?
    /// The parser refuses the command without it.
    public var required: Bool
    /// Filled from the command's `<<END … END` block when not given.
    public var fromBlock: Bool

    public init(_ name: String, _ kind: ValueKind, help: Localized = Localized(""), repeatable: Bool = false,
                alias: String? = nil, required: Bool = false, fromBlock: Bool = false) {
        self.name = name
        self.kind = kind
        self.help = help
        self.repeatable = repeatable
        self.alias = alias
        self.required = required
        self.fromBlock = fromBlock
    }

    public func matches(_ word: String) -> Bool { word == name || (alias.map { $0 == word } ?? false) }

    /// `--at TIME`, added to every mutating verb.
    public static let at = FlagSpec("at", .time, help: Localized(
        zh: "生效时间（事后补录时使用）", en: "effective time (for entries made after the fact)"))

    /// Accepted by every verb: the output format of this one command.
    public static let format = FlagSpec("format", .choice(OutputFormat.allCases.map {
        Choice($0.rawValue, zh: $0.chineseName, help: Localized($0.rawValue))
    }), help: Localized(zh: "本命令的输出格式", en: "output format of this command"))

    /// Accepted by every verb: a UTF-8 byte-order mark before CSV output (for Excel).
    public static let bom = FlagSpec("bom", .switch, help: Localized(
        zh: "CSV 输出带 UTF-8 BOM（供 Excel 使用）", en: "write a UTF-8 byte-order mark before CSV (for Excel)"))

    public static let global: [FlagSpec] = [format, bom]
}

/// What kind of value a positional or flag takes; the parser checks the format and the range, handlers check
/// the meaning (does C7 exist?).
public enum ValueKind: Sendable {
    case text
    /// A single word (no meaning attached), e.g. a person's name.
    case word
    /// A whole number within the range (documented in docs/language.md); the parser refuses others.
    case integer(ClosedRange<Int>)
    /// A point in time: `2019-12-19T09:00`, `"2019-12-19 09:00"`, `09:00`, `now`, `+2h`, `-1d`, `+3wd`.
    case time
    /// A calendar date `2019-12-19` (bare dates are refused where a time is expected).
    case date
    /// `2h`, `1h30m`, `3d`: at most `Limits.maxSpanDays` days.
    case span
    /// `2h` or `3wd`: at most `Limits.maxSpanDays` days (or working days).
    case spanOrWorkdays
    case id(IDKind)
    /// `C7,C9` or `C7 C9`.
    case idList(IDKind)
    case department
    /// A department, or the coordinators' joint row of the assessment (`coordinators`, `政务公开办、网宣办`): what
    /// `score --dept` and `accountability --dept` select, since that row is no department of the directory.
    case assessedDepartment
    case choice([Choice])
    /// A boolean flag, no value.
    case `switch`
    case path
    /// The rest of the line (`cases where …`).
    case expression

    /// The placeholder shown in synopses and help: `TIME`, `CASE`, `general|high-attention`.
    public var placeholder: String {
        switch self {
        case .text: "TEXT"
        case .word: "WORD"
        case .integer: "N"
        case .time: "TIME"
        case .date: "DATE"
        case .span: "SPAN"
        case .spanOrWorkdays: "SPAN|Nwd"
        case .id(let k): k.placeholder
        case .idList(let k): k.placeholder + ","
        case .department, .assessedDepartment: "DEPT"
        case .choice(let cs): cs.map(\.code).joined(separator: "|")
        case .switch: ""
        case .path: "FILE"
        case .expression: "EXPR"
        }
    }

    /// `1–60` for a bounded integer, shown in help and docs.
    public var rangeText: String? {
        guard case .integer(let r) = self else { return nil }
        return "\(DocumentText.grouped(r.lowerBound))–\(DocumentText.grouped(r.upperBound))"
    }

    /// `--lang zh|en` of official documents and reports.
    public static let language = ValueKind.choice([Choice("zh", zh: "中文"), Choice("en", zh: "英文")])

    /// One argument holds several values (`--cases C7,C9`).
    var isList: Bool { if case .idList = self { true } else { false } }
}

/// The documented bounds of numbers and spans (docs/language.md): the parser refuses values outside them, so a
/// typo cannot push a deadline out of reach or move the clock by centuries.
public enum Limits {
    /// Spans (`2h`, `3d`), working-day counts (`3wd`) and relative times (`+3d`): at most ten years.
    public static let maxSpanDays = 3650
    /// Working days of an extension (`extend --days`, `decide … approve-extension X DAYS`).
    public static let extensionDays = 1...60
    /// Counts of reposts, comments and views.
    public static let counts = 0...1_000_000_000_000
    /// `limit N` in a query.
    public static let queryLimit = 1...1_000_000

}

extension IDKind {
    var placeholder: String {
        switch self {
        case .caseFile: "CASE"
        case .meeting: "MEETING"
        case .extensionRequest: "EXTENSION"
        case .instruction: "INSTRUCTION"
        }
    }
}

/// One allowed value of a `.choice`: the canonical code and its Chinese synonym.
public struct Choice: Sendable {
    public var code: String
    /// Chinese synonym, accepted on input.
    public var zh: String
    public var help: Localized

    public init(_ code: String, zh: String, help: Localized = Localized("")) {
        self.code = code
        self.zh = zh
        self.help = help
    }
}
