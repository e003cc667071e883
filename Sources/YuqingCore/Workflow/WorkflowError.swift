/// Why a command on a case was refused, and what to do instead. Refusals change nothing.
public struct WorkflowError: YuqingError, Hashable {
    /// `wrongStage` (respond before verify), `denied` (role or department), `usage` (the value given does not fit:
    /// an unknown extension, a case linked to itself) or `tooLate` (a time limit of the policy forbids it).
    public typealias Kind = ErrorKind
    public var kind: Kind
    public var message: Localized
    /// The next step a person should take, shown as a hint.
    public var next: Localized?

    public var hint: Localized? { next }

    public init(_ kind: Kind, _ message: Localized, next: Localized? = nil) {
        self.kind = kind
        self.message = message
        self.next = next
    }
}
