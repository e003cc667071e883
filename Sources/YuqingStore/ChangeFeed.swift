import YuqingCore

/// Tells a waiting shell that someone committed to the store, so it can read what is new (the live lines above
/// the prompt, `watch`, a drill followed from another desk). The store itself is the message bus: no server of our
/// own.
///
/// - SQLite: `PRAGMA data_version` on a read connection of its own, which changes when any other connection of any
///   process has committed (`SQLiteChangeFeed`).
/// - PostgreSQL: `LISTEN yuqing_changes` on a connection of its own; a trigger sends the NOTIFY in the committing
///   transaction of every write of events or meta data, so it is delivered exactly when the change is visible
///   (`PostgresChangeFeed`).
/// - Memory: a counter of the store's writes (tests, several sessions in one process).
///
/// A feed is cheap to ask (`changed()` does no more than one short read, or none) and may say "changed" when
/// nothing the caller cares about did: the caller then reads events after the last sequence number it has seen.
/// It is used from one thread at a time, the one that asks.
public protocol StoreChangeFeed: AnyObject {
    /// Whether anything may have been committed since the previous call (the first call says true).
    func changed() throws -> Bool
    /// Releases the connection.
    func close()
}

extension Store {
    /// A store that cannot tell cheaply gets a feed that always says "maybe": the caller then reads the head of the
    /// log each time it asks.
    public func changeFeed() throws -> any StoreChangeFeed { AlwaysChanged() }
}

/// The fallback: every call says "maybe".
public final class AlwaysChanged: StoreChangeFeed {
    public init() {}
    public func changed() throws -> Bool { true }
    public func close() {}
}
