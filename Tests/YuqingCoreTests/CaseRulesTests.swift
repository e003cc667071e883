import Testing
@testable import YuqingCore

/// The rules that commands on a case apply, decided in the core: the designation of Art. 6, the extension window of
/// Art. 8 ¶2, both sides of a link and the next-steps sentence every answer ends with.
struct CaseRulesTests {
    static let engine = ObligationEngine(policy: .mingguang, calendar: Repo.calendar)
    static let water = Department(code: "water", nameZH: "市水务局", nameEN: "Water Bureau")
    static let police = BuiltinDepartments.all.first { $0.code == "police" }!

    static func t(_ s: String) -> Instant { at(s) }

    /// A case collected at `collected` (and claimed by police at `claimed`, when given).
    static func caseFile(_ id: Int = 7, collected: String, claimed: String? = nil) -> CaseFile {
        let start = t(collected)
        var c = CaseFile(id: EntityID(.caseFile, id), collectedAt: start)
        c.apply(event(id, .collected(item: Item(title: "网传自来水发黄", url: nil, source: .weibo, category: .demand, excerpt: nil), dept: nil), at: start))
        if let claimed { c.apply(event(id, .claimed(dept: "police"), at: t(claimed))) }
        return c
    }

    static func event(_ id: Int, _ body: EventBody, at: Instant) -> Event {
        Event(seq: 1, caseID: EntityID(.caseFile, id), subject: nil, actor: Actor(name: "王敏", role: .coordinator, dept: "open-gov"),
              effective: at, recorded: at, body: body, prevHash: "", hash: "")
    }

    // MARK: designation (Art. 6)

    /// Collected on a working day at 09:00: claim by 10:00 (1 h). Assigned after that while unclaimed: designated.
    @Test(arguments: [("2019-12-19 09:59", false), ("2019-12-19 10:00", false), ("2019-12-19 10:01", true)])
    func designationFollowsTheClaimDeadline(_ when: String, _ designated: Bool) throws {
        let c = Self.caseFile(collected: "2019-12-19 09:00")
        let due = try Self.engine.claimDue(of: c)
        #expect(due == Self.t("2019-12-19 10:00"))
        let a = try CaseRules.assign(c, dept: Self.water, claimDue: due, at: Self.t(when), note: nil)
        #expect(a.designates == designated)
        #expect(a.body == .assigned(dept: "water", designated: designated, note: nil))
    }

    @Test func aClaimedCaseIsNeverDesignatedAndADesignatedOneStaysSo() throws {
        let claimed = Self.caseFile(collected: "2019-12-19 09:00", claimed: "2019-12-19 09:30")
        let late = Self.t("2019-12-20 09:00")
        let a = try CaseRules.assign(claimed, dept: Self.water, claimDue: try Self.engine.claimDue(of: claimed), at: late, note: nil)
        #expect(!a.designates)
        var c = Self.caseFile(collected: "2019-12-19 09:00")
        c.apply(Self.event(7, try CaseRules.assign(c, dept: Self.water, claimDue: try Self.engine.claimDue(of: c), at: late, note: nil).body, at: late))
        #expect(c.designated)
        let again = try CaseRules.assign(c, dept: Self.police, claimDue: try Self.engine.claimDue(of: c), at: late, note: nil)
        #expect(again.body == .assigned(dept: "police", designated: true, note: nil))
        #expect(!again.designates)
    }

    /// Collected in a year the calendar has no data for: the claim deadline is an error, never "no deadline" (which
    /// would quietly leave the case undesignated).
    @Test func aCalendarGapIsAnErrorNotAnUndesignatedCase() {
        let c = Self.caseFile(collected: "2027-03-01 09:00")
        #expect(throws: CalendarError.self) { try Self.engine.claimDue(of: c) }
    }

    @Test func withoutPatrolWindowsThereIsNoClaimDeadline() throws {
        let engine = ObligationEngine(policy: .national, calendar: Repo.calendar)
        #expect(try engine.claimDue(of: Self.caseFile(collected: "2019-12-19 09:00")) == nil)
    }

    // MARK: extensions (Art. 8 ¶2)

    @Test func anExtensionNeedsAClaimFirst() throws {
        let c = Self.caseFile(collected: "2019-12-19 09:00")
        let end = try Self.engine.extensionWindow(for: c)
        #expect(end == nil)
        do {
            _ = try CaseRules.applyExtension(c, id: EntityID(.extensionRequest, 1), days: 3, reason: "r", at: c.collectedAt, window: end)
            Issue.record("an unclaimed case got an extension")
        } catch {
            #expect(error.kind == .wrongStage)
            #expect(error.message.en == "C7 is not claimed yet")
            #expect(error.hint?.en.contains("claim C7") == true)
        }
    }

