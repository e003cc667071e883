/// A verb's implementation. It reads the invocation, uses services from the session, and returns what to say.
public typealias Handler = @Sendable (Invocation, Session) throws(ShellError) -> CommandOutput

/// One row of the command table: a spec and its handler. A verb that only groups sub-verbs (`drill`, `meeting`)
/// has no handler: the parser always goes on to one of its sub-verbs.
public struct CommandEntry: Sendable {
    public var spec: CommandSpec
    public var handler: Handler?
    public init(spec: CommandSpec, handler: @escaping Handler) {
        self.spec = spec
        self.handler = handler
    }

    /// A verb made only of sub-verbs.
    public init(group spec: CommandSpec) {
        self.spec = spec
        self.handler = nil
    }
}

/// The one table of verbs: shell verbs plus the domain verbs of the integrator.
public enum CommandTable {
    public static var entries: [CommandEntry] { ShellVerbs.entries + DomainVerbs.entries }
    public static var specs: [CommandSpec] { entries.map(\.spec) }

    /// The entry named (or aliased) by `word`.
    public static func entry(for word: String, in entries: [CommandEntry] = CommandTable.entries) -> CommandEntry? {
        entries.first { $0.spec.matches(word) }
    }

    /// Every entry with its sub-verbs, depth first (for checks over the whole table).
    public static func flattened(_ entries: [CommandEntry] = CommandTable.entries) -> [CommandEntry] {
        entries.flatMap { [$0] + flattened($0.spec.subverbs) }
    }
}
