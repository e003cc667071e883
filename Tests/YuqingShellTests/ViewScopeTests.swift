import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// The views that were still open to every department (docs/security.md §4), each now through the one rule
/// (`Access.visibleDepartment`, by the signed-in operator): `extensions` listed every department's applications to a
/// liaison; `search` dropped the other departments' cases after ranking and the limit, so a liaison got fewer than
/// `--limit` although more of their own matched; any liaison could `meeting join` any meeting, and then `meeting
/// show`, its minutes and its live lines were theirs.
@Suite struct ViewScopeTests {
    static let police = Actor(name: "李娜", role: .liaison, dept: "police")

    /// C1–C3 the police's (older), C4–C8 the petitions bureau's (newer), C9 not claimed (newest): every title holds
    /// 水质 once. Each department has applied for an extension on its first case (X1 on C1, X2 on C4).
    static func city(_ backend: TestShell.Backend = .memory) -> (admin: TestShell, liaison: TestShell) {
        let sh = TestShell(at: "2019-12-27T09:00", backend: backend)
        var script = ""
        for n in 1...9 { script += "collect \"第\(n)起水质投诉\" --url https://weibo.com/\(n) --source weibo\n" }
        script += """
            as police
            claim C1
            claim C2
            claim C3
            assess C1 --level general
            report C1 --text 已派员到场
            extend C1 --days 3 --reason 警方需检测
            as petitions
            claim C4
            claim C5
            claim C6
            claim C7
            claim C8
            assess C4 --level general
            report C4 --text 已联系投诉人
            extend C4 --days 2 --reason 信访需复查
            as 王敏
            """
        let r = sh.run(script)
        #expect(r.failures == 0, "\(r.err)")
        let liaison = TestShell(sharing: sh, actor: police, login: "lina")
        return (sh, liaison)
    }

    static func ids(_ out: String) -> [String] {
        out.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            .filter { $0.count >= 2 && ($0.first == "C" || $0.first == "X") && $0.dropFirst().allSatisfy(\.isNumber) }
    }

    // MARK: extensions

    @Test(arguments: TestShell.Backend.available)
    func extensionsListTheApplicationsOfTheCasesTheLiaisonSees(backend: TestShell.Backend) {
        let (admin, liaison) = Self.city(backend)
        for command in ["extensions", "extensions --all", "extensions --format csv", "extensions --format json",
                        "extensions --all --format md", "extensions --dept police"] {
            let r = liaison.run(command)
            #expect(r.failures == 0, "\(command): \(r.err)")
            #expect(r.out.contains("X1") && r.out.contains("警方需检测"), "\(command):\n\(r.out)")
            #expect(!r.out.contains("X2") && !r.out.contains("信访需复查"), "\(command) shows another department's application:\n\(r.out)")
            #expect(admin.run(command.replacingOccurrences(of: " --dept police", with: "")).out.contains("X2"), "\(command) as a coordinator")
        }
        // A coordinator may look at one department's.
        let petitions = admin.run("extensions --dept petitions")
        #expect(petitions.out.contains("X2") && !petitions.out.contains("X1"), "\(petitions.out)")
    }

    @Test(arguments: TestShell.Backend.available)
    func aLiaisonAskingForAnotherDepartmentsExtensionsIsRefusedAndLogged(backend: TestShell.Backend) {
        let (admin, liaison) = Self.city(backend)
        let r = liaison.run("extensions --dept petitions")
        #expect(r.failures == 1)
        #expect(r.err.contains("a department's people see their own department's (Public Security Bureau) extension applications only"), "\(r.err)")
        #expect(!r.out.contains("X2"))
        let denials = admin.run("audit denials")
        #expect(denials.out.contains("extensions"), "\(denials.out)")
    }

    // MARK: search

    @Test(arguments: TestShell.Backend.available)
    func aLiaisonsSearchFillsThePageWithWhatTheySee(backend: TestShell.Backend) {
        let (admin, liaison) = Self.city(backend)
        // Newest first among equals: C9 (unclaimed), then the police's C3, C2 — the petitions bureau's newer C4–C8
        // are not theirs, and did not take the page's places before being dropped.
        let r = liaison.run("search 水质 --limit 3")
        #expect(r.failures == 0, "\(r.err)")
        #expect(Self.ids(r.out) == ["C9", "C3", "C2"], "\(r.out)")
        let json = liaison.run("search 水质 --limit 4 --format json")
        #expect(Self.ids(json.out) == ["C9", "C3", "C2", "C1"], "\(json.out)")
        // A coordinator's page is the city's.
        #expect(Self.ids(admin.run("search 水质 --limit 3").out) == ["C9", "C8", "C7"])
    }

