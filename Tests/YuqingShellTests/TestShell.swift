import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// A session on a memory store with the shipped calendar and the default policy, driven through the real
/// interpreter the way a script is.
final class TestShell {
    let session: Session
    let ws: Workspace
    let clock: SimulatedClock

    /// The shipped calendar, or why it could not be loaded: every shell made from it then fails its test, instead of
    /// running on an empty calendar.
    static let loadedCalendar: Result<WorkCalendar, any Error> = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/YuqingShell/Resources/calendar.txt")
        return Result { try WorkCalendar.parse(String(contentsOf: url, encoding: .utf8), file: url.path) }
    }()

    static var calendar: WorkCalendar {
        switch loadedCalendar {
        case .success(let c): return c
        case .failure(let e):
            Issue.record("the shipped calendar does not load: \(e)")
            return .empty
        }
    }

    init(at start: String = "2019-12-27T14:00", lang: Language = .en, sourceLocation: SourceLocation = #_sourceLocation) {
        clock = SimulatedClock(TestShell.instant(start))
        session = Session(language: lang, format: .table, actor: Actor(name: "王敏", role: .coordinator, dept: "open-gov"), clock: clock)
        let calendar = TestShell.calendar
        let engine = ObligationEngine(policy: .mingguang, calendar: calendar)
        ws = Workspace(store: MemoryStore(projector: DueProjector(engine: engine)), calendar: calendar, policy: .mingguang)
        // The same operator on every machine, so outputs that name it (and hashes over it) do not depend on who
        // runs the tests.
        ws.trust.login = TestShell.login
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

    static let login = "tester"

    /// A second desk on the same store (several shells at once), signed in as `actor` — an operator of their own,
    /// whom the first desk's administrator adds to the directory with the login `login` — with the same clock.
    init(sharing other: TestShell, actor: Actor, login: String? = nil, lang: Language = .en,
         sourceLocation: SourceLocation = #_sourceLocation) {
        clock = other.clock
        session = Session(language: lang, format: .table, actor: actor, clock: clock)
        ws = Workspace(store: other.ws.store, calendar: other.ws.calendar, policy: other.ws.policy)
        let login = login ?? "desk-\(actor.name)"
        ws.trust.login = login
        do throws(ShellError) {
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
