import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
@testable import YuqingStore

extension TestShell {
    /// Signs in as `login`, the way the system would give it: the directory decides who that is.
    func signIn(_ login: String) {
        ws.trust.login = login
        ws.invalidatePeople()
        ws.applyOperator(to: session)
        session.actor = ws.startingActor()
    }

    var lastEvent: Event? { try? ws.read { r in try r.events(from: r.lastSeq(), limit: 1).first } }
}

/// Issue 10's permission matrix: every role against every verb of the command table through the one authorization
/// path, on-behalf recording inside and outside a meeting, a trainer inside and outside a drill. Every denial leaves
/// the store as it was but for one logged denial naming the operator, the verb and the reason in both languages.
@Suite(.serialized) struct PermissionMatrixTests {
    static let roles: [Role] = Role.allCases
    static func login(_ r: Role) -> String { "op-\(r.rawValue)" }

    /// Who may run each verb (`*` everyone in the directory; `open` even an operator it does not know). Written out
    /// here on purpose: a change to the permission table must change this too.
    static let expected: [String: String] = {
        var e: [String: String] = [:]
        for v in ["help", "lang", "format", "clear", "quit", "exit", "commands-md"] { e[v] = "open" }
        for v in ["as", "clock", "set", "echo", "run", "source", "record", "record start", "record stop", "history",
                  "report special", "report monthly", "report daily", "extensions", "show", "timeline", "why", "cases", "search",
                  "count", "due", "overdue", "remind", "meeting show", "meeting minutes", "meetings", "calendar", "calendar check",
                  "calendar add", "calendar between", "policy show", "policy export", "patrol check", "score", "score formula",
                  "accountability", "dept list", "dept show",
                  "inbox", "watch", "notify", "drill join", "drill leave"] { e[v] = "*" }
        let dept = "liaison leader coordinator"
        e["collect"] = "patrol " + dept
        e["collect import"] = "patrol " + dept
        e["patrol"] = "patrol " + dept
        for v in ["claim", "assess", "liaise", "risk", "follow", "link", "close", "instruct complete"] { e[v] = dept }
        for v in ["report", "verify", "extend", "respond", "instruct undertake"] { e[v] = "liaison leader" }
        for v in ["assign", "escalate", "extend approve", "extend reject", "review", "decide", "instruct supervise",
                  "meeting open", "meeting attend", "meeting agenda", "meeting close"] { e[v] = "coordinator" }
        e["instruct"] = "city-leader coordinator"
        for v in ["say", "meeting join", "meeting leave"] { e[v] = "patrol liaison leader coordinator city-leader" }
        for v in ["drill run", "drill status", "drill next", "drill advance", "drill note", "drill end", "drill report",
                  "drill log", "drill replay", "drill denied", "drill check", "drill plan", "drill inject", "drill tick",
                  "drill score", "drill history", "drill brief", "drill pause", "drill resume", "drill speed",
                  "drill wait", "drill serve", "drill sync"] { e[v] = "trainer coordinator admin" }
        for v in ["dept add", "dept contact", "store info", "audit verify", "audit head", "audit behalf", "audit backdated",
                  "audit denials"] { e[v] = "coordinator admin" }
        for v in ["user add", "user list", "user show", "user disable", "store rebuild", "store init", "store copy", "calendar load",
                  "policy use", "policy name", "policy cutoff", "policy rule", "policy set", "policy remove", "policy reading", "policy supervision", "policy score",
                  "clock set", "clock advance", "clock real"] { e[v] = "admin" }
        return e
    }()

    static func allowed(_ verb: String, _ role: Role?) -> Bool {
        guard let rule = expected[verb] else { return false }
        if rule == "open" { return true }
        guard let role else { return false }
        return rule == "*" || rule.split(separator: " ").contains { $0 == role.rawValue }
    }

    /// Every verb with a handler, by its full name.
    static var verbs: [CommandSpec] { CommandTable.flattened().filter { $0.handler != nil }.map(\.spec) }

    /// A shell on a real-looking store with one signed-in person per role, all of the police except the city leader,
    /// the administrator and the trainer.
    static func shell() -> TestShell {
        let t = TestShell()
        for r in roles {
            let dept = [.cityLeader, .admin, .trainer].contains(r) ? "" : " --dept police"
            let out = t.run("user add \(login(r)) --name 角色\(r.rawValue) --role \(r.rawValue)\(dept)")
            precondition(out.failures == 0, out.err)
        }
        // The clock verbs are checked as on a real store (a drill or scratch store may always simulate its clock).
        t.ws.trust.scene = .real
        t.ws.trust.simulatedClockLogged = true
        return t
    }

