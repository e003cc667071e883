/// What kind of failure an error is. It decides the exit status of a script (`internal` → 3, every other kind → 1)
/// and lets callers react (`conflict` can be retried).
public enum ErrorKind: String, Sendable, Hashable {
    /// The command was written wrongly or a value does not fit (a bad query, a case linked to itself).
    case usage
    /// The thing named does not exist (no case C99, no extension X4).
    case notFound
    /// The case is not at a stage where this makes sense (respond before verify, claim a claimed case).
    case wrongStage
    /// A time limit of the policy forbids it (an extension applied for after 3 working days).
    case tooLate
    /// The acting person's role or department may not do this (brief section 7).
    case denied
    /// Someone else changed the same thing meanwhile, or held the store too long: trying again may work.
    case conflict
    /// The data yuqing works from is incomplete or invalid (a year without holiday data, a bad calendar file).
    case data
    /// yuqing itself or its store failed.
    case `internal`
}

/// The one protocol every layer's errors adopt: what went wrong in both languages, what kind of failure it is and,
/// when there is one, the next step to take. The shell prints any of them the same way (`file:line:column: error:
/// message`, a caret, the hint) and takes the exit status from the kind, so no layer needs to know another's errors.
public protocol YuqingError: Error, Sendable {
    var message: Localized { get }
    var kind: ErrorKind { get }
    /// The next step a person should take, shown under the message.
    var hint: Localized? { get }
}

extension YuqingError {
    public var hint: Localized? { nil }
}
