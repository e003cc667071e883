import Foundation
import Synchronization
import Testing
import YuqingCore
@testable import YuqingStore

/// Several yuqing processes on one shared store — a SQLite file, or a PostgreSQL database when `YUQING_TEST_PG`
/// names a test server — through the real executable, and a connection killed under a running script.
@Suite struct SharedStoreProcessTests {
    /// Each process runs as the machine's user (the database role on PostgreSQL), the store's administrator. With
    /// `asPatrol`, its start-up file records as the patrol on duty, so a script's own lines stay the commands the
    /// test counts.
    static func start(_ args: [String], db: String, home: URL, asPatrol: Bool = false) throws -> (Process, Pipe) {
        guard let exe = Executable.url else { throw CocoaError(.fileNoSuchFile) }
        if asPatrol {
            try "as 陈晓 --role patrol --dept open-gov\n".write(to: home.appendingPathComponent("config/yuqing/init.yq"),
                                                              atomically: true, encoding: .utf8)
        }
        let p = Process()
        p.executableURL = exe
        p.arguments = (asPatrol ? [] : ["--no-init"]) + ["--db", db] + args
        p.environment = Executable.environment(home)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return (p, out)
    }

    static func run(_ args: [String], db: String, home: URL, asPatrol: Bool = false) throws -> (String, Int32) {
        StoreProcessTests.finish(try start(args, db: db, home: home, asPatrol: asPatrol))
    }