    @Test func theTableCoversEveryVerb() {
        let names = Set(Self.verbs.map(\.fullName))
        #expect(names == Set(Self.expected.keys), "missing: \(names.subtracting(Self.expected.keys)), extra: \(Set(Self.expected.keys).subtracting(names))")
        #expect(names == Set(CommandPermissions.table.keys))
    }

    /// Every role × every verb through `Workspace.authorizeVerb`, the check the interpreter runs before any handler.
    @Test(arguments: roles.map(Optional.some) + [nil])
    func everyRoleAgainstEveryVerb(_ role: Role?) throws {
        let t = Self.shell()
        t.signIn(role.map(Self.login) ?? "stranger")
        for spec in Self.verbs {
            let inv = Invocation(spec: spec, range: SourceRange(file: "<test>", line: 1, column: 1, length: 1), source: spec.fullName,
                                 words: [Word(text: spec.fullName, range: SourceRange(file: "<test>", line: 1, column: 1, length: 1), quoted: false)])
            let before = t.eventCount
            let cases = try t.ws.read { try $0.cases(CaseQuery(now: t.clock.now())) }
            var denied: ShellError?
            do throws(ShellError) { try t.ws.authorizeVerb(t.session, inv) } catch { denied = error }
            let who = "\(role?.rawValue ?? "stranger") \(spec.fullName)"
            #expect((denied == nil) == Self.allowed(spec.fullName, role), "\(who): \(denied?.message.en ?? "allowed")")
            if let denied {
                #expect(denied.kind == .denied, "\(who)")
                #expect(t.eventCount == before + 1, "\(who)")
                let e = try #require(t.lastEvent)
                guard case let .denied(verb, reason, reasonZH) = e.body else {
                    Issue.record("\(who): no denial logged")
                    continue
                }
                #expect(verb == spec.fullName)
                #expect(!reason.isEmpty && reasonZH?.isEmpty == false, "\(who)")
                #expect(e.recordedBy?.login == role.map(Self.login) ?? "stranger")
            } else {
                #expect(t.eventCount == before, "\(who)")
            }
            #expect(try t.ws.read { try $0.cases(CaseQuery(now: t.clock.now())) } == cases)
        }
    }

    /// The same through the interpreter, for the verbs whose examples parse: a refused command runs no handler,
    /// changes nothing and logs one denial.
    @Test(arguments: [Role.patrol, .liaison, .cityLeader, .trainer])
    func refusedExamplesChangeNothing(_ role: Role) throws {
        let t = Self.shell()
        t.signIn(Self.login(.admin))
        t.run("""
        as 陈晓 --role patrol --dept open-gov
        collect "样本" --url https://weibo.com/s1 --source weibo
        as 角色liaison
        claim C1
        """)
        t.signIn(Self.login(role))
        var tried = 0
        for spec in Self.verbs where !Self.allowed(spec.fullName, role) {
            let examples = ([spec] + CommandTable.flattened().filter { $0.spec.fullName == spec.parent }.map(\.spec)).flatMap(\.examples)
            guard let example = examples.first(where: { ex in (try? parse(ex, table: t))?.spec.fullName == spec.fullName }) else { continue }
            let before = t.eventCount
            let snapshot = t.caseFile(1)
            let r = t.run(example)
            #expect(r.failures == 1, "\(role) \(example)")
            #expect(t.eventCount == before + 1, "\(role) \(example): \(r.err)")
            #expect(t.lastEvent?.body.verb == "denied", "\(role) \(example)")
            #expect(t.caseFile(1) == snapshot, "\(role) \(example)")
            tried += 1
        }
        #expect(tried > 10)
    }

    func parse(_ source: String, table t: TestShell) throws -> Invocation? {
        guard case let .success(cmd)? = Lexer.lex(source, file: "<ex>").first else { return nil }
        let words = try Parser.expand(cmd, variables: ["last": "C1"])
        return try Parser.parse(words: words, command: cmd, entries: CommandTable.entries, session: t.session).0
    }
}

