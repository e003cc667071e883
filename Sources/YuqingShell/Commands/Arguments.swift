import YuqingCore

/// A verb of the language, declared the way swift-argument-parser declares a command: its spec (names, help,
/// examples, sub-verbs) and its arguments as typed properties, each declared once with its kind and whether it
/// is required. The same declarations drive parsing, `help`, completion and docs/commands.md; the handler
/// (`run`) reads the properties, so an option it reads is an option it declared.
///
/// ```swift
/// struct Claim: Verb {
///     static let spec = CommandSpec(name: "claim", alias: "认领", group: .cases, summary: …, mutates: true)
///     @Argument(.id(.caseFile), name: "case") var caseID: EntityID          // required: not optional
///     @Option(.department, help: …) var dept: String?                       // optional
///     @Option(.integer(1...60), help: …) var days: Int                      // required option
///     @Option(choices(LinkKind.self)) var kind: LinkKind = .duplicate        // optional, with a default
///     @Flag(help: …) var historical: Bool
///     func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput { … caseID, $dept.range … }
/// }
/// ```
///
/// `SendableMetatype`: the command table's handler creates the verb from its type, on whatever thread runs it.
public protocol Verb: SendableMetatype {
    static var spec: CommandSpec { get }
    init()
    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput
}

extension Verb {
    /// The command-table entry of this verb.
    public static var entry: CommandEntry { CommandEntry(Self.self) }
}

// MARK: declarations

/// What a property wrapper declares: enough for the parser, help, completion and docs.
public struct ArgumentDeclaration: Sendable {
    public enum Role: Sendable { case positional, option, flag }
    public var role: Role
    /// Without `--`; nil: the property's name.
    public var name: String?
    public var kind: ValueKind
    public var required: Bool
    /// A variadic positional or a repeatable option.
    public var many: Bool
    public var help: Localized
    /// An optional Chinese spelling of an option (`--部门`).
    public var alias: String?
    /// An option filled from a `<<END … END` block when it was not given.
    public var fromBlock: Bool
    /// Whether the property's Swift type can hold a value of `kind` (checked by a test for every verb).
    public var typeFits: Bool
    public var typeName: String
}

/// What `$property` gives a handler: the argument as typed (raw text and range, for error messages).
public struct ArgumentRef: Sendable {
    /// The option or positional name as declared (`days`, `case`).
    public var name: String
    /// Every occurrence, in order (one for most arguments).
    public var args: [Arg]
    public var arg: Arg? { args.last }
    public var range: SourceRange? { args.last?.range }
    public var raw: String? { args.last?.raw }
    public var given: Bool { !args.isEmpty }
}

/// The part of every property wrapper the binder fills when a verb runs. The wrappers are classes: they register
/// here as the verb is created (see `ArgumentCollector`) and the binder fills them in place; their kind and help are
/// autoclosures, evaluated only when the command table is built, not each time a command runs.
class ArgumentBox {
    let role: ArgumentDeclaration.Role
    /// Takes every remaining positional word.
    let variadic: Bool
    var name = ""
    var args: [Arg] = []

    init(role: ArgumentDeclaration.Role, variadic: Bool) {
        self.role = role
        self.variadic = variadic
        ArgumentCollector.current?.boxes.append(self)
    }

    /// The declaration, named by `label` unless it names itself. Every wrapper overrides it; this base form
    /// describes a bare switch.
    func declaration(label: String) -> ArgumentDeclaration {
        ArgumentDeclaration(role: role, name: label, kind: .switch, required: false, many: false, help: Localized(""),
                            alias: nil, fromBlock: false, typeFits: true, typeName: "Bool")
    }

    var ref: ArgumentRef { ArgumentRef(name: name, args: args) }
}

/// Internal to the shell module so the executable's swift-argument-parser names stay unambiguous.
@propertyWrapper
final class Argument<T: ArgumentValue>: ArgumentBox {
    private let kind: () -> ValueKind
    private let fixedName: String?
    private let required: Bool
    private let help: () -> Localized
    private let fallback: T?

    /// A positional argument: required unless the type is optional or a list (`nonEmpty` makes a list need one).
    init(_ kind: @autoclosure @escaping () -> ValueKind, name: String? = nil, nonEmpty: Bool = false,
         help: @autoclosure @escaping () -> Localized = Localized("")) {
        self.kind = kind
        fixedName = name
        required = T.requiredWhenUndeclared || nonEmpty
        self.help = help
        fallback = nil
        super.init(role: .positional, variadic: T.isList)
    }

