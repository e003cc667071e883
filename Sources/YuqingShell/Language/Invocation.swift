import YuqingCore

/// A parsed command, ready for its handler. Handlers read their arguments through the properties their `Verb`
/// declares (bound from here); only the arguments every verb shares (`--at`, `--format`, `--bom`) are read here.
public struct Invocation: Sendable {
    /// The spec of the entry that runs: the sub-verb's for `drill status`.
    public var spec: CommandSpec
    /// Positionals in declaration order (a variadic one last, with every remaining word).
    fileprivate var positionals: [Arg]
    /// Canonical option name → occurrences, in order.
    fileprivate var flags: [String: [Arg]]
    public var textBlock: String?
    /// The whole command (its first line).
    public var range: SourceRange
    /// The command's source text, for `record` and diagnostics.
    public var source: String
    /// The words after `$name` expansion, verb first (for `record`, which writes them back re-quoted).
    public var words: [Word]

    public init(spec: CommandSpec, positionals: [Arg] = [], flags: [String: [Arg]] = [:],
                textBlock: String? = nil, range: SourceRange, source: String, words: [Word] = []) {
        self.spec = spec
        self.positionals = positionals
        self.flags = flags
        self.textBlock = textBlock
        self.range = range
        self.source = source
        self.words = words
    }

    /// The case the command names first (its first positional holding a case id), for the permission check that
    /// runs before the handler: a department's own case, a denial logged against the case.
    public var caseArgument: (id: EntityID, range: SourceRange)? {
        for a in positionals {
            if case let .id(id) = a.value, id.kind == .caseFile { return (id, a.range) }
        }
        return nil
    }

    /// The range of the verb word, where errors without a better place point.
    public var verbRange: SourceRange { words.first?.range ?? range }

    /// The verb as logged with a denial: `extend approve`, `meeting open`, `claim`.
    public var verbName: String { spec.fullName }

    /// `--at TIME`, which every changing verb accepts.
    public var at: Arg? { flags["at"]?.last }

    /// `--format` of this one command, when it names an output format.
    public var outputFormat: OutputFormat? { flags["format"]?.last?.text.flatMap(OutputFormat.init(rawValue:)) }

    /// `--bom` of this one command.
    public var bom: Bool { flags["bom"]?.isEmpty == false }

    // Read by `ArgumentBinder` only.
    func positionalArgs(at i: Int) -> [Arg] { positionals.indices.contains(i) ? [positionals[i]] : [] }
    func positionalArgs(from i: Int) -> [Arg] { i < positionals.count ? Array(positionals[i...]) : [] }
    func optionArgs(_ name: String) -> [Arg] { flags[name] ?? [] }
}