/// `as` within limits: a coordinator records for a meeting's participants only while it is open; a trainer acts for
/// trainees inside a drill only; everyone else acts as themselves.
@Suite(.serialized) struct OnBehalfTests {
    static func shell() -> TestShell {
        let t = TestShell(at: "2019-12-30T09:00")
        t.run("""
        user add wangmin --name 王敏 --role coordinator --dept open-gov
        user add lina --name 李娜 --role liaison --dept police
        user add peixun --name 培训师 --role trainer
        as 陈晓 --role patrol --dept open-gov
        collect "网传某路口红绿灯故障" --url https://weibo.com/a1 --source weibo
        as 李娜
        claim C1
        """)
        return t
    }

    /// `--role` never gives a role the directory does not: 李娜 typing `as 李娜 --role admin` was told "Now acting as
    /// 李娜 (liaison …)" (the option silently dropped), and `as police --role admin` recorded the department as an
    /// administrator (市公安局（管理员）) for whoever may act for departments.
    @Test func asGivesNoRoleTheDirectoryDoesNot() throws {
        let t = Self.shell()
        t.signIn("lina")
        var r = t.run("as 李娜 --role admin")
        #expect(r.failures == 1 && r.err.contains("a person's role and department come from the directory"), "\(r.err)")
        #expect(t.run("as me --dept water").failures == 1)
        #expect(t.session.actor.role == .liaison)
        #expect(t.run("as 李娜").failures == 0)
        t.signIn(TestShell.login)
        r = t.run("as police --role admin")
        #expect(r.failures == 1 && r.err.contains("a department acts as its liaison or its leader"), "\(r.err)")
        #expect(t.run("as police --role coordinator").failures == 1)
        r = t.run("as police --role leader")
        #expect(r.failures == 0, "\(r.err)")
        #expect(t.session.actor.role == .leader && t.session.actor.dept == "police")
    }

    @Test func aCoordinatorRecordsForParticipantsOnlyDuringAMeeting() throws {
        let t = Self.shell()
        t.signIn("wangmin")
        #expect(t.session.actor.name == "王敏")
        // Outside a meeting: refused and logged.
        var before = t.eventCount
        var r = t.run("as police")
        #expect(r.failures == 1)
        #expect(r.err.contains("only during a meeting"), "\(r.err)")
        #expect(t.eventCount == before + 1 && t.lastEvent?.body.verb == "denied")
        #expect(t.session.actor.name == "王敏")
        // In a meeting, for an attending department: remarks, risk notes, facts reported at the table.
        r = t.run("""
        meeting open 会商 --cases C1
        meeting attend police propaganda
        as police
        say "C1 已派员到现场处置"
        assess C1 --level general
        """)
        #expect(r.failures == 0, "\(r.err)")
        #expect(t.session.prompt.contains("← 王敏"))
        let remark = try #require(try t.ws.read { try $0.events(forSubject: EntityID(.meeting, 1)) }.last { $0.body.verb == "remarked" })
        #expect(remark.actor.name == "Public Security Bureau", "\(remark)")
        #expect(remark.recordedBy == Operator(login: "wangmin", name: "王敏"), "\(remark)")
        #expect(remark.onBehalf)
        let minutes = t.run("meeting show")
        #expect(minutes.out.contains("(recorded by 王敏)"), "\(minutes.out)")
        // Not an extension application, and not for a department that is not attending.
        before = t.eventCount
        r = t.run("extend C1 --days 3 --reason 需检测")
        #expect(r.failures == 1 && r.err.contains("not apply for an extension"), "\(r.err)")
        #expect(t.eventCount == before + 1)
        r = t.run("as emergency")
        #expect(r.failures == 1 && r.err.contains("not attending M1"), "\(r.err)")
        // Not as an administrator or a trainer of an attending department (it answered "Now acting as zz
        // (administrator, …)"), and nobody new is added to the directory.
        for role in ["admin", "trainer"] {
            before = t.eventCount
            r = t.run("as zz --role \(role) --dept police")
            #expect(r.failures == 1 && r.err.contains("not as a"), "\(role): \(r.err)")
            #expect(t.eventCount == before + 1 && t.lastEvent?.body.verb == "denied")
            #expect(try t.ws.people().named("zz") == nil)
        }
        // After the meeting closes, acting for police is refused again, at the next action.
        r = t.run("as me\nmeeting close\nas police")
        #expect(r.failures == 1, "\(r.err)")
        #expect(t.session.actor.name == "王敏")
        // Every on-behalf event is listed by `audit behalf`.
        let listed = t.run("audit behalf --format json").out
        #expect(listed.contains("\"on_behalf\":true") && listed.contains("C1 已派员到现场处置") == false)
        #expect(listed.contains("\"verb\":\"remarked\""))
    }