    @Test(arguments: TestShell.Backend.available)
    func theStoreChoosesTheVisibleCasesBeforeTheLimit(backend: TestShell.Backend) throws {
        let (admin, _) = Self.city(backend)
        let found = try admin.ws.read { try $0.search("水质", limit: 2, visibleTo: "police") }
        #expect(found.hits.map(\.summary.id.description) == ["C9", "C3"])
        #expect(found.ranked == 4 && found.complete)
        let small = try admin.ws.read { try $0.search("水质", limit: 10, pool: 2, visibleTo: "police") }
        #expect(small.hits.map(\.summary.id.description) == ["C9", "C3"])
        #expect(!small.complete)
        let xs = try admin.ws.read { try $0.extensionRequests(all: true, visibleTo: "petitions") }
        #expect(xs.map(\.id.description) == ["X2"])
        #expect(try admin.ws.read { try $0.extensionRequests(all: true, visibleTo: "water") }.isEmpty)
        #expect(try admin.ws.read { try $0.extensionRequests(all: true) }.count == 2)
    }

    // MARK: deadlines

    /// A liaison's `due` and `overdue` list the deadlines of the cases they see, decided by the case's department as
    /// every view is: the coordinators' escalation of their own major sensitive case (the coordinators answer for it)
    /// is theirs to watch, and so is the claim of a case nobody holds, though it was suggested to another
    /// department; another department's case is not, though its deadline falls first.
    @Test(arguments: TestShell.Backend.available)
    func aLiaisonsDeadlinesAreThoseOfTheCasesTheySee(backend: TestShell.Backend) {
        let (admin, liaison) = Self.city(backend)
        let r = admin.run("""
            as police
            assess C2 --level major-sensitive
            as 王敏
            collect "第十起水质投诉" --url https://weibo.com/10 --dept petitions
            """)
        #expect(r.failures == 0, "\(r.err)")
        func check(_ commands: [String]) {
            for command in commands {
                let out = liaison.run(command)
                #expect(out.failures == 0, "\(command): \(out.err)")
                let ids = Set(Self.ids(out.out))
                #expect(ids.isSuperset(of: ["C2", "C3", "C9", "C10"]), "\(command):\n\(out.out)")
                #expect(ids.isDisjoint(with: ["C4", "C5", "C6", "C7", "C8"]), "\(command) lists another department's case:\n\(out.out)")
                #expect(out.out.contains(command.contains("format") ? "escalate" : "report to city leaders"), "\(command):\n\(out.out)")
            }
        }
        check(["due", "due --all", "due --format csv", "due --format json"])
        // The same entries once they are overdue.
        liaison.clock.set(TestShell.instant("2019-12-27T12:00"))
        check(["overdue", "overdue --all", "overdue --format csv", "overdue --format json"])
        // The coordinators' list is the city's.
        #expect(Set(Self.ids(admin.run("due --all").out)).isSuperset(of: ["C2", "C3", "C5", "C9", "C10"]))
    }

    // MARK: every verb, as an attacker at the prompt