    /// The ids a script's output says were collected (`C12 collected from …`).
    static func collectedIDs(_ output: String) -> [Int] {
        output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("C"), let end = line.firstIndex(of: " "), line[end...].hasPrefix(" collected") else { return nil }
            return Int(line[line.index(after: line.startIndex)..<end])
        }
    }

    /// A script of `n` collects, one per line: line k collects the k-th case of this writer.
    static func collectScript(writer: Int, n: Int) -> String {
        (1...n).map { "collect \"写入者\(writer) 第\($0)条\" --url https://x.cn/\(writer)/\($0) --source weibo\n" }.joined()
    }

    /// 8 writer processes × 1,000 commands each on one PostgreSQL store: no lost write, no duplicate id, the chain
    /// intact. (On one SQLite file, eight scripts that each hold the write lock for 250 ms at a time starve one
    /// another past the 10 s busy timeout: a shared city store is what PostgreSQL is for.)
    @Test(.enabled(if: Backend.serverURL != nil, Backend.note), arguments: [Backend.postgres])
    func eightWritersThousandCommandsEach(backend: Backend) throws {
        let writers = 8, each = 1000
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let store = try backend.newStore(home: home, name: "writers")
        defer { store.drop() }
        // Create the schema first, so the writers start on a migrated store.
        #expect(try Self.run(["-c", "cases"], db: store.argument, home: home).1 == 0)
        var running: [(Process, Pipe)] = []
        for w in 1...writers {
            let file = home.appendingPathComponent("writer\(w).yq")
            try Self.collectScript(writer: w, n: each).write(to: file, atomically: true, encoding: .utf8)
            running.append(try Self.start(["run", file.path], db: store.argument, home: home, asPatrol: true))
        }
        var printed: [Int] = []
        for (i, r) in running.enumerated() {
            let (out, code) = StoreProcessTests.finish(r)
            #expect(code == 0, "writer \(i + 1): \(out.suffix(500))")
            let ids = Self.collectedIDs(out)
            #expect(ids.count == each, "writer \(i + 1) printed \(ids.count) successes")
            printed += ids
        }
        #expect(printed.count == writers * each)
        #expect(Set(printed).count == printed.count, "no id handed out twice")
        #expect(printed.sorted() == Array(1...(writers * each)), "no id skipped")
        let count = try Self.run(["--format", "json", "-c", "count by source"], db: store.argument, home: home)
        #expect(count.0.contains("\(writers * each)"), "\(count.0)")
        let audit = try Self.run(["-c", "audit verify"], db: store.argument, home: home)
        #expect(audit.1 == 0)
        #expect(audit.0.contains("none altered") && audit.0.contains("\(writers * each) case snapshots match"), "\(audit.0)")
    }

    /// The connection of a running script is killed on the server (as a restart or a dropped network would):
    /// every success the script printed is stored, nothing else is, and the error names the first command not
    /// stored, which is where a rerun starts.
    @Test(.enabled(if: Backend.serverURL != nil, Backend.note))
    func killedConnectionMidScriptLosesNothingPrinted() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let lines = 20_000
        let script = Self.collectScript(writer: 1, n: lines)
        let file = home.appendingPathComponent("long.yq")
        try script.write(to: file, atomically: true, encoding: .utf8)
        // The kill may land just after a commit, when the script holds no transaction: then it reconnects and
        // finishes, losing nothing. Try again until a transaction is caught open.
        for attempt in 1...3 {
            let store = try Backend.postgres.newStore(home: home, name: "killed\(attempt)")
            defer { store.drop() }
            guard case let .postgres(pg) = try StoreLocation(store.argument) else { throw CocoaError(.featureUnsupported) }
            let admin = try PostgresStore(location: pg, projector: NoDues())
            let (process, pipe) = try Self.start(["run", file.path], db: store.argument, home: home, asPatrol: true)
            // Read the output as it comes; once some successes are printed, kill the script's server session.
            var output = Data()
            var killed = false
            while true {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                output.append(chunk)
                if !killed, Self.collectedIDs(String(decoding: output, as: UTF8.self)).count >= 50 {
                    try admin.link.query("""
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = 'yuqing' AND pid <> pg_backend_pid()
                        """)
                    killed = true
                }
            }
            process.waitUntilExit()
            let text = String(decoding: output, as: UTF8.self)
            #expect(killed, "the script ended before it could be interrupted")
            let printed = Self.collectedIDs(text)
            let stored = try admin.read { r in try r.lastNumber(.caseFile) }
            // Every printed success is stored: the printed ids are C1…Cn in order, all of them stored.
            #expect(printed == Array(1...max(1, printed.count)).prefix(printed.count).map { $0 })
            #expect(printed.count <= stored)
            #expect(try admin.verifyChain().isIntact)
            if process.terminationStatus == 0 {
                #expect(stored == lines && printed.count == lines, "reconnected after the kill: nothing may be lost")
                continue
            }
            #expect(process.terminationStatus == 3, "\(text.suffix(800))")
            #expect(stored < lines)
            // The error names line stored + 1 (line k collects Ck): the first command not stored. Either the batch
            // lost answered commands ("the store failed … rerun from here"), or the kill hit the first command after
            // a commit, which fails with the server's own words and loses nothing else.
            #expect(text.contains("long.yq:\(stored + 1):1: error: the store failed")
                    || text.contains("long.yq:\(stored + 1):1: error: the store could not be read or written"),
                    "\(text.suffix(800))")
            #expect(text.components(separatedBy: ": error: ").count == 2, "one error only: \(text.suffix(800))")
            // The advice fits a lost connection (it said "Free space" whatever the cause).
            #expect(!text.contains("Free space"), "\(text.suffix(800))")
            try admin.read { r throws in
                // Besides the collected cases, the log holds the directory (the administrator, the patrol) and the
                // simulated clock of the test.
                let collected = try r.events(kinds: [.collected], from: Instant(seconds: 0), to: Instant(seconds: Int64.max / 4))
                #expect(collected.count == stored)
                #expect(try r.caseFile(EntityID(.caseFile, stored))?.title == "写入者1 第\(stored)条")
            }
            // Rerunning from the named line carries on where the store stopped.
            let rest = home.appendingPathComponent("rest.yq")
            try script.split(separator: "\n").dropFirst(stored).prefix(10).map { $0 + "\n" }.joined()
                .write(to: rest, atomically: true, encoding: .utf8)
            let rerun = try Self.run(["run", rest.path], db: store.argument, home: home, asPatrol: true)
            #expect(rerun.1 == 0, "\(rerun.0)")
            #expect(Self.collectedIDs(rerun.0).first == stored + 1)
            return
        }
        Issue.record("three kills all landed between transactions")
    }
}