    @Test func aTrainerActsForTraineesInsideADrillOnly() throws {
        let t = Self.shell()
        t.signIn("peixun")
        var r = t.run("as police")
        #expect(r.failures == 1 && r.err.contains("inside a drill only"), "\(r.err)")
        r = t.run("collect 培训师不能收集")
        #expect(r.failures == 1 && r.err.contains("a trainer may not collect"), "\(r.err)")
        let before = t.eventCount
        r = t.run("""
        drill run \(DrillShellTests.water)
        drill next
        as 李敏 --role liaison --dept water
        claim C1
        as me
        drill end
        """)
        #expect(r.failures == 0, "\(r.err)")
        // The drill ran in its own store: the real one only logged the two denials above.
        #expect(t.eventCount == before)
        #expect(t.session.actor.name == "培训师")
        r = t.run("as police")
        #expect(r.failures == 1)
    }

    @Test func othersActOnlyAsThemselves() throws {
        let t = Self.shell()
        t.signIn("lina")
        let r = t.run("as 王敏")
        #expect(r.failures == 1 && r.err.contains("a liaison acts only as themselves"), "\(r.err)")
        #expect(t.run("as me").failures == 0)
        #expect(t.session.actor == Actor(name: "李娜", role: .liaison, dept: "police"))
    }

    @Test func aBareNameMustBeKnownAndANewPersonIsRecorded() throws {
        let t = Self.shell()
        var r = t.run("as 李那")
        #expect(r.failures == 1)
        #expect(r.err.contains("did you mean 李娜"), "\(r.err)")
        #expect(t.run("as polce").err.contains("neither a person of the directory nor a department"))
        r = t.run("as 李娜 --role coordinator")
        #expect(r.failures == 1 && r.err.contains("come from the directory"), "\(r.err)")
        let before = t.eventCount
        r = t.run("as 周涛 --role liaison --dept gov-office")
        #expect(r.failures == 0)
        #expect(r.out.contains("added to the directory"))
        #expect(t.eventCount == before + 1 && t.lastEvent?.body.verb == "personSaved")
        // A coordinator may not add people outside a meeting.
        t.signIn("wangmin")
        r = t.run("as 新人 --role liaison --dept police")
        #expect(r.failures == 1)
        #expect(try t.ws.people().named("新人") == nil)
    }
}

/// Separation of duties and departments' own cases.
@Suite struct SeparationOfDutiesTests {
    @Test func nobodyDecidesTheirOwnExtensionOrReviewsTheirOwnDraft() throws {
        let t = OnBehalfTests.shell()
        t.signIn("lina")
        var r = t.run("""
        assess C1 --level high-attention
        report C1 --text 已报告
        extend C1 --days 3 --reason 需第三方检测
        verify C1 --summary 属实
        respond C1 --draft 回应稿
        """)
        #expect(r.failures == 0, "\(r.err)")
        // 李娜 is made a coordinator (a new post): her own application and draft are still not hers to decide.
        t.signIn("tester")
        #expect(t.run("user add lina --name 李娜 --role coordinator --dept open-gov").failures == 0)
        t.signIn("lina")
        var before = t.eventCount
        r = t.run("extend approve X1")
        #expect(r.failures == 1 && r.err.contains("you may not decide the extension X1 you applied for"), "\(r.err)")
        #expect(t.eventCount == before + 1 && t.lastEvent?.body.verb == "denied")
        r = t.run("extend reject X1 --reason 理由不足")
        #expect(r.failures == 1)
        before = t.eventCount
        r = t.run("review C1 approve")
        #expect(r.failures == 1 && r.err.contains("you may not review the C1 draft you submitted"), "\(r.err)")
        #expect(t.eventCount == before + 1)
        r = t.run("meeting open 会商 --cases C1\ndecide C1 approve-extension X1")
        #expect(r.failures == 1 && r.err.contains("you may not decide the extension X1"), "\(r.err)")
        #expect(t.caseFile(1)?.extensions.first?.decision == .pending)
        #expect(t.caseFile(1)?.reviewApprovedAt == nil)
        // Another coordinator may.
        t.signIn("wangmin")
        r = t.run("extend approve X1\nreview C1 approve")
        #expect(r.failures == 0, "\(r.err)")
    }