    /// A positional argument with a default (so not required).
    init(wrappedValue: T, _ kind: @autoclosure @escaping () -> ValueKind, name: String? = nil,
         help: @autoclosure @escaping () -> Localized = Localized("")) {
        self.kind = kind
        fixedName = name
        required = false
        self.help = help
        fallback = wrappedValue
        super.init(role: .positional, variadic: T.isList)
    }

    var wrappedValue: T { T.decode(args) ?? fallback ?? T.absent }
    var projectedValue: ArgumentRef { ref }

    override func declaration(label: String) -> ArgumentDeclaration {
        let k = kind()
        return ArgumentDeclaration(role: .positional, name: fixedName ?? label, kind: k, required: required, many: T.isList,
                                   help: help(), alias: nil, fromBlock: false, typeFits: T.accepts(k), typeName: "\(T.self)")
    }
}

@propertyWrapper
final class Option<T: ArgumentValue>: ArgumentBox {
    private let kind: () -> ValueKind
    private let fixedName: String?
    private let required: Bool
    private let help: () -> Localized
    private let alias: String?
    private let fromBlock: Bool
    private let fallback: T?

    /// `--name VALUE`: required unless the type is optional or a list. `fromBlock`: a `<<END` block fills it when it
    /// is not given. A list type with a non-list kind makes the option repeatable.
    init(_ kind: @autoclosure @escaping () -> ValueKind, name: String? = nil,
         help: @autoclosure @escaping () -> Localized = Localized(""), alias: String? = nil, fromBlock: Bool = false) {
        self.kind = kind
        fixedName = name
        required = T.requiredWhenUndeclared
        self.help = help
        self.alias = alias
        self.fromBlock = fromBlock
        fallback = nil
        super.init(role: .option, variadic: false)
    }

    /// An option with a default (so not required).
    init(wrappedValue: T, _ kind: @autoclosure @escaping () -> ValueKind, name: String? = nil,
         help: @autoclosure @escaping () -> Localized = Localized(""), alias: String? = nil) {
        self.kind = kind
        fixedName = name
        required = false
        self.help = help
        self.alias = alias
        fromBlock = false
        fallback = wrappedValue
        super.init(role: .option, variadic: false)
    }

    var wrappedValue: T { T.decode(args) ?? fallback ?? T.absent }
    var projectedValue: ArgumentRef { ref }

    override func declaration(label: String) -> ArgumentDeclaration {
        let k = kind()
        return ArgumentDeclaration(role: .option, name: fixedName ?? label, kind: k, required: required,
                                   many: T.isList && !k.isList, help: help(), alias: alias, fromBlock: fromBlock,
                                   typeFits: T.accepts(k), typeName: "\(T.self)")
    }
}

/// `--name` without a value: true when given.
@propertyWrapper
final class Flag: ArgumentBox {
    private let fixedName: String?
    private let help: () -> Localized
    private let alias: String?

    init(name: String? = nil, help: @autoclosure @escaping () -> Localized = Localized(""), alias: String? = nil) {
        fixedName = name
        self.help = help
        self.alias = alias
        super.init(role: .flag, variadic: false)
    }

    var wrappedValue: Bool { !args.isEmpty }
    var projectedValue: ArgumentRef { ref }

    override func declaration(label: String) -> ArgumentDeclaration {
        ArgumentDeclaration(role: .flag, name: fixedName ?? label, kind: .switch, required: false, many: false,
                            help: help(), alias: alias, fromBlock: false, typeFits: true, typeName: "Bool")
    }
}

// MARK: value types

/// A Swift type an argument can be read as.
public protocol ArgumentValue {
    /// The value of the occurrences, or nil when there are none.
    static func decode(_ args: [Arg]) -> Self?
    /// What an absent argument reads as: nil, an empty list, or a placeholder for a required argument (which the
    /// parser never lets be absent).
    static var absent: Self { get }
    /// True for plain types: declaring one makes the argument required.
    static var requiredWhenUndeclared: Bool { get }
    static var isList: Bool { get }
    static func accepts(_ kind: ValueKind) -> Bool
}

/// A single value: `String`, `Int`, `EntityID`, `TimeSpec`, a choice enum…
public protocol ArgumentScalar: ArgumentValue {
    static func value(_ v: Value) -> Self?
    /// Every value held by one argument (an id list holds several).
    static func values(_ v: Value) -> [Self]
    static var placeholder: Self { get }
}

