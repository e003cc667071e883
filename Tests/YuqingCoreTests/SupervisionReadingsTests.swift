import Testing
@testable import YuqingCore

/// The rules of supervision that issue 16 made explicit: period boundaries, outcomes as of a time, the profile's
/// readings of Art. 5, 6, 12 and 13, patrol slots as of a time, and the data rules that moved out of the shell.
struct SupervisionReadingsTests {
    static let feb = Period(from: day("2024-02-01"), through: day("2024-02-29"))

    // MARK: periods

    /// A deadline written `D 24:00` is D's: 2024-02-29 24:00 is February's, 2024-01-31 24:00 is January's.
    @Test(arguments: [
        ("2024-01-31 24:00", false),   // = 02-01 00:00: January's last deadline
        ("2024-02-01 00:01", true),
        ("2024-02-29 23:59", true),
        ("2024-02-29 24:00", true),    // = 03-01 00:00: still February's
        ("2024-03-01 00:01", false),
    ])
    func deadlinesBelongToTheDayTheyAreShownOn(_ due: String, _ inFebruary: Bool) {
        #expect(Self.feb.containsDeadline(at(due)) == inFebruary)
    }

    /// Events belong by their effective time: something done at 24:00 of the last day is the next month's activity.
    @Test func eventsBelongToTheDayTheyHappen() {
        #expect(Self.feb.containsEvent(at("2024-02-01 00:00")))
        #expect(!Self.feb.containsEvent(at("2024-02-29 24:00")))
        #expect(Period.month(2024, 2) == Self.feb && Period.month(2024, 13) == nil)
        #expect(Self.feb.previousMonth == Period.month(2024, 1))
    }

    // MARK: outcomes as of a time

    @Test(arguments: [
        // due, met, as of → outcome
        ("2024-02-29 24:00", "2024-02-29 23:59", "2024-03-05 09:00", DueOutcome.onTime),
        ("2024-02-29 24:00", "2024-02-29 24:00", "2024-03-05 09:00", .onTime),     // met at the deadline itself
        ("2024-02-29 24:00", "2024-03-01 00:01", "2024-03-05 09:00", .late),
        ("2024-02-29 24:00", "2024-03-01 00:01", "2024-03-01 00:00", .overdue),    // done after T: not done at T
        ("2024-02-29 24:00", "2024-03-01 00:01", "2024-02-29 12:00", .pending),    // not due yet at T
        ("2024-02-29 24:00", "", "2024-02-29 24:00", .overdue),                     // the deadline has arrived
        ("2024-02-29 24:00", "", "2024-02-29 23:59", .pending),
    ])
    func outcomeAsOf(_ due: String, _ met: String, _ asOf: String, _ expected: DueOutcome) {
        let outcome = DueOutcome.of(due: at(due), metAt: met.isEmpty ? nil : at(met), waived: false, asOf: at(asOf))
        #expect(outcome == expected)
        #expect(DueOutcome.of(due: at(due), metAt: nil, waived: true, asOf: at(asOf)) == .waived)
        #expect(DueOutcome.of(due: nil, metAt: nil, waived: false, asOf: at(asOf)) == .pending)
    }

    @Test func latenessStopsAtTheAssessmentTime() {
        let r = ObligationRecord(caseID: EntityID(.caseFile, 1), rule: "verify", due: at("2024-02-29 24:00"),
                                 metAt: at("2024-03-02 00:00"), dept: "police", waived: false)
        #expect(r.lateness(asOf: at("2024-03-05 00:00")) == .days(1))   // done by then: its own lateness
        #expect(r.lateness(asOf: at("2024-03-01 12:00")) == .hours(12))  // not done then: late until T
        #expect(r.done(asOf: at("2024-03-01 12:00")) == nil)
    }

    // MARK: the profile's readings

    @Test func builtInProfilesWriteEverySettingOut() {
        #expect(Policy.supervisionLines == SupervisionSettings.yuqingDefault.lines)
        #expect(Policy.mingguang.supervision == .yuqingDefault && Policy.national.supervision == .yuqingDefault)
        #expect(SupervisionSettings.yuqingDefault.described.map(\.key) == SupervisionSettings.keys)
    }