    @Test func anotherDepartmentCannotReopenAClosedCase() throws {
        let t = OnBehalfTests.shell()
        t.signIn("lina")
        let closed = t.run("""
        assess C1 --level general
        report C1 --text 已报告
        verify C1 --summary 属实
        respond C1 --channel weibo --text 已修复
        close C1
        """)
        #expect(closed.failures == 0, "\(closed.err)")
        t.signIn("tester")
        t.run("user add zhaoqiang --name 赵强 --role liaison --dept emergency\nas 陈晓\ncollect 又一帖 --url https://weibo.com/a2")
        t.run("as 赵强\nclaim C2")
        t.signIn("zhaoqiang")
        let before = t.eventCount
        var r = t.run("link C2 C1 --as recurrence")
        #expect(r.failures == 1 && r.err.contains("C1 belongs to Public Security Bureau"), "\(r.err)")
        #expect(t.eventCount == before + 1 && t.lastEvent?.body.verb == "denied")
        r = t.run("collect 第三帖 --url https://weibo.com/a3 --link C1 --as recurrence")
        #expect(r.failures == 1 && r.err.contains("C1 belongs to Public Security Bureau"), "\(r.err)")
        #expect(t.caseFile(1)?.isClosed == true)
        #expect(t.caseFile(3) == nil)
        // The coordinators may; so may the department itself.
        t.signIn("wangmin")
        #expect(t.run("link C2 C1 --as recurrence").failures == 0)
        #expect(t.caseFile(1)?.isClosed == false)
    }
}

/// Operators from the system, the directory, recorded time and simulated clocks.
@Suite struct OperatorTests {
    @Test func theFirstOperatorOfAnEmptyStoreBecomesAdministrator() throws {
        let cal = TestShell.calendar
        let ws = Workspace(store: MemoryStore(projector: DueProjector(engine: ObligationEngine(policy: .mingguang, calendar: cal))),
                           calendar: cal, policy: .mingguang)
        ws.trust.login = "first"
        let session = Session(language: .en, clock: SimulatedClock(TestShell.instant("2019-12-27T14:00")))
        try StoreConfigurator.install(ws, in: session)
        let sink = BufferSink()
        // The shell itself needs nobody in the directory; the first store command enrolls.
        _ = Interpreter().run(source: "echo 你好\ncases", file: "<t>", session: session, keepGoing: false, output: sink)
        // The notice is about the operator, not an answer: on standard error (a `-c` script's standard output had
        // it between two answers), in order with the answers when both streams go to one terminal.
        #expect(sink.combined.hasPrefix("你好\nYou (first) are the first operator of this store and are now its administrator."), "\(sink.combined)")
        #expect(!sink.stdout.contains("first operator"), "\(sink.stdout)")
        #expect(sink.stderr.hasPrefix("You (first) are the first operator"), "\(sink.stderr)")
        #expect(try ws.people().signedIn(as: "first")?.role == .admin)
        #expect(session.actor == Actor(name: "first", role: .admin, dept: nil))
    }

    @Test func anUnknownOperatorReadsOnlyHelp() throws {
        let t = TestShell()
        t.signIn("bob")
        #expect(t.session.prompt.contains("bob?"))
        #expect(t.run("help claim").failures == 0)
        let before = t.eventCount
        let r = t.run("cases")
        #expect(r.failures == 1)
        #expect(r.err.contains("the operator bob is not in the directory"), "\(r.err)")
        #expect(r.err.contains("user add bob --name NAME --role ROLE --dept DEPT"))
        #expect(t.eventCount == before + 1)
        #expect(t.lastEvent?.recordedBy == Operator(login: "bob", name: nil))
        // A disabled user is shut out the same way.
        t.signIn("tester")
        t.run("user add bob --name 鲍勃 --role liaison --dept police\nuser disable bob")
        t.signIn("bob")
        #expect(t.run("cases").failures == 1)
    }

