import YuqingCore

/// A parsed command, ready for its handler.
public struct Invocation: Sendable {
    public var spec: CommandSpec
    public var subverb: CommandSpec?
    public var positionals: [Arg]
    /// Canonical flag name → occurrences, in order.
    public var flags: [String: [Arg]]
    public var textBlock: String?
    /// The whole command (its first line).
    public var range: SourceRange
    /// The command's source text, for `record` and diagnostics.
    public var source: String
    /// The words after `$name` expansion, verb first (for `record`, which writes them back re-quoted).
    public var words: [Word]

    public init(spec: CommandSpec, subverb: CommandSpec? = nil, positionals: [Arg] = [], flags: [String: [Arg]] = [:],
                textBlock: String? = nil, range: SourceRange, source: String, words: [Word] = []) {
        self.spec = spec
        self.subverb = subverb
        self.positionals = positionals
        self.flags = flags
        self.textBlock = textBlock
        self.range = range
        self.source = source
        self.words = words
    }

    /// The verb or sub-verb whose arguments these are.
    public var effectiveSpec: CommandSpec { subverb ?? spec }

    /// The range of the verb word, where errors without a better place point.
    public var verbRange: SourceRange { words.first?.range ?? range }

    public func positional(_ i: Int) -> Arg? { positionals.indices.contains(i) ? positionals[i] : nil }
    /// The last occurrence of a flag.
    public func flag(_ name: String) -> Arg? { flags[name]?.last }
    public func has(_ name: String) -> Bool {
        guard let a = flags[name]?.last else { return false }
        if case .flag(let b) = a.value { return b }
        return true
    }
    public func text(_ name: String) -> String? { flag(name)?.text }
    public func id(_ i: Int) -> EntityID? { positional(i)?.id }
    /// All occurrences of a repeatable flag.
    public func all(_ name: String) -> [Arg] { flags[name] ?? [] }
}