    /// Claimed Friday 2019-12-27 15:00: three working days run to Thursday 2020-01-02 24:00 (New Year's Day off).
    @Test(arguments: [("2020-01-02 23:59", true), ("2020-01-03 00:01", false)])
    func theWindowIsThreeWorkingDaysFromTheClaim(_ when: String, _ accepted: Bool) throws {
        let c = Self.caseFile(collected: "2019-12-27 14:30", claimed: "2019-12-27 15:00")
        let end = try Self.engine.extensionWindow(for: c)
        #expect(end?.exact?.deadlineDescription == "2020-01-02 24:00")
        let x = EntityID(.extensionRequest, 1)
        do {
            let body = try CaseRules.applyExtension(c, id: x, days: 3, reason: "需检测", at: Self.t(when), window: end)
            #expect(accepted)
            #expect(body == .extensionApplied(ext: x, days: 3, reason: "需检测"))
        } catch {
            #expect(!accepted)
            #expect(error.kind == .tooLate)
        }
    }

    /// The calendar ends with 2026. Claimed Tuesday 2026-12-29 10:00, the window's third working day lies in 2027, but
    /// an application on 12-30 or 12-31 (the first and second working days) is timely whatever 2027 holds; one on
    /// 2027-01-01 too (at the earliest the window ends 2027-01-01 24:00, if every 2027 day were a working day). Only
    /// an application whose timeliness depends on 2027's holidays is refused, naming 2027.
    @Test(arguments: [
        ("2026-12-30 09:00", "ok"), ("2026-12-31 16:00", "ok"), ("2027-01-01 23:00", "ok"),
        ("2027-01-02 10:00", "2027"), ("2027-01-05 10:00", "2027"),
    ])
    func anExtensionAtTheCalendarsEdgeIsDecidedByTheKnownDays(_ when: String, _ answer: String) throws {
        let c = Self.caseFile(collected: "2026-12-29 09:00", claimed: "2026-12-29 10:00")
        let window = try #require(try Self.engine.extensionWindow(for: c))
        #expect(window.exact == nil)
        #expect(window.missingYear == 2027)
        #expect(window.earliest.deadlineDescription == "2027-01-01 24:00")
        let x = EntityID(.extensionRequest, 1)
        do {
            let body = try CaseRules.applyExtension(c, id: x, days: 3, reason: "需检测", at: Self.t(when), window: window)
            #expect(answer == "ok")
            #expect(body == .extensionApplied(ext: x, days: 3, reason: "需检测"))
        } catch {
            #expect(answer == "2027")
            #expect(error.kind == .data)
            #expect(error.message.en.contains("depends on the 2027 holidays"))
            #expect(error.message.zh.contains("取决于 2027 年的节假日安排"))
            #expect(error.hint?.en.contains("calendar load") == true)
        }
    }

    /// With a gap year (2026 missing, 2027 present), the known days after the gap bound the window from above too:
    /// an application certainly after it is late, not refused for the gap.
    @Test func anApplicationCertainlyAfterTheWindowIsLateEvenAcrossAGap() throws {
        // (A year must list a holiday; these are far from the window.)
        let y2025 = try WorkCalendar.parse("year 2025 test\n2025-05-01 holiday 劳动节 Labour Day\n", file: "a")
        let y2027 = try WorkCalendar.parse("year 2027 test\n2027-05-03 holiday 劳动节 Labour Day\n", file: "b")
        let cal = y2025.merging(y2027)
        let b = try cal.deadlineBounds(workingDays: 3, from: Self.t("2025-12-30 10:00"))
        #expect(b.exact == nil)
        #expect(b.missingYear == 2026)
        #expect(b.earliest.deadlineDescription == "2026-01-02 24:00")
        // 2025-12-31 (1), then, if 2026 had no working day at all, 2027-01-01 (Fri, 2) and 2027-01-04 (Mon, 3).
        #expect(b.latest?.deadlineDescription == "2027-01-04 24:00")
        #expect(b.isOnTime(Self.t("2027-01-05 09:00")) == false)
        #expect(b.isOnTime(Self.t("2026-06-01 09:00")) == nil)
        #expect(b.isOnTime(Self.t("2025-12-31 09:00")) == true)
    }

