import YuqingCore

/// A parsed command, ready for its handler. Handlers read their arguments through the properties their `Verb`
/// declares (bound from here); only what every verb shares (`--at`, the output format) is read here.
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
    /// The format the output is rendered in: the command's own `--format`, else the session's (`format`, or
    /// `yuqing --format`). Worked out once, by the parser; the renderer and every handler that shapes its output for
    /// the format (a page on the screen, everything in an export) read it here.
    public var format: OutputFormat
    /// A UTF-8 byte-order mark before CSV: the command's `--bom`, or the session's `format csv --bom`.
    public var bom: Bool

    public init(spec: CommandSpec, positionals: [Arg] = [], flags: [String: [Arg]] = [:],
                textBlock: String? = nil, range: SourceRange, source: String, words: [Word] = [],
                format: OutputFormat = .table, bom: Bool = false) {
        self.spec = spec
        self.positionals = positionals
        self.flags = flags
        self.textBlock = textBlock
        self.range = range
        self.source = source
        self.words = words
        self.format = format
        self.bom = bom
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


    // Read by `ArgumentBinder` only.
    func positionalArgs(at i: Int) -> [Arg] { positionals.indices.contains(i) ? [positionals[i]] : [] }
    func positionalArgs(from i: Int) -> [Arg] { i < positionals.count ? Array(positionals[i...]) : [] }
    func optionArgs(_ name: String) -> [Arg] { flags[name] ?? [] }
}
