import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
@testable import YuqingStore

/// A commit that fails mid-script (as on a full disk, injected here; `FullDiskTests` does it on a real one): every
/// success printed is stored, the error names the first command lost, and no printed id is given out again.
@Suite struct FailedCommitTests {
    /// A session on a SQLite file whose `failCommit`-th commit fails.
    static func shell(failCommit: Int?) throws -> (Session, Workspace, SQLiteStore) {
        let engine = ObligationEngine(policy: .mingguang, calendar: TestShell.calendar)
        let store = try SQLiteStore.temporary(projector: DueProjector(engine: engine))
        store.faults = StoreFaults(failCommit: failCommit)
        let ws = Workspace(store: store, calendar: TestShell.calendar, policy: .mingguang)
        let session = Session(language: .en, format: .table, actor: Actor(name: "王敏", role: .coordinator, dept: "open-gov"),
                              clock: SimulatedClock(TestShell.instant("2019-12-19T09:00")))
        // The operator is this store's administrator, recording as the coordinator 王敏 (as `TestShell` does).
        ws.trust.login = TestShell.login
        try StoreConfigurator.install(ws, in: session)
        _ = try ws.enrollIfEmpty(session)
        try ws.savePerson(Person(name: "王敏", role: .coordinator, dept: "open-gov"), session, at: session.now())
        session.actor = Actor(name: "王敏", role: .coordinator, dept: "open-gov")
        return (session, ws, store)
    }

    /// Runs a script the way `yuqing run` does (in the batch scope).
    static func run(_ source: String, _ session: Session, keepGoing: Bool = false) -> (BufferSink, RunResult) {
        let sink = BufferSink()
        let scope = session.scriptScope ?? { sink, body in body(sink) }
        let r = scope(sink) { out in
            Interpreter().run(source: source, file: "s.yq", session: session, keepGoing: keepGoing, output: out)
        }
        return (sink, r)
    }

    static func printedIDs(_ out: String) -> [Int] {
        out.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("C"), let n = Int(line.dropFirst().prefix { $0.isNumber }) else { return nil }
            return n
        }
    }

    @Test(arguments: [(1, false), (2, false), (3, true), (4, true)])
    func everyPrintedSuccessIsStored(failCommit: Int, keepGoing: Bool) throws {
        let (session, ws, store) = try Self.shell(failCommit: failCommit)
        // Enough commands for several commit points (every 1,000 commands or 250 ms).
        let n = 3 * ScriptBatcher.every + 10
        let script = (1...n).map { "collect 标题\($0) --source weibo" }.joined(separator: "\n")
        let (sink, result) = Self.run(script, session, keepGoing: keepGoing)
        #expect(result.exitCode == ExitCode.internalFailure)
        let printed = Self.printedIDs(sink.stdout)
        // Printed ids are exactly C1…Ck, and each is stored with the title of line k.
        #expect(printed == Array(1..<(printed.count + 1)))
        let stored = try ws.read { r in try r.cases(CaseQuery(now: session.now())) }
        #expect(stored.count == printed.count, "\(sink.stderr)")
        for s in stored { #expect(s.title == "标题\(s.id.number)") }
        // One error, naming the first command not stored.
        #expect(sink.stderr.components(separatedBy: "error:").count == 2, "\(sink.stderr)")
        #expect(sink.stderr.hasPrefix("s.yq:\(printed.count + 1):1: error: the store failed"), "\(sink.stderr)")
        #expect(sink.stderr.contains("run again from s.yq:\(printed.count + 1)"))
        // The ids not printed are given out again, to the same lines when the script is rerun from there.
        store.faults = nil
        let rest = ((printed.count + 1)...(printed.count + 3)).map { "collect 标题\($0) --source weibo" }.joined(separator: "\n")
        let (again, r2) = Self.run(rest, session)
        #expect(r2.exitCode == 0, "\(again.stderr)")
        #expect(Self.printedIDs(again.stdout) == [printed.count + 1, printed.count + 2, printed.count + 3])
        #expect(try store.verifyChain().isIntact)
    }

    /// `store rebuild` in a script is a transaction of its own: the commands before it are committed first (commit 1),
    /// the rebuild commits itself (commit 2) and its answer is shown at once. When the commit after it fails, the
    /// error names the command after it; when its own commit fails, it names the rebuild, and the case collected
    /// before it is stored and shown.
    @Test(arguments: [2, 3])
    func aRebuildInAScriptCommitsAlone(failCommit: Int) throws {
        let (session, ws, _) = try Self.shell(failCommit: failCommit)
        let (sink, result) = Self.run("collect 甲 --source weibo\nstore rebuild\ncollect 乙 --source weibo", session)
        #expect(result.exitCode == ExitCode.internalFailure)
        #expect(Self.printedIDs(sink.stdout) == [1])
        #expect(sink.stdout.contains("Rebuilt cases and deadlines") == (failCommit == 3), "\(sink.stdout)")
        #expect(sink.stderr.hasPrefix("s.yq:\(failCommit):1: error: the store failed"), "\(sink.stderr)")
        // Withheld: the answer of the collect after the rebuild; a rebuild whose commit failed has none to withhold,
        // and the hint does not speak of it.
        #expect(sink.stderr.contains("the answers of 1 command(s) were withheld") == (failCommit == 3), "\(sink.stderr)")
        #expect(sink.stderr.contains("withheld") == (failCommit == 3), "\(sink.stderr)")
        #expect(try ws.read { try $0.cases(CaseQuery(now: session.now())) }.map(\.title) == ["甲"])
    }

    /// The last commit (at the end of the script) fails: nothing of the last batch is printed.
    @Test func finalCommitFails() throws {
        let (session, ws, _) = try Self.shell(failCommit: 1)
        let before = try ws.read { try $0.lastSeq() }
        let (sink, result) = Self.run("echo 开始\ncollect 甲 --source weibo\ncollect 乙 --source weibo\ncases", session)
        #expect(result.exitCode == ExitCode.internalFailure)
        #expect(sink.stdout == "")
        #expect(sink.stderr.hasPrefix("s.yq:1:1: error: the store failed"), "\(sink.stderr)")
        #expect(try ws.read { try $0.lastSeq() } == before)
    }

    /// A script that only reads needs no commit and prints as usual.
    @Test func readOnlyScriptIsUnaffected() throws {
        let (session, _, _) = try Self.shell(failCommit: 1)
        let (sink, result) = Self.run("echo 你好\ncases", session)
        #expect(result.exitCode == 0, "\(sink.stderr)")
        #expect(sink.stdout.hasPrefix("你好\n"))
    }
}