extension SharedStoreProcessTests {
    /// `store copy` SQLite → PostgreSQL → SQLite through the executable: the same head hash and the same answers
    /// on every hop (SQLite → SQLite → SQLite without a test server).
    @Test func storeCopyRoundTrip() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let middle: Backend = Backend.serverURL == nil ? .sqlite : .postgres
        let first = try Backend.sqlite.newStore(home: home, name: "first")
        let second = try middle.newStore(home: home, name: "second")
        defer { second.drop() }
        let third = try Backend.sqlite.newStore(home: home, name: "third")
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/examples")
        let walk = examples.appendingPathComponent("walkthrough.yq").path
        let setup = try Self.run(["run", walk], db: first.argument, home: home)
        #expect(setup.1 == 0, "\(setup.0.suffix(500))")
        // On PostgreSQL the operator is the database role: it must be in the directory before the store moves there.
        if Backend.serverURL != nil {
            let role = Backend.postgres.login
            let added = try Self.run(["-c", "user add \(role) --name 迁移管理员 --role admin"], db: first.argument, home: home)
            #expect(added.1 == 0, "\(added.0)")
        }
        let look = ["-c", "cases", "-c", "count by dept", "-c", "timeline C1", "-c", "overdue"]
        // The answers, without the start-up file's `as` (which names this backend's operator).
        func answers(_ db: String) throws -> String {
            try Self.run(look, db: db, home: home).0.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("Now acting as") }.joined(separator: "\n")
        }
        let expected = try answers(first.argument)
        func head(_ db: String) throws -> String {
            let out = try Self.run(["--format", "json", "-c", "store info"], db: db, home: home).0
            return out.components(separatedBy: "\"head_hash\":\"").dropFirst().first?.prefix(64).description ?? "none"
        }
        let origin = try head(first.argument)
        #expect(origin.count == 64)
        for (from, to) in [(first, second), (second, third)] {
            let copy = try Self.run(["-c", "store copy --from \(from.argument) --to \(to.argument)"], db: from.argument, home: home)
            #expect(copy.1 == 0, "\(copy.0)")
            #expect(copy.0.contains("Both chains verify"), "\(copy.0)")
            #expect(try head(to.argument) == origin)
            #expect(try answers(to.argument) == expected)
        }
        // A non-empty target is refused and left as it was.
        let again = try Self.run(["-c", "store copy --to \(third.argument)"], db: first.argument, home: home)
        #expect(again.1 == 1)
        #expect(again.0.contains("the target already holds"), "\(again.0)")
        #expect(try head(third.argument) == origin)
    }
}

extension SharedStoreProcessTests {
    /// `YUQING_DB` names the store when `--db` is not given: a file, or a postgres:// URL.
    @Test(arguments: Backend.available)
    func yuqingDBInTheEnvironmentOpensTheStore(backend: Backend) throws {
        guard let exe = Executable.url else { throw CocoaError(.fileNoSuchFile) }
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let store = try backend.newStore(home: home, name: "fromenv")
        defer { store.drop() }
        let p = Process()
        p.executableURL = exe
        p.arguments = ["--no-init", "--format", "json", "-c", "as 陈晓 --role patrol --dept open-gov",
                       "-c", "collect 环境变量指定的库 --source weibo", "-c", "store info"]
        p.environment = Executable.environment(home).merging(["YUQING_DB": store.argument]) { $1 }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains(backend == .sqlite ? "\"backend\":\"SQLite\"" : "\"backend\":\"PostgreSQL\""), "\(text)")
        let check = try Self.run(["-c", "cases"], db: store.argument, home: home)
        #expect(check.0.contains("环境变量指定的库"), "\(check.0)")
    }
}

/// A projector without deadlines, for reading a store the test did not write through the shell.
struct NoDues: CaseProjector {
    func dueEntries(for c: CaseFile) -> [DueEntry] { [] }
}
