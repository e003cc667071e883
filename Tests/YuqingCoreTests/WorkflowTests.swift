import Testing
@testable import YuqingCore

/// The permission table of brief section 7 and the stage rules of the five steps.
struct WorkflowTests {
    static let t0 = Instant(date: CivilDate(year: 2019, month: 12, day: 19)!, hour: 9)
    static let police = BuiltinDepartments.all.first { $0.code == "police" }!

    static func collected() -> CaseFile {
        var c = CaseFile(id: EntityID(.caseFile, 7), collectedAt: t0)
        c.apply(event(.collected(item: Item(title: "网传自来水发黄", url: "https://weibo.com/1", source: .weibo, category: .demand, excerpt: nil), dept: nil)))
        return c
    }

    static func event(_ body: EventBody, at: Instant = t0, dept: String? = "police") -> Event {
        Event(seq: 1, caseID: EntityID(.caseFile, 7), subject: nil, actor: Actor(name: "李娜", role: .liaison, dept: dept),
              effective: at, recorded: at, body: body, prevHash: "", hash: "")
    }

    static func claimed() -> CaseFile {
        var c = collected()
        c.apply(event(.claimed(dept: "police")))
        return c
    }

    /// Every role against every permission: exactly the roles of the table may act.
    @Test(arguments: Role.allCases)
    func rolesMatchTheTable(role: Role) {
        let actor = Actor(name: "x", role: role, dept: role == .cityLeader || role == .admin ? nil : "police")
        for p in Permission.allCases {
            let allowed = (try? p.check(actor, on: p.ownCaseOnly ? Self.claimed() : nil)) != nil
            #expect(allowed == p.roles.contains(role), "\(role) \(p)")
        }
    }

    @Test func onlyCoordinatorsAssignApproveEscalateAndReview() {
        for p in [Permission.assign, .extendDecide, .escalate, .review, .decide] {
            #expect(p.roles == [.coordinator])
        }
    }

    @Test func aDepartmentActsOnItsOwnCasesOnly() throws {
        let other = Actor(name: "王强", role: .liaison, dept: "emergency")
        #expect(throws: WorkflowError.self) { try Permission.verify.check(other, on: Self.claimed()) }
        let mine = Actor(name: "李娜", role: .liaison, dept: "police")
        try Permission.verify.check(mine, on: Self.claimed())
    }

    @Test func claimingTwiceIsRefusedWithTheNextStep() {
        do {
            _ = try CaseRules.claim(Self.claimed(), dept: Self.police)
            Issue.record("second claim accepted")
        } catch {
            #expect(error.kind == .wrongStage)
            #expect(error.message.en.contains("already claimed by police"))
            #expect(error.next?.en.contains("assess C7") == true)
        }
    }

    @Test func respondingBeforeVerifyingIsRefused() {
        #expect(throws: WorkflowError.self) { try CaseRules.publish(Self.claimed(), channel: "weibo", url: nil, text: "x") }
    }

    @Test func highAttentionNeedsAnApprovedDraft() throws {
        var c = Self.claimed()
        c.apply(Self.event(.assessed(level: .highAttention, historical: false, note: nil)))
        c.apply(Self.event(.verified(summary: "ok", file: nil)))
        #expect(throws: WorkflowError.self) { try CaseRules.publish(c, channel: "weibo", url: nil, text: "x") }
        c.apply(Self.event(.responseDrafted(text: "通报", channel: nil)))
        #expect(throws: WorkflowError.self) { try CaseRules.publish(c, channel: "weibo", url: nil, text: nil) }
        c.apply(Self.event(.responseReviewed(approved: true, note: nil), at: Self.t0.adding(.hours(1))))
        let body = try CaseRules.publish(c, channel: "weibo", url: nil, text: nil)
        #expect(body == .responded(channel: "weibo", url: nil, text: "通报"))
    }

