/// A verb's implementation. It reads the invocation, uses services from the session, and returns what to say.
public typealias Handler = @Sendable (Invocation, Session) throws(ShellError) -> CommandOutput

public struct CommandEntry: Sendable {
    public var spec: CommandSpec
    public var handler: Handler
    public init(spec: CommandSpec, handler: @escaping Handler) {
        self.spec = spec
        self.handler = handler
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
}
