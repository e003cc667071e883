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
/// `docs/commands.md`, so a verb exists in exactly one place.
public struct CommandSpec: Sendable {
    public var name: String
    /// The Chinese alias, accepted everywhere the name is.
    public var alias: String
    public var group: CommandGroup
    public var summary: Localized
    public var synopsis: String
    public var help: Localized
    public var examples: [String]
    public var positionals: [ArgSpec]
    public var flags: [FlagSpec]
    /// Nested verbs (`clock set`). A verb may also have a default form: its own positionals, used when the next
    /// word is not a sub-verb.
    public var subverbs: [CommandSpec]
    /// Changes state: accepts `--at TIME` automatically, and `record` writes it.
    public var mutates: Bool
    /// Accepts a trailing `<<END … END` block: it fills the next missing text positional, else `--text` if the
    /// verb has that flag and it was not given; it is always in `Invocation.textBlock` too.
    public var textBlock: Bool
    /// Left out of `help` lists and completion (still documented in commands.md).
    public var hidden: Bool

    public init(
        name: String, alias: String, group: CommandGroup, summary: Localized, synopsis: String = "",
        help: Localized? = nil, examples: [String] = [], positionals: [ArgSpec] = [], flags: [FlagSpec] = [],
        subverbs: [CommandSpec] = [], mutates: Bool = false, textBlock: Bool = false, hidden: Bool = false
    ) {
        self.name = name
        self.alias = alias
        self.group = group
        self.summary = summary
        self.synopsis = synopsis.isEmpty ? name : synopsis
        self.help = help ?? summary
        self.examples = examples
        self.positionals = positionals
        self.flags = flags
        self.subverbs = subverbs
        self.mutates = mutates
        self.textBlock = textBlock
        self.hidden = hidden
    }

    /// True when `word` names this verb (English name case-insensitively, or the Chinese alias).
    public func matches(_ word: String) -> Bool {
        word.lowercased() == name.lowercased() || (!alias.isEmpty && word == alias)
    }

    /// The sub-verb named by `word`, if any.
    public func subverb(named word: String) -> CommandSpec? { subverbs.first { $0.matches(word) } }

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

/// A `--flag`.
public struct FlagSpec: Sendable {
    /// Without the leading `--`.
    public var name: String
    public var kind: ValueKind
    public var help: Localized
    public var repeatable: Bool
    /// An optional Chinese spelling (`--部门`), accepted like the name.
    public var alias: String?

    public init(_ name: String, _ kind: ValueKind, help: Localized = Localized(""), repeatable: Bool = false,
                alias: String? = nil) {
        self.name = name
        self.kind = kind
        self.help = help
        self.repeatable = repeatable
        self.alias = alias
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

/// What kind of value a positional or flag takes; the parser checks the format, handlers check the meaning.
public enum ValueKind: Sendable {
    case text
    /// A single word (no meaning attached), e.g. a person's name.
    case word
    case integer
    /// A point in time: `2019-12-19T09:00`, `"2019-12-19 09:00"`, `09:00`, `now`, `+2h`, `-1d`, `+3wd`.
    case time
    /// A calendar date `2019-12-19` (bare dates are refused where a time is expected).
    case date
    case span
    /// `2h` or `3wd`.
    case spanOrWorkdays
    case id(IDKind)
    /// `C7,C9` or `C7 C9`.
    case idList(IDKind)
    case department
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
        case .department: "DEPT"
        case .choice(let cs): cs.map(\.code).joined(separator: "|")
        case .switch: ""
        case .path: "FILE"
        case .expression: "EXPR"
        }
    }
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
