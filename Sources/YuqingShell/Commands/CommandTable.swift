import Foundation
/// A verb's implementation. It reads the invocation, uses services from the session, and returns what to say.
public typealias Handler = @Sendable (Invocation, Session) throws(ShellError) -> CommandOutput

/// One row of the command table: a spec and its handler. A verb that only groups sub-verbs (`drill`, `meeting`)
/// has no handler: the parser always goes on to one of its sub-verbs.
public struct CommandEntry: Sendable {
    /// The spec; a `Verb`'s declared arguments (found by reflecting on the verb) are added the first time it is
    /// read, so a start that runs one command does not reflect on every verb of the table (a third of the CPU of
    /// `yuqing -c "show C7"` went there). Looking a verb up by name (`matches`) reads no declarations.
    public var spec: CommandSpec {
        get { box.value }
        set { box = SpecBox(newValue) }
    }
    public var handler: Handler?
    private var box: SpecBox

    public init(spec: CommandSpec, handler: @escaping Handler) {
        self.box = SpecBox(spec)
        self.handler = handler
    }

    /// A verb made only of sub-verbs.
    public init(group spec: CommandSpec) {
        self.box = SpecBox(spec)
        self.handler = nil
    }

    /// An entry whose spec is `base` completed by `complete` when first read.
    init(lazy base: CommandSpec, complete: @escaping @Sendable (CommandSpec) -> CommandSpec, handler: Handler?) {
        self.box = SpecBox(base, complete: complete)
        self.handler = handler
    }

    /// Whether `word` names this verb (name or alias), without completing the spec.
    public func matches(_ word: String) -> Bool { box.base.matches(word) }

    /// `matches(word)` with `lowered` = `word.lowercased()` made once by the caller: the parser tries the verbs of
    /// the table in turn for every command, and lowercasing both names at each try was ~1 % of a script.
    func matches(_ word: String, lowered: String) -> Bool {
        lowered == box.loweredName || (!box.base.alias.isEmpty && word == box.base.alias)
    }

    /// Changes the spec's own fields (name, alias, texts, parent) without completing it: the completion only adds
    /// the declared arguments, so it applies the same to the changed spec.
    public mutating func editSpec(_ change: (inout CommandSpec) -> Void) {
        box = box.edited(change)
    }
}

/// A spec completed once, on first read (see `CommandEntry.spec`).
///
/// `@unchecked Sendable`: the completed value is written once under `lock` and only read under it; `base` and
/// `complete` are immutable.
final class SpecBox: @unchecked Sendable {
    let base: CommandSpec
    /// `base.name.lowercased()`, for `CommandEntry.matches(_:lowered:)`.
    let loweredName: String
    private let complete: (@Sendable (CommandSpec) -> CommandSpec)?
    private let lock = NSLock()
    private var done: CommandSpec?

    init(_ spec: CommandSpec, complete: (@Sendable (CommandSpec) -> CommandSpec)? = nil) {
        base = spec
        loweredName = spec.name.lowercased()
        self.complete = complete
        if complete == nil { done = spec }
    }

    var value: CommandSpec {
        lock.lock()
        defer { lock.unlock() }
        if let done { return done }
        let v = complete.map { $0(base) } ?? base
        done = v
        return v
    }

    func edited(_ change: (inout CommandSpec) -> Void) -> SpecBox {
        lock.lock()
        let resolved = done
        lock.unlock()
        if var v = resolved {
            change(&v)
            return SpecBox(v)
        }
        var b = base
        change(&b)
        return SpecBox(b, complete: complete)
    }
}

/// The one table of verbs: shell verbs plus the domain verbs of the integrator.
public enum CommandTable {
    public static var entries: [CommandEntry] { ShellVerbs.entries + DomainVerbs.entries }
    public static var specs: [CommandSpec] { entries.map(\.spec) }

    /// The entry named (or aliased) by `word`.
    public static func entry(for word: String, in entries: [CommandEntry] = CommandTable.entries) -> CommandEntry? {
        entries.first { $0.matches(word) }
    }

    /// Every entry with its sub-verbs, depth first (for checks over the whole table).
    public static func flattened(_ entries: [CommandEntry] = CommandTable.entries) -> [CommandEntry] {
        entries.flatMap { [$0] + flattened($0.spec.subverbs) }
    }
}
