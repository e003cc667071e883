import YuqingCore

/// Told how far a long store operation got: `done` of `total` units (events read). Called at most every few
/// thousand units, on the thread doing the work; it must not touch the store. A `total` of 0 means unknown.
public typealias StoreProgress = (_ done: Int64, _ total: Int64) -> Void

extension Store {
    /// Stores without progress reports rebuild silently.
    public func rebuild(progress: StoreProgress?) throws { try rebuild() }
}

/// Calls a progress handler every `step` units and once at the end, so the hot loop pays one comparison.
struct ProgressTicker {
    let handler: StoreProgress?
    let total: Int64
    var done: Int64 = 0
    private var next: Int64
    static let step: Int64 = 2_000

    init(_ handler: StoreProgress?, total: Int64) {
        self.handler = handler
        self.total = total
        next = ProgressTicker.step
    }

    mutating func tick(_ n: Int64 = 1) {
        done += n
        if done >= next, let handler {
            handler(done, total)
            next = done + ProgressTicker.step
        }
    }

    func finish() { handler?(max(done, total), total) }
}