    /// A directory change that no administrator made — on a server, a desk's role appending with SQL in its own name
    /// a `personSaved` that makes it an administrator — gives no authority at the prompt. Before, `audit verify`
    /// reported it but the shell folded it like any other: the liaison could `user list`, `user add`, `policy set`.
    @Test(arguments: TestShell.Backend.available)
    func aDirectoryChangeNoAdministratorMadeGivesNoAuthority(backend: TestShell.Backend) throws {
        let t = TestShell(backend: backend)
        t.signIn("tester")
        t.run("user add lina --name 李娜 --role liaison --dept police")
        // The store stamps who writes: here lina, as her role on a server would be.
        t.signIn("lina")
        _ = try t.ws.store.write { tx in
            try tx.append(NewEvent(caseID: nil, actor: Actor(name: "李娜", role: .liaison, dept: "police"),
                                   effective: t.clock.now(), recorded: t.clock.now(),
                                   body: .personSaved(person: Person(name: "李娜", role: .admin, dept: "police", login: "lina")),
                                   recordedBy: Operator(login: "lina", name: "李娜")), expectedVersion: nil)
        }
        #expect(try t.ws.read { try $0.directoryChanges() }.last?.recordedBy?.login == "lina")
        t.signIn("lina")
        #expect(try t.ws.people().signedIn(as: "lina")?.role == .liaison)
        let r = t.run("user add wangfang --name 王芳 --role admin")
        #expect(r.failures == 1)
        #expect(r.err.contains("a liaison may not manage users"), "\(r.err)")
        #expect(try t.ws.people().named("王芳") == nil)
    }

    /// When the directory could not be read as the shell started (a server that did not answer in time), the store
    /// stamps the bare login; the first command that reads the directory again names the operator on its events and
    /// in the prompt. Before, every event of that session was written without the operator's name ("postgres?").
    @Test func theOperatorIsNamedOnceTheDirectoryIsReadAgain() throws {
        let t = TestShell()
        t.ws.store.attribution?.recordedBy = Operator(login: TestShell.login, name: nil)
        t.session.operatorName = TestShell.login + "?"
        let r = t.run("collect 帖子 --url https://weibo.com/op1 --source weibo")
        #expect(r.failures == 0, "\(r.err)")
        #expect(t.lastEvent?.recordedBy == Operator(login: TestShell.login, name: TestShell.login))
        #expect(!t.session.prompt.contains("?"), "\(t.session.prompt)")
    }

    @Test func usersAreTheAdministratorsBusiness() throws {
        let t = TestShell(lang: .zh)
        var r = t.run("user add lina --name 李娜 --role liaison --dept police\nuser list")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("lina") && r.out.contains("联络员") && r.out.contains("在用"))
        r = t.run("user add lina2 --name 李娜 --role liaison --dept police")
        #expect(r.failures == 1 && r.err.contains("已以 lina 登录"))
        r = t.run("user disable \(TestShell.login)")
        #expect(r.failures == 1 && r.err.contains("唯一的管理员"), "\(r.err)")
        t.signIn("lina")
        r = t.run("user list")
        #expect(r.failures == 1 && r.err.contains("联络员不能管理用户"), "\(r.err)")
    }

    @Test func recordedTimeIsTheSystemsOnARealStore() throws {
        let t = TestShell(at: "2019-12-27T14:00")
        t.ws.trust.scene = .real
        t.ws.applyOperator(to: t.session)
        let real = SystemClock().now()
        var r = t.run("as 陈晓 --role patrol --dept open-gov\ncollect 帖子 --url https://weibo.com/t1 --at 2019-12-27T13:00")
        #expect(r.failures == 0, "\(r.err)")
        let e = try #require(try t.ws.read { try $0.events(forCase: EntityID(.caseFile, 1)) }.first)
        #expect(e.effective == TestShell.instant("2019-12-27T13:00"))
        #expect(e.recorded.seconds >= real.seconds)
        #expect(e.backdated)
        // The simulated clock in force on this real store was the administrator's, and logged once.
        let clock = try t.ws.read { try $0.events(kinds: [.clockSimulated], from: Instant(seconds: 0), to: Instant(seconds: Int64.max / 4)) }
        #expect(clock.count == 1)
        r = t.run("audit backdated --format json")
        #expect(r.out.contains("\"backdated\":true") && r.out.contains("\"verb\":\"collected\""), "\(r.out)")
    }

    @Test func aSimulatedClockOnARealStoreIsTheAdministratorsAndLogged() throws {
        let t = TestShell(at: "2019-12-27T14:00")
        t.run("user add lina --name 李娜 --role liaison --dept police")
        t.ws.trust.scene = .real
        t.signIn("lina")
        var before = t.eventCount
        var r = t.run("clock set 2020-01-01T09:00")
        #expect(r.failures == 1 && r.err.contains("may not simulate the clock on a real store"), "\(r.err)")
        #expect(t.eventCount == before + 1)
        // A shell started on a simulated clock (YUQING_NOW) may not write as a liaison either.
        r = t.run("as me\nclaim C1")
        #expect(r.failures == 1 && r.err.contains("may not simulate the clock"), "\(r.err)")
        t.signIn(TestShell.login)
        before = t.eventCount
        r = t.run("clock set 2020-01-01T09:00\nclock real")
        #expect(r.failures == 0, "\(r.err)")
        let logged = try t.ws.read { try $0.events(from: before + 1, limit: 10) }.map(\.body)
        #expect(logged == [.clockSimulated(to: TestShell.instant("2020-01-01T09:00")), .clockSimulated(to: nil)])
        // A scratch store (and a drill) keeps its simulated clock freely.
        let s = TestShell()
        s.run("user add lina --name 李娜 --role liaison --dept police")
        s.signIn("lina")
        #expect(s.run("clock advance 1h").failures == 0)
    }
}