    /// respond.high (coordinators' review, 5 wd) applies to major sensitive cases too (docs/rules.md): a major
    /// sensitive case's response was published at once, with no draft and no review, while `why` listed it as
    /// 回应（关注度高）; and a draft awaiting review could be published past it.
    @Test(arguments: [Level.highAttention, .majorSensitive])
    func aReviewedLevelNeedsAnApprovedDraft(level: Level) throws {
        var c = Self.claimed()
        c.apply(Self.event(.assessed(level: level, historical: false, note: nil)))
        c.apply(Self.event(.verified(summary: "ok", file: nil)))
        let policy = Policy.mingguang
        #expect(policy.responseNeedsReview(level: level, historical: false))
        #expect(throws: WorkflowError.self) { try CaseRules.publish(c, channel: "weibo", url: nil, text: "x", policy: policy) }
        c.apply(Self.event(.responseDrafted(text: "通报", channel: nil)))
        #expect(throws: WorkflowError.self) { try CaseRules.publish(c, channel: "weibo", url: nil, text: nil, policy: policy) }
        c.apply(Self.event(.responseReviewed(approved: true, note: nil), at: Self.t0.adding(.hours(1))))
        #expect(try CaseRules.publish(c, channel: "weibo", url: nil, text: nil, policy: policy)
                == .responded(channel: "weibo", url: nil, text: "通报"))
    }

    @Test func aGeneralCaseIsPublishedWithoutReview() throws {
        var c = Self.claimed()
        c.apply(Self.event(.verified(summary: "ok", file: nil)))
        #expect(!Policy.mingguang.responseNeedsReview(level: nil, historical: false))
        #expect(try CaseRules.publish(c, channel: "weibo", url: nil, text: "x", policy: .mingguang)
                == .responded(channel: "weibo", url: nil, text: "x"))
    }

    @Test func extensionsOnlyWithinTheWindow() throws {
        let c = Self.claimed()
        let end = Self.t0.adding(.days(3))
        _ = try CaseRules.applyExtension(c, id: EntityID(.extensionRequest, 1), days: 5, reason: "r", at: end, window: DeadlineBounds(exact: end))
        do {
            _ = try CaseRules.applyExtension(c, id: EntityID(.extensionRequest, 1), days: 5, reason: "r", at: end.adding(seconds: 60), window: DeadlineBounds(exact: end))
            Issue.record("late extension accepted")
        } catch {
            #expect(error.kind == .tooLate)
            #expect(error.message.en.contains("Art. 8 ¶2"))
        }
    }

    @Test func escalationNeedsAMajorSensitiveJudgement() throws {
        var c = Self.claimed()
        #expect(throws: WorkflowError.self) { try CaseRules.escalate(c, note: nil) }
        c.apply(Self.event(.assessed(level: .majorSensitive, historical: false, note: nil)))
        #expect(c.majorSensitiveAt == Self.t0)
        _ = try CaseRules.escalate(c, note: nil)
        c.apply(Self.event(.escalated(note: nil)))
        #expect(throws: WorkflowError.self) { try CaseRules.escalate(c, note: nil) }
    }

    @Test func assigningAfterTheClaimDeadlineMarksDesignated() throws {
        let c = Self.collected()
        let due = Self.t0.adding(.hours(1))
        let early = try CaseRules.assign(c, dept: Self.police, claimDue: due, at: due, note: nil)
        #expect(early.body == .assigned(dept: "police", designated: false, note: nil))
        #expect(!early.designates)
        let late = try CaseRules.assign(c, dept: Self.police, claimDue: due, at: due.adding(seconds: 60), note: nil)
        #expect(late.body == .assigned(dept: "police", designated: true, note: nil))
        #expect(late.designates)
    }

    @Test func aRecurrenceReopensAClosedCase() {
        var c = Self.claimed()
        c.apply(Self.event(.verified(summary: "ok", file: nil)))
        c.apply(Self.event(.responded(channel: "weibo", url: nil, text: "x")))
        c.apply(Self.event(.closed(note: nil)))
        #expect(c.stage == .closed)
        c.apply(Self.event(.linked(to: EntityID(.caseFile, 9), kind: .recurrence, newer: false)))
        #expect(c.stage == .following)
        #expect(c.closedAt == nil)
        #expect(c.reopenedAt == Self.t0)
    }

    @Test func aDuplicateIsWaived() {
        var c = Self.collected()
        c.apply(Self.event(.linked(to: EntityID(.caseFile, 3), kind: .duplicate, newer: true)))
        #expect(c.duplicateOf == EntityID(.caseFile, 3))
    }

    @Test func verbNamesAreStable() {
        #expect(EventBody.claimed(dept: "x").verb == "claimed")
        #expect(EventBody.linked(to: EntityID(.caseFile, 1), kind: .duplicate, newer: true).verb == "linked")
    }
}

/// `Access.check`: operators, acting on behalf, scenes and separation of duties (issue 10).
struct AccessTests {
    static let coordinator = Person(name: "王敏", role: .coordinator, dept: "open-gov", login: "wangmin")
    static let admin = Person(name: "管理员", role: .admin, dept: nil, login: "root")
    static let liaison = Person(name: "李娜", role: .liaison, dept: "police", login: "lina")
    static let police = Actor(name: "市公安局", role: .liaison, dept: "police")
    static let meeting = MeetingScene(id: EntityID(.meeting, 1), participants: ["police"])

    static func op(_ p: Person) -> OperatorContext { OperatorContext(login: p.login ?? "", person: p) }

    static func allowed(_ r: AccessRequest) -> Bool { (try? Access.check(r)) != nil }

