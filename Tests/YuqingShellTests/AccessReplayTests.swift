import Testing
@testable import YuqingCore
@testable import YuqingShell
@testable import YuqingStore

/// `audit verify` replays the permission check on every case event (`AccessReplay`): a case worked by each desk
/// under its own login passes, and an event a desk's database role appended in its own name with SQL — chained and
/// signed like yuqing's own, which a server cannot tell apart (docs/security.md §1) — is named when yuqing would
/// have refused it.
@Suite(.serialized) struct AccessReplayTests {
    /// Collected by a patrol, claimed, judged high-attention and reported by police, an extension applied for by
    /// police and approved by a coordinator at a meeting where she also records for police, a duplicate post
    /// collected with `--link`, a recurrence linked by police, a draft reviewed by the coordinator, published,
    /// followed and closed — each by the person whose job it is.
    static func workedCase() -> TestShell {
        let t = TestShell(at: "2019-12-30T09:00")
        t.run("""
        user add wangmin --name 王敏 --role coordinator --dept open-gov
        user add lina --name 李娜 --role liaison --dept police
        user add chenxiao --name 陈晓 --role patrol --dept open-gov
        """)
        func step(_ login: String, _ script: String) {
            t.signIn(login)
            let r = t.run(script)
            #expect(r.failures == 0, "\(login): \(r.err)")
        }
        step("chenxiao", """
        collect "网传某路口红绿灯故障" --url https://weibo.com/a1 --source weibo
        collect "同一路口红绿灯又坏了" --url https://weibo.com/a2 --source weibo --link C1 --as duplicate
        """)
        step("lina", """
        claim C1
        assess C1 --level high-attention
        report C1 --text 已派员到场
        extend C1 --days 3 --reason 需检测
        """)
        step("wangmin", """
        meeting open 会商 --cases C1
        meeting attend police
        decide C1 approve-extension X1
        as police
        say "C1 已恢复"
        assess C1 --level high-attention --note 会上通报
        as me
        meeting close
        """)
        step("lina", """
        verify C1 --summary 信号机故障已修复
        respond C1 --draft 经核实，信号灯已修复。
        """)
        step("wangmin", "review C1 approve")
        step("lina", """
        respond C1 --publish --channel weibo
        follow C1 群众反映已恢复正常
        close C1
        """)
        step("chenxiao", """
        collect "路口红绿灯再次故障" --url https://weibo.com/a3 --source weibo
        """)
        step("lina", """
        claim C3
        link C3 C1 --as recurrence
        """)
        return t
    }

    static func unauthorized(_ t: TestShell) throws -> [AuditFinding] {
        try StoreAudit.verify(t.ws.store).findings.filter { $0.kind == .unauthorized }
    }

    /// Appends `body` to `caseID` as if `login` had typed it, acting as `actor`: what a desk's role can do with SQL.
    static func forge(_ t: TestShell, _ caseID: Int, _ body: EventBody, by login: String, name: String, as actor: Actor) throws {
        let id = EntityID(.caseFile, caseID)
        // The store stamps the session's operator on what it writes; SQL names whom it likes.
        let stamped = t.ws.store.attribution?.recordedBy
        t.ws.store.attribution?.recordedBy = Operator(login: login, name: name)
        defer { if let stamped { t.ws.store.attribution?.recordedBy = stamped } }
        _ = try t.ws.store.write { tx in
            try tx.append(NewEvent(caseID: id, actor: actor, effective: Self.later,
                                   recorded: Self.later, body: body,
                                   recordedBy: Operator(login: login, name: name)),
                          expectedVersion: try tx.caseFile(id)?.version)
        }
    }

    /// After everything of `workedCase` (the test clock runs on from 2019-12-30).
    static let later = Instant(date: CivilDate(year: 2020, month: 3, day: 2)!, hour: 10)
    static let lina = Actor(name: "李娜", role: .liaison, dept: "police")

    @Test func aCaseWorkedThroughYuqingPasses() throws {
        let t = Self.workedCase()
        // C1 was closed, then reopened by its recurrence C3.
        #expect(try t.ws.read { try $0.events(forCase: EntityID(.caseFile, 1)) }.contains { $0.body.verb == "closed" })
        #expect(t.caseFile(3)?.dept == "police")
        let found = try Self.unauthorized(t)
        #expect(found.isEmpty, "\(found)")
        #expect(try StoreAudit.verify(t.ws.store).isIntact)
    }

    @Test func aLiaisonApprovingHerOwnExtensionIsFound() throws {
        let t = Self.workedCase()
        t.signIn("lina")
        #expect(t.run("extend C3 --days 2 --reason 需复查").failures == 0)
        // Her own application, approved in her own name: the role table and separation of duties both refuse it.
        try Self.forge(t, 3, .extensionApproved(ext: EntityID(.extensionRequest, 2), days: 2, note: nil), by: "lina", name: "李娜",
                       as: Self.lina)
        let found = try Self.unauthorized(t)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.en.contains("(C3: decide an extension, operator lina, recorded as 李娜)") == true, "\(found)")
        #expect(found.first?.message.zh.contains("审批延期") == true)
        #expect(try StoreAudit.verify(t.ws.store).isIntact == false)
    }

    @Test func aDeskActingOnAnotherDepartmentsCaseOrInAnotherNameIsFound() throws {
        let t = Self.workedCase()
        t.signIn(TestShell.login)
        #expect(t.run("user add zhangwei --name 张伟 --role liaison --dept emergency").failures == 0)
        // Emergency management's liaison closes police's case in her own name, then records a verification as police's liaison.
        try Self.forge(t, 3, .closed(note: nil), by: "zhangwei", name: "张伟",
                       as: Actor(name: "张伟", role: .liaison, dept: "emergency"))
        try Self.forge(t, 3, .verified(summary: "已核实", file: nil), by: "zhangwei", name: "张伟", as: Self.lina)
        // A login nobody gave: not in the directory at all.
        try Self.forge(t, 3, .followed(note: "x"), by: "mallory", name: "M", as: Self.lina)
        let found = try Self.unauthorized(t).map(\.message.en)
        #expect(found.count == 3, "\(found)")
        #expect(found.first?.contains("C3 belongs to Public Security Bureau; Emergency Office acts on its own cases only") == true, "\(found)")
        #expect(found.dropFirst().first?.contains("acts only as themselves") == true, "\(found)")
        #expect(found.last?.contains("not in the directory") == true, "\(found)")
    }

    @Test func authorityFromAnUnauthorizedDirectoryChangeCountsForNothing() throws {
        let t = Self.workedCase()
        // Police's liaison makes herself a coordinator past yuqing, then assigns a case as one.
        _ = try t.ws.store.write { tx in
            try tx.append(NewEvent(caseID: nil, actor: Self.lina, effective: Self.later,
                                   recorded: Self.later,
                                   body: .personSaved(person: Person(name: "李娜", role: .coordinator, dept: "police", login: "lina")),
                                   recordedBy: Operator(login: "lina", name: "李娜")), expectedVersion: nil)
        }
        try Self.forge(t, 3, .assigned(dept: "police", designated: true, note: nil), by: "lina", name: "李娜",
                       as: Actor(name: "李娜", role: .coordinator, dept: "police"))
        let report = try StoreAudit.verify(t.ws.store)
        #expect(report.findings.filter { $0.kind == .directory }.count == 1)
        #expect(report.findings.filter { $0.kind == .unauthorized }.count == 1, "\(report.findings)")
    }
}
