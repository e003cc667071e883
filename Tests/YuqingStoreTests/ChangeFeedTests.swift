import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

/// The change feed a waiting shell listens to: another desk's commit (events or meta data) wakes it, its own quiet
/// polls do not, and a rolled-back write never does.
@Suite struct ChangeFeedTests {
    /// A second store object on the same data: what another process would open.
    static func secondDesk(_ store: any Store) throws -> any Store {
        switch store {
        case let s as SQLiteStore: return try SQLiteStore(path: s.path ?? "", projector: StubProjector())
        case let s as PostgresStore: return try PostgresStore(location: s.location, projector: StubProjector())
        default: return store
        }
    }

    /// Waits a little for a notification that crosses a connection (PostgreSQL delivers it asynchronously).
    static func eventually(_ feed: any StoreChangeFeed, within seconds: Double = 10) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try feed.changed() { return true }
            usleep(20_000)
        } while Date() < deadline
        return false
    }

    /// Waits until the feed stops saying "changed": on a loaded machine PostgreSQL may take a while to confirm the
    /// LISTEN, and until then the feed rightly says "maybe" every time.
    static func settles(_ feed: any StoreChangeFeed, within seconds: Double = 10) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try !feed.changed() { return true }
            usleep(50_000)
        } while Date() < deadline
        return false
    }

    @Test(arguments: StoreKind.allCases)
    func anotherDesksCommitWakesTheFeed(_ kind: StoreKind) throws {
        let store = try kind.make()
        let other = try Self.secondDesk(store)
        let feed = try store.changeFeed()
        defer { feed.close() }
        #expect(try feed.changed(), "the first question says yes: read what is there")
        #expect(try Self.settles(feed), "quiet: no more changes")
        try collect(other, "网传某小区停水", url: "https://weibo.com/1", at: at(27, 14))
        #expect(try Self.eventually(feed))
        #expect(try Self.settles(feed), "quiet again after the change")
        // Meta data (a drill's journal) wakes it too.
        try other.write { tx in try tx.setMeta("drill.run.1.lines", "1") }
        #expect(try Self.eventually(feed))
        #expect(try Self.settles(feed))
        // A write that fails leaves nothing, and says nothing.
        _ = try? other.write { tx -> Void in
            try tx.setMeta("x", "y")
            throw Refusal.planned
        }
        if kind != .memory { usleep(200_000) }
        #expect(try !feed.changed())
    }

    @Test func aFeedOnAStoreWithoutOneSaysMaybe() throws {
        let store = try SQLiteStore(inMemoryWith: StubProjector())
        let feed = try store.changeFeed()
        #expect(try feed.changed() && feed.changed())
    }
}