    /// Every verb a liaison may type that names a case, a meeting or a text, aimed at the petitions bureau's C5 (or
    /// at all cases): whatever each answers — a refusal, an empty list, a sentence — it never shows C5's title or
    /// its extension's reason to the police. Supervision names case numbers by design (docs/security.md §4), never
    /// titles.
    @Test(arguments: TestShell.Backend.available)
    func noVerbShowsAnotherDepartmentsCaseToALiaison(backend: TestShell.Backend) {
        let (admin, liaison) = Self.city(backend)
        #expect(admin.run("meeting open \"信访会商\" --cases C5\nsay \"第5起需要复查\"\nmeeting close").failures == 0)
        let secret = ["第5起水质投诉", "第4起水质投诉", "信访需复查", "第5起需要复查"]
        let commands = [
            "show C5", "show C4", "timeline C5", "why C5", "remind C5", "report special C5", "report special C4 --lang en",
            "cases", "cases limit 100", "cases where title ~ 第5起", "cases where dept = petitions", "cases --format json",
            "count by dept", "count by title", "count by title where dept = petitions", "search 第5起", "search 复查",
            "due --all", "overdue --all", "extensions --all", "extensions --format csv", "report daily", "report monthly 2019-12", "score", "accountability", "patrol check",
            "inbox", "meetings", "meeting show M1", "meeting minutes M1", "meeting join M1",
            "claim C5", "assess C5 --level general", "report C5 --text 已到场", "verify C5 --summary 属实", "liaise C5",
            "escalate C5", "extend C5 --days 2 --reason 理由", "respond C5 --text 已回应", "review C5 approve", "follow C5 平稳",
            "close C5", "link C3 C5 --as duplicate", "risk C5 --nature 群体 --trend rising --impact high",
            "collect \"重复\" --url https://weibo.com/5", "collect \"关联\" --link C5 --as recurrence",
            "watch", "watch --all", "watch --dept petitions",
        ]
        for command in commands {
            let r = liaison.run(command)
            // Each command is well formed: it reached its check, not the parser's usage error.
            #expect(!r.err.contains("has no option") && !r.err.contains("is missing"), "\(command): \(r.err)")
            for text in secret {
                #expect(!r.out.contains(text) && !r.err.contains(text), "\(command) shows \(text):\n\(r.out)\n\(r.err)")
            }
        }
        // The coordinators do see it (the fixture holds what the sweep looks for).
        #expect(admin.run("show C5").out.contains("第5起水质投诉") && admin.run("extensions --all").out.contains("信访需复查"))
    }

    // MARK: meetings

    /// M1, open, on the petitions bureau's C5 only, with a remark.
    static func meetings() -> (admin: TestShell, liaison: TestShell) {
        let (admin, liaison) = city()
        let r = admin.run("""
            meeting open "信访水质会商" --cases C5
            say "C5 投诉人情绪激动"
            """)
        #expect(r.failures == 0, "\(r.err)")
        return (admin, liaison)
    }

    @Test func aLiaisonMayNotJoinAMeetingThatDoesNotConcernTheirDepartment() throws {
        let (admin, liaison) = Self.meetings()
        let r = liaison.run("meeting join")
        #expect(r.failures == 1, "\(r.out)")
        #expect(r.err.contains("M1 has no case of Public Security Bureau on its agenda"), "\(r.err)")
        #expect(!r.out.contains("投诉人情绪激动") && !r.err.contains("投诉人情绪激动"))
        // Nothing recorded but the denial.
        let m = try #require(Meeting.fold(try admin.ws.read { try $0.events(forSubject: EntityID(.meeting, 1)) }))
        #expect(m.participants.map(\.actor.name) == ["王敏"] && m.attendance.isEmpty)
        #expect(admin.run("audit denials").out.contains("meeting join"))
        // Nor does it see it otherwise.
        for command in ["meeting show", "meeting show M1", "meeting minutes", "meeting minutes M1"] {
            let s = liaison.run(command)
            #expect(s.failures == (command == "meeting show" ? 0 : 1), "\(command): \(s.out)")
            #expect(!s.out.contains("投诉人情绪激动") && !s.err.contains("投诉人情绪激动"), "\(command): \(s.out)")
        }
        let listed = liaison.run("meetings").out
        #expect(!listed.contains("信访水质会商") && listed.contains("No meeting concerns your department") && !listed.contains("meeting open"), "\(listed)")
        #expect(admin.run("meetings").out.contains("信访水质会商"))
    }

