/// Why a command on a case was refused, and what to do instead. Refusals change nothing.
public struct WorkflowError: Error, Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// The case is not at a stage where this makes sense (respond before verify, claim a claimed case).
        case wrongStage
        /// The acting person's role or department may not do this (brief section 7).
        case denied
        /// The value given does not fit (unknown department, a duplicate of itself).
        case invalid
        /// A time limit of the policy forbids it (an extension applied after 3 working days).
        case tooLate
    }
    public var kind: Kind
    public var message: Localized
    /// The next step a person should take, shown as a hint.
    public var next: Localized?

    public init(_ kind: Kind, _ message: Localized, next: Localized? = nil) {
        self.kind = kind
        self.message = message
        self.next = next
    }
}