    @Test func aProfileWithoutAnExtensionRuleRefusesExtensions() throws {
        let engine = ObligationEngine(policy: .national, calendar: Repo.calendar)
        let c = Self.caseFile(collected: "2019-12-19 09:00", claimed: "2019-12-19 09:30")
        let end = try engine.extensionWindow(for: c)
        #expect(end == nil)
        #expect(throws: WorkflowError.self) {
            try CaseRules.applyExtension(c, id: EntityID(.extensionRequest, 1), days: 3, reason: "r", at: c.collectedAt, window: end)
        }
    }

    // MARK: links

    @Test func aLinkWritesBothSides() throws {
        let c = Self.caseFile(12, collected: "2019-12-19 09:00")
        let other = EntityID(.caseFile, 7)
        let both = try CaseRules.link(c, to: other, kind: .recurrence)
        #expect(both.newer == .linked(to: other, kind: .recurrence, newer: true))
        #expect(both.earlier == .linked(to: c.id, kind: .recurrence, newer: false))
        #expect(CaseRules.link(c.id, to: other, kind: .recurrence) == both)
    }

    @Test func aCaseIsNotLinkedToItselfOrTwice() throws {
        var c = Self.caseFile(12, collected: "2019-12-19 09:00")
        #expect(throws: WorkflowError.self) { try CaseRules.link(c, to: c.id, kind: .duplicate) }
        let other = EntityID(.caseFile, 7)
        c.apply(Self.event(12, try CaseRules.link(c, to: other, kind: .duplicate).newer, at: c.collectedAt))
        do {
            _ = try CaseRules.link(c, to: other, kind: .duplicate)
            Issue.record("linked twice")
        } catch {
            #expect(error.message.en == "C12 is already linked to C7")
        }
    }

    // MARK: next steps

    @Test func nextStepsCiteTheLimitAndTheArticle() throws {
        let c = Self.caseFile(collected: "2019-12-19 09:00", claimed: "2019-12-19 09:30")
        let steps = Self.engine.nextSteps(for: c, now: Self.t("2019-12-19 09:30"))
        #expect(steps.map(\.obligation.ruleID) == ["report.unit", "verify"])
        let s = try #require(Self.engine.nextStepsSentence(for: c, now: Self.t("2019-12-19 09:30")))
        #expect(s.en == "Next: report to unit leaders by 12-19 11:30 (2 h, Art. 8 ¶1); verification report by 12-26 24:00 (5 working days, Art. 8 ¶2).")
        #expect(s.zh == "下一步：报送本单位领导应于 12-19 11:30 前（2 小时，第八条第一款）；核实调查报告应于 12-26 24:00 前（5 个工作日，第八条第二款）。")
    }

    @Test func anOverdueStepSaysItWasDueAndAClaimNamesItsPatrolInterval() throws {
        let c = Self.caseFile(collected: "2019-12-21 09:00")
        let s = try #require(Self.engine.nextStepsSentence(for: c, now: Self.t("2019-12-21 12:00"), limit: 1))
        #expect(s.en == "Next: claim was due 12-21 11:00 (2 h, Art. 6).")
        #expect(s.zh == "下一步：认领已超期（应于 12-21 11:00，2 小时，第六条）。")
    }

    /// An instruction with its own due (`instruct … --due +8h`) names what was given, not the rule's default limit;
    /// one without a due names the default (5 working days, Art. 8 ¶4).
    @Test(arguments: [
        ("2019-12-19 18:00", "leader instruction L1 by 12-19 18:00 (8 h, set with the instruction, Art. 8 ¶4)",
         "领导批示办理 L1 应于 12-19 18:00 前（8 小时，随批示确定，第八条第四款）"),
        ("2019-12-21 12:30", "leader instruction L1 by 12-21 12:30 (2 days 2 h 30 min, set with the instruction, Art. 8 ¶4)",
         "领导批示办理 L1 应于 12-21 12:30 前（2 天 2 小时 30 分钟，随批示确定，第八条第四款）"),
        (nil, "leader instruction L1 by 12-26 24:00 (5 working days, Art. 8 ¶4)",
         "领导批示办理 L1 应于 12-26 24:00 前（5 个工作日，第八条第四款）"),
    ] as [(String?, String, String)])
    func anInstructionStepSaysWhatWasGiven(_ due: String?, _ en: String, _ zh: String) throws {
        var c = Self.caseFile(collected: "2019-12-19 09:00", claimed: "2019-12-19 09:30")
        c.apply(Self.event(7, .instructed(instruction: EntityID(.instruction, 1), leader: "刘市长", text: "立即核查",
                                          due: due.map { Self.t($0) }), at: Self.t("2019-12-19 10:00")))
        let steps = Self.engine.nextSteps(for: c, now: Self.t("2019-12-19 10:00"))
        let step = try #require(steps.first { $0.obligation.ruleID == "instruct" })
        #expect(step.text.en == en)
        #expect(step.text.zh == zh)
    }

    @Test func aClosedCaseHasNoNextSteps() {
        var c = Self.caseFile(collected: "2019-12-19 09:00", claimed: "2019-12-19 09:30")
        c.apply(Self.event(7, .closed(note: nil), at: Self.t("2019-12-20 09:00")))
        #expect(Self.engine.nextSteps(for: c, now: Self.t("2019-12-20 09:00")).isEmpty)
        #expect(Self.engine.nextStepsSentence(for: c, now: Self.t("2019-12-20 09:00")) == nil)
    }
}