    /// What names the meeting in progress unasked — the prompt, the start-up board, `meeting show` and `meeting
    /// minutes` without a number — names it only to those who may follow it; a look not asked for by name is not
    /// a refusal to log. The board counts and lists the deadlines of the cases the person sees.
    @Test func theMeetingInProgressIsNamedOnlyToThoseWhoMayFollowIt() throws {
        let (admin, liaison) = Self.meetings()
        #expect(admin.session.prompt.contains("M1"), "\(admin.session.prompt)")
        #expect(!liaison.session.prompt.contains("M1"), "\(liaison.session.prompt)")
        #expect(admin.ws.startupBoard(admin.session).contains { $0.contains("M1") })
        let board = liaison.ws.startupBoard(liaison.session)
        #expect(!board.contains { $0.contains("M1") || $0.contains("C5") || $0.contains("C6") }, "\(board)")
        #expect(board.contains { $0.contains("C9") }, "\(board)")
        // Half an hour on, the unit reports due at 11:00 are within the board's two hours: the police's, not the others'.
        admin.clock.set(TestShell.instant("2019-12-27T09:30"))
        #expect(admin.ws.startupBoard(admin.session).contains { $0.contains("C5") })
        let later = liaison.ws.startupBoard(liaison.session)
        #expect(later.contains { $0.contains("C3") } && later.contains { $0.contains("3 due within 2 hours") }, "\(later)")
        #expect(!later.contains { $0.contains("C5") || $0.contains("C6") }, "\(later)")
        let show = liaison.run("meeting show")
        #expect(show.failures == 0 && show.out.contains("No meeting in progress concerns your department") && !show.out.contains("M1"), "\(show.out)")
        let minutes = liaison.run("meeting minutes")
        #expect(minutes.failures == 1 && minutes.err.contains("name the meeting") && !minutes.err.contains("M1"), "\(minutes.err)")
        #expect(!admin.run("audit denials").out.contains("meeting"), "only asked-for looks are refusals")
        // Once the department is asked to attend, it is its meeting too.
        #expect(admin.run("meeting attend police").failures == 0)
        #expect(liaison.session.prompt.contains("M1"), "\(liaison.session.prompt)")
        #expect(liaison.run("meeting show").out.contains("投诉人情绪激动"))
    }

    @Test func aLiaisonJoinsWhenACaseOfTheirsIsOnTheAgendaOrTheyAreAskedToAttend() {
        let (admin, liaison) = Self.meetings()
        // Asked to attend by the facilitator's roll call.
        #expect(admin.run("meeting attend police").failures == 0)
        let joined = liaison.run("meeting join")
        #expect(joined.failures == 0, "\(joined.err)")
        #expect(liaison.run("meeting show").out.contains("投诉人情绪激动"))
        admin.run("meeting close")
        // A case of theirs on the agenda.
        admin.run("meeting open \"水质会商\" --cases C2")
        #expect(liaison.run("meeting join M2").failures == 0)
        admin.run("meeting close")
        // An unclaimed case on the agenda is one every department sees (it is still to be claimed).
        admin.run("meeting open \"新情况\" --cases C9")
        #expect(liaison.run("meeting join M3").failures == 0)
        admin.run("meeting close")
        #expect(liaison.run("meeting minutes M2").failures == 0)
        #expect(liaison.run("meeting minutes M1").failures == 0)
    }

    @Test func theLiveLinesOfAMeetingReachOnlyThoseWhoMayFollowIt() {
        let (admin, liaison) = Self.meetings()
        let feed = LiveFeed(ws: liaison.ws, session: liaison.session)
        _ = feed.poll()
        liaison.run("meeting join")
        admin.run("say \"C5 请信访局说明\"")
        #expect(feed.poll().allSatisfy { !$0.text.contains("请信访局说明") })
    }

    // MARK: further leaks found at the prompt

    /// `collect` of a URL another department's case already holds adds the item to that case (the city's one case
    /// per post) but told the liaison that case's title: a way to read other departments' cases one URL at a time.
    @Test func collectingAKnownURLDoesNotTellAnotherDepartmentsTitle() {
        let (admin, liaison) = Self.city()
        let r = liaison.run("collect 转发 --url https://weibo.com/4 --source weibo")
        #expect(r.failures == 0, "\(r.err)")
        #expect(!r.out.contains("第4起水质投诉"), "\(r.out)")
        #expect(r.out.contains("That URL is already in C4 (another department's case)"), "\(r.out)")
        // Its own case, and a coordinator, are told the title as before.
        #expect(liaison.run("collect 转发 --url https://weibo.com/1 --source weibo").out.contains("第1起水质投诉"))
        #expect(admin.run("collect 转发 --url https://weibo.com/4 --source weibo").out.contains("第4起水质投诉"))
    }

    /// The daily opinion log names each case of the day and its post title: a liaison's `report daily` listed every
    /// department's. It now holds the lines of the cases they see, as `cases` does.
    @Test func aLiaisonsDailyLogHoldsTheCasesTheySee() {
        let (admin, liaison) = Self.city()
        let r = liaison.run("report daily 2019-12-27")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("第1起水质投诉") && r.out.contains("第9起水质投诉"), "\(r.out)")
        #expect(!r.out.contains("第4起水质投诉") && !r.out.contains("C4"), "\(r.out)")
        let city = admin.run("report daily 2019-12-27")
        #expect(city.out.contains("第4起水质投诉"), "\(city.out)")
    }
}