    @Test func anUnknownOperatorReadsOnlyHelp() {
        let stranger = OperatorContext(login: "bob", person: nil)
        let me = Actor(name: "bob", role: .patrol, dept: nil)
        #expect(Self.allowed(AccessRequest(.open, by: stranger, actor: me, scene: .real)))
        for p in [Permission.shell, .read, .collect] {
            #expect(!Self.allowed(AccessRequest(p, by: stranger, actor: me, scene: .real)))
        }
        var disabled = Self.liaison
        disabled.disabled = true
        #expect(!Self.allowed(AccessRequest(.read, by: Self.op(disabled), actor: disabled.actor, scene: .real)))
    }

    @Test func aCoordinatorRecordsOnlyForAMeetingsParticipantsAndOnlyTableFacts() {
        let op = Self.op(Self.coordinator)
        #expect(!Self.allowed(AccessRequest(.remark, by: op, actor: Self.police, scene: .real)))
        #expect(Self.allowed(AccessRequest(.remark, by: op, actor: Self.police, scene: .real, meeting: Self.meeting)))
        #expect(Self.allowed(AccessRequest(.read, by: op, actor: Self.police, scene: .real)))
        #expect(!Self.allowed(AccessRequest(.extendApply, by: op, actor: Self.police, scene: .real, meeting: Self.meeting)))
        let emergency = Actor(name: "市应急办", role: .liaison, dept: "emergency")
        #expect(!Self.allowed(AccessRequest(.remark, by: op, actor: emergency, scene: .real, meeting: Self.meeting)))
    }

    @Test func aTrainerActsForTraineesInADrillOnly() {
        let trainer = Person(name: "培训师", role: .trainer, dept: nil, login: "peixun")
        #expect(!Self.allowed(AccessRequest(.claim, by: Self.op(trainer), actor: Self.police, scene: .real)))
        #expect(Self.allowed(AccessRequest(.remark, by: OperatorContext(login: "peixun", person: trainer, role: .trainer),
                                           actor: Self.police, scene: .drill)))
    }

    @Test func settingsAreTheOperatorsWhoeverTheyActFor() {
        // An administrator back-filling as a liaison may still set the clock; a liaison may not, even as herself.
        #expect(Self.allowed(AccessRequest(.simulateClock, by: Self.op(Self.admin), actor: Self.police, scene: .real)))
        #expect(!Self.allowed(AccessRequest(.simulateClock, by: Self.op(Self.liaison), actor: Self.liaison.actor, scene: .real)))
        #expect(Self.allowed(AccessRequest(.simulateClock, by: Self.op(Self.liaison), actor: Self.liaison.actor, scene: .scratch)))
        // Acting for someone does not lend their role to the operator, nor the operator's to them.
        #expect(!Self.allowed(AccessRequest(.assign, by: Self.op(Self.admin), actor: Self.police, scene: .real)))
    }

    @Test func nobodyDecidesTheirOwnApplicationNorReviewsTheirOwnDraft() {
        var c = WorkflowTests.claimed()
        let x = EntityID(.extensionRequest, 1)
        c.extensions = [ExtensionRecord(id: x, appliedAt: WorkflowTests.t0, days: 3, reason: "检测", dept: "police",
                                        decision: .pending, appliedBy: "李娜", appliedOperator: "lina")]
        c.draft = "回应稿"
        c.draftBy = "李娜"
        c.draftOperator = "lina"
        // 李娜, now a coordinator: her own application and draft.
        let promoted = Person(name: "李娜", role: .coordinator, dept: "open-gov", login: "lina")
        #expect(!Self.allowed(AccessRequest(.extendDecide, by: Self.op(promoted), actor: promoted.actor, scene: .real, caseFile: c, subject: x)))
        #expect(!Self.allowed(AccessRequest(.review, by: Self.op(promoted), actor: promoted.actor, scene: .real, caseFile: c)))
        // Another coordinator may.
        let other = Self.op(Self.coordinator)
        #expect(Self.allowed(AccessRequest(.extendDecide, by: other, actor: Self.coordinator.actor, scene: .real, caseFile: c, subject: x)))
        #expect(Self.allowed(AccessRequest(.review, by: other, actor: Self.coordinator.actor, scene: .real, caseFile: c)))
        // The operator who typed the application may not decide it as someone else — unless an administrator is
        // back-filling both sides of a paper record.
        c.extensions[0].appliedOperator = "wangmin"
        #expect(!Self.allowed(AccessRequest(.extendDecide, by: other, actor: Self.coordinator.actor, scene: .real, caseFile: c, subject: x)))
        c.extensions[0].appliedOperator = "root"
        #expect(Self.allowed(AccessRequest(.extendDecide, by: Self.op(Self.admin), actor: Self.coordinator.actor, scene: .real, caseFile: c, subject: x)))
    }
}
