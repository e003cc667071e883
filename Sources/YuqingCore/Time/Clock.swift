import Synchronization

/// Where "now" comes from. The core never reads the clock; the shell injects a system clock, drills and tests a
/// simulated one.
public protocol Clock: Sendable {
    func now() -> Instant
}

/// A clock that stands still unless moved: drills and tests control time exactly.
public final class SimulatedClock: Clock {
    private let current: Mutex<Instant>
    public init(_ start: Instant) { current = Mutex(start) }
    public func now() -> Instant { current.withLock { $0 } }
    public func set(_ t: Instant) { current.withLock { $0 = t } }
    public func advance(_ s: Span) { current.withLock { $0 = $0.adding(s) } }
}