    /// Each setting with both (or all) of its values, through the profile line a city writes.
    @Test(arguments: [
        ("supervision patrol-duty all", "all"),
        ("supervision patrol-duty all except propaganda net-propaganda", "all except propaganda net-propaganda"),
        ("supervision patrol-duty only open-gov gov-office police emergency petitions", "only open-gov gov-office police emergency petitions"),
        ("supervision patrol-model rolling", "rolling"),
        ("supervision patrol-model slots", "slots"),
        ("supervision unclaimed nobody", "nobody"),
        ("supervision unclaimed coordinators", "coordinators"),
        ("supervision account-after 0", "0"),
        ("supervision account-after 3d", "3d"),
        ("supervision account-levels none", "none"),
        ("supervision account-levels major-sensitive high-attention", "high-attention major-sensitive"),
    ])
    func settingsAreProfileLines(_ line: String, _ shown: String) throws {
        var p = Policy.mingguang
        try p.apply(words: line.split(separator: " ").map(String.init))
        let key = line.split(separator: " ").map(String.init)[1]
        #expect(p.supervision.described.first { $0.key == key }?.value == shown)
        // The settings written out read back the same.
        var q = Policy()
        for l in p.supervision.lines { try q.apply(words: l) }
        #expect(q.supervision == p.supervision)
    }