extension ArgumentScalar {
    public static func decode(_ args: [Arg]) -> Self? { args.last.flatMap { value($0.value) } }
    public static var absent: Self { placeholder }
    public static var requiredWhenUndeclared: Bool { true }
    public static var isList: Bool { false }
    public static func values(_ v: Value) -> [Self] { value(v).map { [$0] } ?? [] }
}

extension Optional: ArgumentValue where Wrapped: ArgumentScalar {
    public static func decode(_ args: [Arg]) -> Wrapped?? {
        guard let a = args.last else { return nil }
        return .some(Wrapped.value(a.value))
    }
    public static var absent: Wrapped? { nil }
    public static var requiredWhenUndeclared: Bool { false }
    public static var isList: Bool { false }
    public static func accepts(_ kind: ValueKind) -> Bool { Wrapped.accepts(kind) }
}

extension Array: ArgumentValue where Element: ArgumentScalar {
    public static func decode(_ args: [Arg]) -> [Element]? {
        args.isEmpty ? nil : args.flatMap { Element.values($0.value) }
    }
    public static var absent: [Element] { [] }
    public static var requiredWhenUndeclared: Bool { false }
    public static var isList: Bool { true }
    public static func accepts(_ kind: ValueKind) -> Bool { Element.accepts(kind) }
}

extension String: ArgumentScalar {
    public static func value(_ v: Value) -> String? {
        switch v {
        case .text(let s), .department(let s), .choice(let s), .path(let s): s
        default: nil
        }
    }
    public static var placeholder: String { "" }
    public static func accepts(_ kind: ValueKind) -> Bool {
        switch kind {
        case .text, .word, .path, .department, .assessedDepartment, .choice: true
        default: false
        }
    }
}

extension Int: ArgumentScalar {
    public static func value(_ v: Value) -> Int? { if case .integer(let n) = v { n } else { nil } }
    public static var placeholder: Int { 0 }
    public static func accepts(_ kind: ValueKind) -> Bool { if case .integer = kind { true } else { false } }
}

extension EntityID: ArgumentScalar {
    public static func value(_ v: Value) -> EntityID? { if case .id(let i) = v { i } else { nil } }
    public static func values(_ v: Value) -> [EntityID] {
        switch v {
        case .id(let i): [i]
        case .ids(let ids): ids
        default: []
        }
    }
    public static var placeholder: EntityID { EntityID(.caseFile, 0) }
    public static func accepts(_ kind: ValueKind) -> Bool {
        switch kind {
        case .id, .idList: true
        default: false
        }
    }
}

extension TimeSpec: ArgumentScalar {
    public static func value(_ v: Value) -> TimeSpec? { if case .time(let t) = v { t } else { nil } }
    public static var placeholder: TimeSpec { .now }
    public static func accepts(_ kind: ValueKind) -> Bool { if case .time = kind { true } else { false } }
}

extension CivilDate: ArgumentScalar {
    public static func value(_ v: Value) -> CivilDate? { if case .date(let d) = v { d } else { nil } }
    public static var placeholder: CivilDate { CivilDate(dayNumber: 0) }
    public static func accepts(_ kind: ValueKind) -> Bool { if case .date = kind { true } else { false } }
}

extension Span: ArgumentScalar {
    public static func value(_ v: Value) -> Span? { if case .span(let s) = v { s } else { nil } }
    public static var placeholder: Span { Span(seconds: 0) }
    public static func accepts(_ kind: ValueKind) -> Bool { if case .span = kind { true } else { false } }
}

/// `2h` or `3wd`: elapsed time or working days.
public enum SpanOrWorkdays: Sendable, Hashable, ArgumentScalar {
    case span(Span)
    case workdays(Int)
    public static func value(_ v: Value) -> SpanOrWorkdays? {
        switch v {
        case .span(let s): .span(s)
        case .workdays(let n): .workdays(n)
        default: nil
        }
    }
    public static var placeholder: SpanOrWorkdays { .span(Span(seconds: 0)) }
    public static func accepts(_ kind: ValueKind) -> Bool { if case .spanOrWorkdays = kind { true } else { false } }
}

/// The rest of a line, word by word with their ranges (`cases where …`, policy lines).
public struct WordList: Sendable, ArgumentScalar {
    public var words: [Word]
    public static func value(_ v: Value) -> WordList? { if case .expression(let w) = v { WordList(words: w) } else { nil } }
    public static var placeholder: WordList { WordList(words: []) }
    public static func accepts(_ kind: ValueKind) -> Bool { if case .expression = kind { true } else { false } }
}

