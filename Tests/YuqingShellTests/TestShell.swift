import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// A session on a store (the memory store unless asked) with the shipped calendar and the default policy, driven through the real
/// interpreter the way a script is.
final class TestShell {
    let session: Session
    let ws: Workspace
    let clock: SimulatedClock

    /// The shipped calendar, or why it could not be loaded: every shell made from it then fails its test, instead of
    /// running on an empty calendar.
    static let loadedCalendar: Result<WorkCalendar, any Error> = Result {
        try WorkCalendar.parse(String(contentsOf: calendarFile, encoding: .utf8), file: calendarFile.path)
    }

    /// `Sources/YuqingShell/Resources/calendar.txt`, the shipped calendar as people edit it.
    static let calendarFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/YuqingShell/Resources/calendar.txt")

    static var calendar: WorkCalendar {
        switch loadedCalendar {
        case .success(let c): return c
        case .failure(let e):
            Issue.record("the shipped calendar does not load: \(e)")
            return .empty
        }
    }

    /// The store a test session runs on: the memory store, a temporary SQLite file, or a fresh database on the
    /// PostgreSQL test server (`YUQING_TEST_PG`, printed by `scripts/pg-dev.sh start`), for tests that hold the
    /// stores to the same answers.
    enum Backend: String, CustomTestStringConvertible, Sendable {
        case memory, sqlite, postgres
        var testDescription: String { rawValue }

        static let serverURL: String? = {
            let v = ProcessInfo.processInfo.environment["YUQING_TEST_PG"] ?? ""
            return v.isEmpty ? nil : v
        }()
        /// Every backend this machine can run: PostgreSQL only with a test server.
        static var available: [Backend] { serverURL == nil ? [.memory, .sqlite] : [.memory, .sqlite, .postgres] }
    }

    /// Drops the PostgreSQL database of this session, if it has one.
    private var dropDatabase: (() -> Void)?

    /// A store that cannot be made is a recorded failure (the session then runs on the memory store).
    init(at start: String = "2019-12-27T14:00", lang: Language = .en, backend: Backend = .memory,
         sourceLocation: SourceLocation = #_sourceLocation) {
        clock = SimulatedClock(TestShell.instant(start))
        session = Session(language: lang, format: .table, actor: Actor(name: "王敏", role: .coordinator, dept: "open-gov"), clock: clock)
        session.wallClock = clock
        let calendar = TestShell.calendar
        let engine = ObligationEngine(policy: .mingguang, calendar: calendar)
        let projector = DueProjector(engine: engine)
        var store: any Store = MemoryStore(projector: projector)
        do {
            switch backend {
            case .memory: break
            case .sqlite: store = try SQLiteStore.temporary(projector: projector)
            case .postgres:
                guard let url = Backend.serverURL else { throw StoreError.misuse("YUQING_TEST_PG is not set") }
                let server = try PostgresLocation(url: url)
                let name = "yq_shell_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
                try PostgresStore.createDatabase(name, on: server)
                dropDatabase = { try? PostgresStore.dropDatabase(name, on: server) }
                store = try PostgresStore(location: server.with(database: name), projector: projector)
            }
        } catch {
            Issue.record(error, "the \(backend.rawValue) store of a test session", sourceLocation: sourceLocation)
        }
        ws = Workspace(store: store, calendar: calendar, policy: .mingguang)
        // The same operator on every machine, so outputs that name it (and hashes over it) do not depend on who
        // runs the tests.
        ws.trust.login = TestShell.login
        // A file or database store is dated by the system clock (`Attribution`); here it is dated by the simulated
        // clock like the memory store, so the stores answer questions as of a time alike.
        ws.trust.scene = .scratch
        do throws(ShellError) {
            try StoreConfigurator.install(ws, in: session)
            // The operator running the tests is the store's administrator, recording as the coordinator 王敏 (an
            // administrator may act for anyone); tests switch with `as` like a script.
            _ = try ws.enrollIfEmpty(session)
            try ws.savePerson(Person(name: "王敏", role: .coordinator, dept: "open-gov"), session, at: clock.now())
        } catch {
            Issue.record("the workspace does not install: \(error.message.en)", sourceLocation: sourceLocation)
        }
        session.actor = Actor(name: "王敏", role: .coordinator, dept: "open-gov")
    }

    deinit { dropDatabase?() }

    static let login = "tester"

    /// A second desk on the same store (several shells at once), signed in as `actor` — an operator of their own,
    /// whom the first desk's administrator adds to the directory with the login `login` — with the same clock.
    init(sharing other: TestShell, actor: Actor, login: String? = nil, lang: Language = .en,
         sourceLocation: SourceLocation = #_sourceLocation) {
        clock = other.clock
        session = Session(language: lang, format: .table, actor: actor, clock: clock)
        session.wallClock = clock
        ws = Workspace(store: other.ws.store, calendar: other.ws.calendar, policy: other.ws.policy)
        let login = login ?? "desk-\(actor.name)"
        ws.trust.login = login
        do throws(ShellError) {
            // The desks share one store object, whose writer is the last workspace installed: the person is added
            // by the other desk's operator (the administrator), as `user add` there would (a directory change by
            // anyone else gives no authority).
            other.ws.applyOperator(to: other.session)
            try other.ws.savePerson(Person(name: actor.name, role: actor.role, dept: actor.dept, login: login),
                                    other.session, at: clock.now())
            try StoreConfigurator.install(ws, in: session)
            session.actor = ws.startingActor()
        } catch {
            Issue.record("the workspace does not install: \(error.message.en)", sourceLocation: sourceLocation)
        }
    }

    static func instant(_ s: String) -> Instant {
        let parts = s.split(separator: "T")
        let d = CivilDate(parsing: parts[0])!
        let hm = parts.count > 1 ? parts[1].split(separator: ":").compactMap { Int($0) } : [0, 0]
        return Instant(date: d, hour: hm[0], minute: hm[1])
    }

    /// Runs script text; returns (stdout, stderr, failures).
    @discardableResult
    func run(_ source: String, keepGoing: Bool = false) -> (out: String, err: String, failures: Int) {
        let sink = BufferSink()
        let r = Interpreter().run(source: source, file: "<test>", session: session, keepGoing: keepGoing, output: sink)
        return (sink.stdout, sink.stderr, r.failures)
    }

    func caseFile(_ n: Int) -> CaseFile? { try? ws.read { try $0.caseFile(EntityID(.caseFile, n)) } }

    func obligation(_ n: Int, _ rule: String) -> Obligation? {
        guard let c = caseFile(n) else { return nil }
        return ws.obligations(c, now: clock.now()).first { $0.ruleID == rule }
    }

    var eventCount: Int64 { (try? ws.read { try $0.lastSeq() }) ?? -1 }
}
