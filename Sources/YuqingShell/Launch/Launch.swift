import YuqingCore

/// What the executable was asked to do, after argv parsing.
public struct Launch: Sendable {
    public enum Mode: Sendable, Equatable {
        /// The REPL on a terminal, or a script from standard input otherwise.
        case interactive
        case files([String])
        case commands([String])
    }
    public var mode: Mode
    /// The store file; nil means the default in the data directory.
    public var dbPath: String?
    public var format: OutputFormat?
    public var language: Language?
    public var keepGoing: Bool
    public var noInit: Bool

    public init(mode: Mode = .interactive, dbPath: String? = nil, format: OutputFormat? = nil,
                language: Language? = nil, keepGoing: Bool = false, noInit: Bool = false) {
        self.mode = mode
        self.dbPath = dbPath
        self.format = format
        self.language = language
        self.keepGoing = keepGoing
        self.noInit = noInit
    }
}

/// Sets a session up with the store, policy and calendar: the integrator's one entry point, called by the
/// executable once before anything runs. Throwing makes the executable exit 3 (internal failure).
public protocol SessionConfigurator {
    func configure(_ session: Session, dbPath: String) throws(ShellError)
}

/// The default: no store (shell verbs only).
public struct NoStoreConfigurator: SessionConfigurator {
    public init() {}
    public func configure(_ session: Session, dbPath: String) throws(ShellError) {}
}

/// The exit statuses of `yuqing` (documented in docs/language.md).
public enum ExitCode {
    public static let ok: Int32 = 0
    /// A command failed in a script, `-c` or standard input.
    public static let scriptError: Int32 = 1
    /// Bad arguments, or a file that cannot be read.
    public static let usage: Int32 = 2
    /// The store or another part of yuqing itself failed.
    public static let internalFailure: Int32 = 3

    /// The status of a failed command in a script, by the kind of its error.
    public static func of(_ kind: ErrorKind) -> Int32 { kind == .internal ? internalFailure : scriptError }

    /// The status when yuqing cannot start (the store or the calendar): a wrong argument is a usage error.
    public static func atStartUp(_ kind: ErrorKind) -> Int32 { kind == .usage ? usage : internalFailure }
}
