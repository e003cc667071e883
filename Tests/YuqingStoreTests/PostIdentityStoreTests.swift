import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

/// Both stores find a case by its post's identity, keep it after a rebuild, and report rebuild progress.
@Suite struct PostIdentityStoreTests {
    @Test(arguments: StoreKind.allCases)
    func urlVariantsFindTheSameCase(_ kind: StoreKind) throws {
        let s = try kind.make()
        let id = try collect(s, "水质", url: "https://weibo.com/1645372340/K3fnuEfZK?refer_flag=1001030103_", at: at(19, 9))
        for variant in ["http://m.weibo.cn/status/4607741009594608", "https://www.weibo.com/1645372340/K3fnuEfZK#c"] {
            #expect(try s.read { try $0.caseID(forURL: variant) } == id)
        }
        #expect(try s.read { try $0.caseID(forURL: "https://weibo.com/1645372340/K3fnuEfZL") } == nil)
        try s.rebuild()
        #expect(try s.read { try $0.caseID(forURL: "http://m.weibo.cn/status/4607741009594608") } == id)
    }

    /// Inside a batch, a post collected by an earlier command is found before its case is written (SQLite keeps the
    /// case and its post rows in memory until the commit point), and a failed command's post is forgotten.
    @Test(arguments: StoreKind.allCases)
    func aBatchFindsItsOwnPosts(_ kind: StoreKind) throws {
        let s = try kind.make()
        let weibo = "https://weibo.com/1645372340/K3fnuEfZK"
        let (first, second) = try s.batch {
            let first = try collect(s, "水质", url: weibo + "?refer_flag=1", at: at(19, 9))
            #expect(try s.read { try $0.caseID(forURL: "http://m.weibo.cn/status/4607741009594608") } == first)
            #expect(throws: Refusal.planned) {
                try s.write { tx throws in
                    let id = try tx.nextID(.caseFile)
                    try tx.append(NewEvent(caseID: id, actor: patrol, effective: at(19, 10), recorded: at(19, 10),
                                           body: .collected(item: item("失败", url: "https://x.cn/bad"), dept: nil)),
                                  expectedVersion: 0)
                    #expect(try tx.caseID(forURL: "https://x.cn/bad") == id)
                    throw Refusal.planned
                }
            }
            #expect(try s.read { try $0.caseID(forURL: "https://x.cn/bad") } == nil)
            let second = try collect(s, "另一帖", url: "https://x.cn/2", at: at(19, 11))
            return (first, second)
        }
        try s.read { r throws in
            #expect(try r.caseID(forURL: weibo) == first)
            #expect(try r.caseID(forURL: "https://x.cn/2") == second)
            #expect(try r.caseID(forURL: "https://x.cn/bad") == nil)
        }
        #expect(try s.verifyChain().isIntact)
    }

    @Test(arguments: StoreKind.allCases)
    func rebuildReportsProgress(_ kind: StoreKind) throws {
        let s = try kind.make()
        for i in 0..<2_500 { try collect(s, "案件\(i)", url: "https://example.com/\(i)", at: at(19, 9)) }
        nonisolated(unsafe) var reports: [(Int64, Int64)] = []
        try s.rebuild(progress: { done, total in reports.append((done, total)) })
        #expect(reports.count >= 2)
        #expect(reports.map(\.0) == reports.map(\.0).sorted())
        let last = try #require(reports.last)
        #expect(last.0 == last.1 && last.1 > 0)
    }

    /// A store made before identities held URLs as written; the migration re-keys them.
    @Test func migrationRekeysOldURLs() throws {
        let q = try DatabaseQueue()
        try q.write { db in
            try db.execute(sql: "CREATE TABLE case_urls (url TEXT NOT NULL, num INTEGER NOT NULL, case_id TEXT NOT NULL, PRIMARY KEY (url, num))")
            try db.execute(sql: "INSERT INTO case_urls VALUES ('https://weibo.com/1/K3fnuEfZK?refer_flag=1', 1, 'C1')")
            try SQLitePostIdentity.rekey(db)
        }
        let keys = try q.read { try String.fetchAll($0, sql: "SELECT url FROM case_urls") }
        #expect(keys == [PostURL.identity("https://m.weibo.cn/status/4607741009594608")])
    }
}