    @Test(arguments: [
        ("supervision", 1), ("supervision patrol-mode slots", 1), ("supervision patrol-model hourly", 2),
        ("supervision unclaimed everyone", 2), ("supervision account-after soon", 2), ("supervision account-levels urgent", 2),
        ("supervision patrol-duty all but police", 3), ("supervision patrol-duty only", 3), ("supervision patrol-model slots extra", 3),
        ("score claim-lat -2", 1), ("score claim-late much", 2), ("score claim-late", 2),
    ])
    func badSettingsPointAtTheWord(_ line: String, _ index: Int) {
        var p = Policy.mingguang
        do {
            try p.apply(words: line.split(separator: " ").map(String.init))
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.wordIndex == index, "\(line): \(error.message.en)")
        }
        #expect(p == Policy.mingguang)   // nothing changed
    }

    @Test func scoreLinesSetTheFormula() throws {
        var p = Policy.mingguang
        try p.apply(words: ["score", "undesignated", "-10"])
        try p.apply(words: ["score", "patrol-shortfall", "-0.5"])
        #expect(p.supervision.formula.weight("undesignated") == -100 && p.supervision.formula.weight("patrol-shortfall") == -5)
    }

    /// Art. 13: a late limit is a finding when late by more than `account-after`, or late at all on a case of one
    /// of `account-levels`; an unclaimed case nobody answers for never is.
    @Test(arguments: [
        (Span.hours(24), Level?.none, false, false),
        (Span(seconds: 86_460), nil, false, true),
        (Span.minutes(15), .majorSensitive, false, true),
        (Span.minutes(15), .highAttention, false, false),
        (Span.days(30), nil, true, true),
    ])
    func accountabilityThreshold(_ lateness: Span, _ level: Level?, _ unclaimed: Bool, _ expected: Bool) {
        let s = SupervisionSettings.yuqingDefault
        #expect(s.isAccountable(lateness: lateness, level: level, unclaimed: unclaimed) == expected)
        var nobody = s
        nobody.unclaimed = .nobody
        #expect(nobody.isAccountable(lateness: lateness, level: level, unclaimed: unclaimed) == (expected && !unclaimed))
        var everything = s
        everything.accountAfter = Span(seconds: 0)
        #expect(everything.isAccountable(lateness: .minutes(1), level: nil, unclaimed: false))
        #expect(!everything.isAccountable(lateness: Span(seconds: 0), level: .majorSensitive, unclaimed: false))
    }

    // MARK: the assessment

    static let due = at("2024-02-20 12:00")

    static func records() -> [ObligationRecord] {
        let id = EntityID(.caseFile, 1), c2 = EntityID(.caseFile, 2)
        return [
            ObligationRecord(caseID: id, rule: "claim", due: due, metAt: due.adding(.hours(1)), dept: "police", waived: false, designated: true),
            ObligationRecord(caseID: c2, rule: "claim", due: due, metAt: nil, dept: "police", waived: false),   // unclaimed past due
        ]
    }

    /// Who answers for an undesignated case: the coordinators by default, nobody when the profile says so.
    @Test func unclaimedOwner() {
        let outcomes = OutcomeCount.tally(Self.records(), asOf: Self.due.adding(.days(1)))
        let rows = Assessment.compute(outcomes: outcomes, extensions: [], patrols: [], depts: ["police"],
                                      settings: .yuqingDefault, policy: .mingguang)
        #expect(rows.first { $0.dept == "police" }?.count("designated") == 1)
        let coordinators = rows.first { $0.dept == "coordinators" }
        #expect(coordinators?.count("undesignated") == 1 && coordinators?.scoreTenths == 950)
        var nobody = SupervisionSettings.yuqingDefault
        nobody.unclaimed = .nobody
        let rows2 = Assessment.compute(outcomes: outcomes, extensions: [], patrols: [], depts: ["police"], settings: nobody, policy: .mingguang)
        #expect(!rows2.contains { $0.dept == "coordinators" })
        #expect(rows2.allSatisfy { $0.count("undesignated") == 0 })
    }

    /// A department with nothing due, no extension and no patrol owed gets no score (not 100, not 80), and ranks last.
    @Test func nothingToScoreHasNoScore() {
        let outcomes = OutcomeCount.tally(Self.records(), asOf: Self.due.adding(.days(1)))
        let rows = Assessment.compute(outcomes: outcomes, extensions: [], patrols: [PatrolTotals(dept: "water", required: 0, met: 0)],
                                      depts: ["water", "police"], settings: .yuqingDefault, policy: .mingguang)
        #expect(rows.map(\.dept) == ["police", "coordinators", "water"])
        #expect(rows.last?.scoreTenths == nil)
        #expect(Assessment.ranks(rows) == [1, 1, nil])   // police −5 (designated), coordinators −5 (undesignated)
    }

    /// Counts merge and cancel: what the shell does to take a changed case's present entries out.
    @Test func countsMerge() {
        let a = OutcomeCount(dept: "police", ruleID: "verify", outcome: .late, designated: false, count: 3)
        var b = a
        b.count = -3
        #expect(OutcomeCount.merged([a, b]).isEmpty)
        #expect(OutcomeCount.merged([a, a]).first?.count == 6)
    }

    // MARK: patrols as of a time

    static let monday = day("2024-02-26")
    static func t(_ h: Int, _ m: Int) -> Instant { Instant(date: monday, hour: h, minute: m) }

    /// At 21:00 the 20:00–22:00 slot has not ended: it does not count even with a patrol in it. A patrol logged at
    /// 21:00 for 22:20 was written down before it happened: not counted, listed apart. A trainer's patrol is drill
    /// data; one logged after T is unknown at T.
    @Test func unfinishedSlotsAndPatrolsLoggedInAdvance() throws {
        var log = (8...19).map { h in PatrolRecord(seq: Int64(h), dept: "police", at: Self.t(h, 10)) }
        log.append(PatrolRecord(seq: 40, dept: "police", at: Self.t(20, 30), recorded: Self.t(20, 30)))
        log.append(PatrolRecord(seq: 41, dept: "police", at: Self.t(22, 20), recorded: Self.t(21, 0)))       // in advance
        log.append(PatrolRecord(seq: 42, dept: "police", at: Self.t(9, 30), recorded: Self.t(9, 30), role: .trainer))
        log.append(PatrolRecord(seq: 43, dept: "police", at: Self.t(20, 40), recorded: Self.t(21, 30)))      // logged after T
        let asOf = Self.t(21, 0)
        let (counted, ahead) = PatrolCompliance.known(log, asOf: asOf)
        #expect(ahead.map(\.seq) == [41])
        #expect(!counted.contains { $0.seq == 42 || $0.seq == 43 || $0.seq == 41 })
        let days = try PatrolCompliance.check(depts: ["police"], days: [Self.monday], patrols: counted, policy: .mingguang,
                                              calendar: Repo.calendar, asOf: asOf)
        let d = try #require(days.first)
        // 10 hourly slots and 18–20 have ended and are met: 11 of 11; 20–22 and 22–24 are pending.
        #expect(d.required == 11 && d.met == 11)
        #expect(d.states.suffix(2) == [.pending, .pending])
        #expect(d.evidence[11] == 40)   // the 20:30 patrol is seen, but its slot does not count yet
    }

    /// The rolling model: each patrol is owed one cadence after the previous one (or after the missed deadline).
    @Test func rollingCadence() throws {
        var p = Policy.mingguang
        try p.apply(words: ["supervision", "patrol-model", "rolling"])
        // Patrols at 08:50, 09:40, then nothing until 12:10.
        let log = [PatrolRecord(seq: 1, dept: "police", at: Self.t(8, 50)), PatrolRecord(seq: 2, dept: "police", at: Self.t(9, 40)),
                   PatrolRecord(seq: 3, dept: "police", at: Self.t(12, 10))]
        let d = try #require(try PatrolCompliance.check(depts: ["police"], days: [Self.monday], patrols: log, policy: p,
                                                        calendar: Repo.calendar, asOf: Self.t(12, 30)).first)
        // Owed by 09:00 (met 08:50), by 09:50 (met 09:40), by 10:40 (missed), by 11:40 (missed), by 12:40 (pending at
        // 12:30: what follows is not known yet); the evening window's first patrol, by 20:00, is pending too.
        #expect(d.slots.map { TimeOfDay.text($0.end.secondOfDay) } == ["09:00", "09:50", "10:40", "11:40", "12:40", "20:00"])
        #expect(d.states == [.met, .met, .missed, .missed, .pending, .pending])
        #expect(d.gaps.count == 1 && d.gaps[0].length == .hours(2) && d.gaps[0].missedSlots == 2)
        // The same patrols with fixed slots: 08–09, 09–10 met; 10–11, 11–12 missed; 12–13 pending.
        let fixed = try #require(try PatrolCompliance.check(depts: ["police"], days: [Self.monday], patrols: log, policy: .mingguang,
                                                            calendar: Repo.calendar, asOf: Self.t(12, 30)).first)
        #expect(fixed.states.prefix(5) == [.met, .met, .missed, .missed, .pending])
    }

    /// Before the first patrol or collection nothing was owed (yuqing was not in use); without any record, nothing is.
    @Test func patrolDutyStartsWithTheRecord() {
        let days = Self.feb.days
        #expect(PatrolCompliance.owedDays(days, recordStart: nil).isEmpty)
        #expect(PatrolCompliance.owedDays(days, recordStart: at("2024-02-20 15:00")).first == day("2024-02-20"))
        #expect(PatrolCompliance.owedDays(days, recordStart: at("2023-12-01 08:00")).count == 29)
    }

    // MARK: the rules that moved out of the shell

    static func event(_ seq: Int64, _ body: EventBody, case n: Int? = 1, role: Role = .liaison, dept: String? = "police",
                      at t: Instant = due, recorded: Instant? = nil) -> Event {
        Event(seq: seq, caseID: n.map { EntityID(.caseFile, $0) }, subject: nil, actor: Actor(name: "李娜", role: role, dept: dept),
              effective: t, recorded: recorded ?? t, body: body, prevHash: "", hash: "")
    }

    /// Extensions: applied ones count for the applying department (approved in the period too: marked); an
    /// approval of an earlier application for the department that applied then; trainers' events and events logged
    /// after T never count.
    @Test func extensionAttributionAndTheTrainerRule() {
        let x1 = EntityID(.extensionRequest, 1), x2 = EntityID(.extensionRequest, 2), x3 = EntityID(.extensionRequest, 3)
        let events = [
            Self.event(1, .extensionApplied(ext: x1, days: 3, reason: "r")),
            Self.event(2, .extensionApproved(ext: x1, days: 3, note: nil), role: .coordinator, dept: "open-gov"),
            Self.event(3, .extensionApproved(ext: x2, days: 2, note: nil), case: 2, role: .coordinator, dept: "open-gov"),
            Self.event(4, .extensionApplied(ext: x3, days: 1, reason: "drill"), role: .trainer, dept: "water"),
            Self.event(5, .extensionApplied(ext: EntityID(.extensionRequest, 4), days: 1, reason: "late"), dept: "emergency",
                       recorded: Self.due.adding(.days(9))),
        ]
        let counts = SupervisionEvents.extensions(events, asOf: Self.due.adding(.days(1))) { caseID, ext in
            caseID.number == 2 && ext == x2 ? "petitions" : nil
        }
        #expect(counts == [ExtensionCount(dept: "police", approved: true), ExtensionCount(dept: "petitions", approved: true)])
        #expect(SupervisionEvents.counts(events[0], asOf: Self.due) && !SupervisionEvents.counts(events[3], asOf: Self.due))
        #expect(SupervisionEvents.known(events, asOf: Self.due).map(\.seq) == [1, 2, 3, 4])
    }

    /// A case keeps the first event reaching each milestone: the evidence of a finding, without reading its log.
    @Test func milestonesKeepTheirFirstEvent() throws {
        let item = Item(title: "t", url: nil, source: .weibo, category: nil, excerpt: nil)
        let l1 = EntityID(.instruction, 1)
        let events = [
            Self.event(10, .collected(item: item, dept: "police")),
            Self.event(11, .claimed(dept: "police")),
            Self.event(12, .assigned(dept: "emergency", designated: false, note: nil)),   // a later assignment: not the first
            Self.event(13, .assessed(level: .majorSensitive, historical: false, note: nil)),
            Self.event(14, .instructed(instruction: l1, leader: "刘", text: "查", due: nil)),
            Self.event(15, .instructionCompleted(instruction: l1, note: nil)),
            Self.event(16, .responseReviewed(approved: false, note: nil)),
        ]
        let c = try #require(CaseFile.fold(events))
        #expect(c.firstSeq(.collected) == 10 && c.firstSeq(.claimed) == 11 && c.firstSeq(.majorSensitive) == 13)
        #expect(c.firstSeq(.instructed, subject: "L1") == 14 && c.firstSeq(.instructionDone, subject: "L1") == 15)
        #expect(c.firstSeq(.reviewApproved) == nil)
        let verify = Evidence.ends(rule: Policy.mingguang.rule("verify"), subject: nil) { c.firstSeq($0, subject: $1) }
        #expect(verify.start == 11 && verify.end == nil)
        let instruct = Evidence.ends(rule: Policy.mingguang.rule("instruct"), subject: "L1") { c.firstSeq($0, subject: $1) }
        #expect(instruct.start == 14 && instruct.end == 15)
        // Read from the log, the same numbers.
        #expect(Evidence.seqs(rule: Policy.mingguang.rule("escalate"), subject: nil, events: events) == [13])
    }

    /// The compact snapshot keeps them (the audit compares the stored snapshot with the fold); one written before
    /// they were kept (version 1) still reads, without them.
    @Test func snapshotsKeepMilestones() throws {
        let item = Item(title: "t", url: nil, source: .weibo, category: nil, excerpt: nil)
        let c = try #require(CaseFile.fold([Self.event(10, .collected(item: item, dept: "police")),
                                            Self.event(11, .claimed(dept: "police"))]))
        let bytes = SnapshotCodec.encode(c)
        #expect(SnapshotCodec.decode(bytes) == c)
        var old = c
        old.milestoneSeqs = nil
        var v1 = SnapshotCodec.encode(old)
        v1[0] = 1
        v1.removeLast(7)                                        // the absent `milestoneSeqs` (version 2 on), the
                                                                // version 3 fields (no extension, four absent ones)
                                                                // and the absent version 4 `majorSensitiveUntil`
        #expect(SnapshotCodec.decode(v1) == old)
        #expect(SnapshotCodec.decode(Array(bytes.dropLast())) == nil)
    }
}