/// An enum of codes read from a `.choice` argument (the parser has already turned a Chinese synonym into the code).
public protocol ChoiceArgument: ArgumentScalar, RawRepresentable<String>, CaseIterable {}

extension ChoiceArgument {
    public static func value(_ v: Value) -> Self? { if case .choice(let c) = v { Self(rawValue: c) } else { nil } }
    /// Never read: a required choice is always given. Every enum of codes has a first case.
    public static var placeholder: Self { allCases[allCases.startIndex] }
    public static func accepts(_ kind: ValueKind) -> Bool {
        guard case .choice(let cs) = kind else { return false }
        return cs.allSatisfy { Self(rawValue: $0.code) != nil }
    }
}

extension Level: ChoiceArgument {}
extension Source: ChoiceArgument {}
extension YuqingCore.Category: ChoiceArgument {}
extension LinkKind: ChoiceArgument {}
extension Trend: ChoiceArgument {}
extension Impact: ChoiceArgument {}
extension Role: ChoiceArgument {}
extension Language: ChoiceArgument {}
extension OutputFormat: ChoiceArgument {}
extension DocumentFormat: ChoiceArgument {}

/// The choices of a code set, for the command table (parsing, help and completion read the same list).
func choices<C: Code>(_ type: C.Type) -> ValueKind {
    .choice(C.allCases.map { Choice($0.rawValue, zh: $0.name.zh, help: $0.name) })
}

// MARK: binding

/// Collects the property wrappers of a verb as it is created, in declaration order, so a command binds them
/// without reflection (`Mirror` costs tens of microseconds per command; this costs one task-local read per
/// property).
///
/// `@unchecked Sendable`: a collector is created for one `V()` call, set as the task-local value only for that
/// synchronous call, and read afterwards by the same caller; no other thread ever sees it.
final class ArgumentCollector: @unchecked Sendable {
    var boxes: [ArgumentBox] = []
    @TaskLocal static var current: ArgumentCollector?

    /// A new `V` and its wrappers.
    static func make<V: Verb>(_ type: V.Type) -> (V, [ArgumentBox]) {
        let c = ArgumentCollector()
        let v = $current.withValue(c) { V() }
        return (v, c.boxes)
    }
}

extension CommandEntry {
    /// The entry of a `Verb`: its spec with the declared arguments, and a handler that binds them and runs.
    /// The declarations are read (by reflection) when the spec is first read: see `CommandEntry.spec`.
    public init<V: Verb>(_ verb: V.Type) {
        self.init(lazy: V.spec, complete: { base in
            var spec = base
            let declared = ArgumentBinder.declarations(of: V())
            spec.positionals = declared.compactMap { d in
                d.role == .positional ? ArgSpec(d.name ?? "", d.kind, optional: !d.required, variadic: d.many, help: d.help) : nil
            }
            spec.flags = declared.compactMap { d in
                d.role == .positional ? nil
                    : FlagSpec(d.name ?? "", d.kind, help: d.help, repeatable: d.many, alias: d.alias, required: d.required,
                               fromBlock: d.fromBlock)
            }
            spec.declarations = declared
            return spec
        }, handler: { inv, session throws(ShellError) in
            // The invocation was parsed against the completed spec: its declarations name the arguments.
            try ArgumentBinder.bound(V.self, names: inv.spec.declarations.map { $0.name ?? "" }, to: inv).run(inv, session)
        })
    }
}

enum ArgumentBinder {
    /// The declared arguments of a verb, in declaration order, each named (by its property unless it says).
    static func declarations(of verb: Any) -> [ArgumentDeclaration] {
        Mirror(reflecting: verb).children.compactMap { child in
            (child.value as? ArgumentBox)?.declaration(label: String((child.label ?? "").drop { $0 == "_" }))
        }
    }

    /// A new `V` whose properties read the arguments the parser found; `names` are the declared names in
    /// declaration order (from the command table, so nothing is rebuilt per command).
    static func bound<V: Verb>(_ type: V.Type, names: [String], to inv: Invocation) -> V {
        let (v, boxes) = ArgumentCollector.make(V.self)
        var index = 0
        for (box, name) in zip(boxes, names) {
            box.name = name
            switch box.role {
            case .positional:
                box.args = box.variadic ? inv.positionalArgs(from: index) : inv.positionalArgs(at: index)
                index += 1
            case .option, .flag:
                box.args = inv.optionArgs(name)
            }
        }
        return v
    }
}
