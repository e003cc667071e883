import Foundation
import PostgresNIO
import Synchronization

/// The PostgreSQL change feed: a connection of its own that LISTENs on `yuqing_changes` (postgres-nio's listener).
/// The schema's trigger notifies in the transaction of every write of events or meta data, so a notification
/// arrives when the change is committed and visible. The notification only sets a flag on NIO's event loop; the
/// shell's thread reads the flag when it asks (never a print from another thread, never a blocked event loop).
///
/// A lost connection is not an error for the shell: the feed says "changed" (the caller reads the log's head, as
/// a feed without notifications would) and opens a new listening connection at most every few seconds.
final class PostgresChangeFeed: StoreChangeFeed, @unchecked Sendable {
    static let channel = "yuqing_changes"
    private let location: PostgresLocation
    private var link: PostgresLink?
    private var context: PostgresListenContext?
    /// Set by the event loop when a notification came (or the connection went), cleared when the shell asks.
    private let state = StateBox()
    private var lastAttempt = Date.distantPast

    struct State {
        var pending = true
        var listening = false
        /// Which connection is current: the end of an earlier one (closed on reconnecting) changes nothing.
        var generation = 0
    }

    /// The flags, shared with the event loop's callbacks.
    final class StateBox: Sendable {
        let mutex = Mutex(State())
        func withLock<T>(_ body: (inout State) -> T) -> T { mutex.withLock { body(&$0) } }
    }

    init(location: PostgresLocation) throws {
        self.location = location
        try listen()
    }

    /// Opens the connection and LISTENs; returns once the server confirmed it, so nothing committed after `init`
    /// returns can be missed.
    private func listen() throws {
        lastAttempt = Date()
        let link = try PostgresLink(location)
        self.link = link
        let state = self.state
        let generation = state.withLock { s in
            s.generation += 1
            return s.generation
        }
        context = try link.listen(PostgresChangeFeed.channel, notified: {
            state.withLock { $0.pending = true }
        }, ended: {
            state.withLock { s in
                guard s.generation == generation else { return }
                s.listening = false
                s.pending = true
            }
        })
        state.withLock { s in
            if s.generation == generation { s.listening = true }
            s.pending = true
        }
    }

    func changed() throws -> Bool {
        let (pending, listening) = state.withLock { s in
            defer { s.pending = false }
            return (s.pending, s.listening)
        }
        if !listening, Date().timeIntervalSince(lastAttempt) > 3 {
            close()
            try? listen()
            return true
        }
        return pending || !listening
    }

    func close() {
        context?.stop()
        context = nil
        link?.close()
        link = nil
        state.withLock { $0.listening = false }
    }

    deinit { close() }
}

extension PostgresStore {
    /// A listening connection of its own (the store's connection is busy with the shell's commands).
    public func changeFeed() throws -> any StoreChangeFeed { try PostgresChangeFeed(location: location) }
}
