import Foundation
import Testing

/// Several yuqing processes on one store file, and imports, through the real executable.
@Suite struct StoreProcessTests {
    /// Starts yuqing on a given store without waiting.
    static func start(_ args: [String], db: URL, home: URL) throws -> (Process, Pipe) {
        try SharedStoreProcessTests.start(args, db: db.path, home: home)
    }

    static func finish(_ r: (Process, Pipe)) -> (String, Int32) {
        let data = r.1.fileHandleForReading.readDataToEndOfFile()
        r.0.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), r.0.terminationStatus)
    }

    /// Two shells claim one case at the same moment: exactly one claim is recorded, the other is told why.
    /// On one SQLite file, and on one PostgreSQL database when a test server is configured (`Backend`).
    @Test(arguments: Backend.available, 0..<4)
    func twoProcessesClaimingOneCase(backend: Backend, round: Int) throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let store = try backend.newStore(home: home, name: "shared")
        defer { store.drop() }
        let db = store.argument
        func start(_ args: [String]) throws -> (Process, Pipe) { try SharedStoreProcessTests.start(args, db: db, home: home) }
        // The test runs as the machine's user (the database role on PostgreSQL), who becomes the administrator and
        // records for each desk.
        let setup = Self.finish(try start(["-c", "as 陈晓 --role patrol --dept open-gov", "-c", "collect 同一条帖子 --source weibo"]))
        #expect(setup.1 == 0, "\(setup.0)")
        let a = try start(["-c", "as 李娜 --role liaison --dept police", "-c", "claim C1"])
        let b = try start(["-c", "as 王强 --role liaison --dept emergency", "-c", "claim C1"])
        let ra = Self.finish(a), rb = Self.finish(b)
        #expect([ra.1, rb.1].sorted() == [0, 1], "\(ra.0)\n\(rb.0)")
        let loser = ra.1 == 0 ? rb.0 : ra.0
        #expect(loser.contains("already claimed") || loser.contains("changed by someone else"), "\(loser)")
        let check = Self.finish(try start(["--format", "json", "-c", "timeline C1"]))
        #expect(check.0.components(separatedBy: "\"verb\":\"claimed\"").count - 1 == 1, "\(check.0)")
        let audit = Self.finish(try start(["-c", "audit verify"]))
        #expect(audit.1 == 0)
    }

    /// An import is all or nothing, and names every rejected line.
    @Test func importIsAllOrNothing() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let db = home.appendingPathComponent("i.sqlite")
        let good = home.appendingPathComponent("good.jsonl")
        try """
        {"title":"网传某小区自来水发黄","url":"https://weibo.com/1","source":"weibo","category":"demand","reposts":320}
        {"title":"XX路段交通事故视频","url":"https://v.example/9","source":"video","dept":"police","collected":"2019-12-19 22:10"}
        {"title":"同一链接","url":"https://weibo.com/1","source":"微博"}
        """.write(to: good, atomically: true, encoding: .utf8)
        let bad = home.appendingPathComponent("bad.csv")
        try "title,url,source\n标题一,https://a/1,火星社交\n,https://a/2,weibo\n标题三,https://a/3,forum\n".write(to: bad, atomically: true, encoding: .utf8)
        let patrol = ["-c", "as 陈晓 --role patrol --dept open-gov"]
        var r = Self.finish(try Self.start(patrol + ["-c", "collect import \(bad.path)"], db: db, home: home))
        #expect(r.1 == 1)
        #expect(r.0.contains("line 2: unknown source “火星社交”"), "\(r.0)")
        #expect(r.0.contains("line 3: the title (title) is empty"), "\(r.0)")
        r = Self.finish(try Self.start(["-c", "cases"], db: db, home: home))
        #expect(r.0.contains("No cases match."))
        r = Self.finish(try Self.start(patrol + ["-c", "collect import \(good.path)", "-c", "count by source"], db: db, home: home))
        #expect(r.1 == 0, "\(r.0)")
        #expect(r.0.contains("Imported 3 rows"), "\(r.0)")
        #expect(r.0.contains("2 new cases, 0 count updates, 1 already known and unchanged"), "\(r.0)")
    }
}