/// The history file keeps no text block bodies and no secret values.
@Suite struct HistoryTests {
    @Test(arguments: [
        ("report C1 <<END\n舆情概况：……\n处置建议：……\nEND", "report C1  # <<END: 2 line(s) of text not kept in history"),
        ("set token s3cr3t --secret", "set token --secret  # value not kept in history"),
        // Verbs are case-insensitive: `SET … --secret` was written to the history file with its value.
        ("SET token s3cr3t --secret", "SET token --secret  # value not kept in history"),
        ("设置 口令 abc --保密", "设置 口令 --secret  # value not kept in history"),
        ("set topic 水质", "set topic 水质"),
        ("claim C1", "claim C1"),
        // A command continued with `\` is kept as one line (the history file has one entry a line, so it came back
        // as two), and a block or a secret after the continuation is still left out (both were kept).
        ("respond C1 --channel weibo \\\n        --text 已回应", "respond C1 --channel weibo --text 已回应"),
        ("report C1 \\\n  --at 2019-12-27T16:40 <<END\n舆情概况：……\nEND", "report C1 --at 2019-12-27T16:40  # <<END: 1 line(s) of text not kept in history"),
        ("set token \\\n s3cr3t --secret", "set token --secret  # value not kept in history"),
        ("say <<END\n末尾反斜杠 \\\n照录\nEND", "say  # <<END: 2 line(s) of text not kept in history"),
    ])
    func redacted(_ entry: String, _ kept: String) {
        #expect(HistoryText.redacted(entry) == kept)
    }

    /// `history` listed `set token s3cr3t --secret` with its value while `set` shows •••; text blocks stay (the
    /// session's own screen).
    @Test func theSessionsHistoryHidesSecretValues() {
        #expect(HistoryText.sessionEntry("set token s3cr3t --secret") == "set token --secret  # value not kept in history")
        #expect(HistoryText.sessionEntry("say <<END\n正文\nEND") == "say <<END\n正文\nEND")
        #expect(HistoryText.sessionEntry("echo s3cr3t") == "echo s3cr3t")
    }

    @Test func secretVariablesAreHiddenWhenListed() {
        let t = TestShell()
        let r = t.run("set token s3cr3t --secret\nset topic 水质\nset")
        #expect(r.out.contains("•••") && !r.out.contains("s3cr3t") && r.out.contains("水质"), "\(r.out)")
        #expect(t.session.variables["token"] == "s3cr3t")
    }
}

/// `audit behalf|backdated|denials --limit N` keep the newest N matches, listed oldest first (kept in a ring: the
/// listing once dropped the oldest from the front of an array at every match).
@Suite struct AuditListingLimitTests {
    static func seqs(_ json: String) -> [Int] {
        let pattern = /"seq":(\d+)/
        return json.matches(of: pattern).compactMap { Int($0.1) }
    }

    @Test(arguments: [1, 2, 3, 5, 50])
    func theNewestAreKeptOldestFirst(limit: Int) {
        let t = TestShell()
        t.run("as 陈晓 --role patrol --dept open-gov\n" + (1...5).map { "collect 帖子\($0) --source weibo" }.joined(separator: "\n"))
        let all = Self.seqs(t.run("audit behalf --format json").out)
        #expect(all.count == 5 && all == all.sorted(), "\(all)")
        let cut = Self.seqs(t.run("audit behalf --limit \(limit) --format json").out)
        #expect(cut == Array(all.suffix(limit)))
    }
}
