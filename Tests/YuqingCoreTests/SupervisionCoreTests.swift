import Testing
@testable import YuqingCore

/// The pure parts of supervision: the patrol schedule by day kind, gaps, the score formula as data, rounding.
struct SupervisionCoreTests {
    static let calendar: WorkCalendar = {
        let text = """
        year 2020 test
        2020-01-01 holiday 元旦 New Year's Day
        2020-01-19 workday 春节 Spring Festival
        2020-01-24 holiday 春节 Spring Festival
        """
        return (try? WorkCalendar.parse(text, file: "test")) ?? .empty
    }()

    static func date(_ d: Int) -> CivilDate { CivilDate(year: 2020, month: 1, day: d)! }

    @Test func slotsFollowTheDayKind() throws {
        let p = Policy.mingguang
        // A workday: 10 hourly slots 08–18, three 2-hour slots 18–24.
        let mon = try PatrolSchedule.day(Self.date(20), policy: p, calendar: Self.calendar)
        #expect(mon.slots.count == 13)
        #expect(mon.slots.first?.range == "08:00-09:00" && mon.slots.last?.range == "22:00-24:00")
        // A make-up Sunday is a working day; a Saturday, a weekday holiday and a Spring Festival day are rest days.
        #expect(try PatrolSchedule.day(Self.date(19), policy: p, calendar: Self.calendar).slots.count == 13)
        for d in [18, 1, 24] {
            let day = try PatrolSchedule.day(Self.date(d), policy: p, calendar: Self.calendar)
            #expect(day.slots.count == 8, "\(d)")
            #expect(day.slots.allSatisfy { $0.ruleID == "patrol.night" })
        }
    }

    @Test func uncoveredYearIsRefused() {
        #expect(throws: CalendarError.self) {
            try PatrolSchedule.day(CivilDate(year: 2031, month: 1, day: 1)!, policy: .mingguang, calendar: Self.calendar)
        }
    }

    @Test func gapsJoinAcrossWindowsAndPendingSlotsAreNotMissed() throws {
        let d = Self.date(20)
        func at(_ h: Int, _ m: Int) -> Instant { Instant(date: d, hour: h, minute: m) }
        let log = [PatrolRecord(seq: 1, dept: "police", at: at(8, 5)), PatrolRecord(seq: 2, dept: "police", at: at(16, 59)),
                   PatrolRecord(seq: 3, dept: "police", at: at(7, 50))]  // before the window: counts for nothing
        let r = try PatrolCompliance.check(depts: ["police"], days: [d], patrols: log, policy: .mingguang,
                                           calendar: Self.calendar, asOf: at(21, 0))
        let day = try #require(r.first)
        // Met 08–09 and 16–17; missed 09–16 (7) and 17–20 (17–18, 18–20: one gap across the two windows);
        // 20–22 and 22–24 have not ended at 21:00.
        #expect(day.met == 2 && day.missed == 9 && day.required == 11)
        #expect(day.gaps.map(\.length) == [Span.hours(7), .hours(3)])
        #expect(day.gaps[1].ruleIDs == ["patrol.day", "patrol.night"])
        #expect(day.evidence.compactMap { $0 } == [1, 2])
        #expect(PatrolCompliance.totals(r, depts: ["police"]).first?.percentText == "18.2%")  // 2/11 = 18.18…%
    }

    @Test func formulaIsData() throws {
        var f = ScoreFormula.yuqingDefault
        try f.set("claim-late", "-3")
        try f.set("patrol-shortfall", "-0.5")
        #expect(f.weight("claim-late") == -30 && f.weight("patrol-shortfall") == -5)
        #expect(throws: ScoreFormulaError.self) { try f.set("late-claim", "-2") }
        #expect(throws: ScoreFormulaError.self) { try f.set("claim-late", "-2.25") }
        let parsed = try ScoreFormula.parse("# city formula\nscore start 90\ndesignated -10  # harsher\nfloor none\n")
        #expect(parsed.startTenths == 900 && parsed.weight("designated") == -100 && parsed.floorTenths == nil)
        #expect(parsed.weight("verify-late") == ScoreFormula.yuqingDefault.weight("verify-late"))
        // The text form round-trips.
        #expect(try ScoreFormula.parse(f.lines.joined(separator: "\n")) == f)
        do {
            _ = try ScoreFormula.parse("start 100\nclaim-lte -2\n")
            Issue.record("accepted a misspelt key")
        } catch {
            #expect(error.message.en.contains("line 2") && error.message.en.contains("claim-late"))
        }
        #expect(!ScoreFormula.keys.contains("claim-overdue"))
    }

    @Test func scoreArithmetic() {
        let due = Instant(date: Self.date(20), hour: 12)
        let id = EntityID(.caseFile, 1)
        let records = [
            ObligationRecord(caseID: id, rule: "claim", due: due, metAt: due.adding(.hours(1)), dept: "police", waived: false, designated: true),
            ObligationRecord(caseID: id, rule: "verify", due: due, metAt: nil, dept: "police", waived: false),
            ObligationRecord(caseID: id, rule: "follow", due: due, metAt: nil, dept: "police", waived: false),     // watch: ignored
            ObligationRecord(caseID: id, rule: "respond", due: due, metAt: nil, dept: "police", waived: true),     // waived: ignored
            ObligationRecord(caseID: id, rule: "report.unit", due: due.adding(.days(9)), metAt: nil, dept: "police", waived: false), // pending
        ]
        let patrol = PatrolTotals(dept: "police", required: 333, met: 300)   // 90.09…% → 90.1%: shortfall 9.9 points
        let rows = Assessment.compute(outcomes: OutcomeCount.tally(records, asOf: due.adding(.days(1))),
                                      extensions: [ExtensionCount(dept: "police", approved: true)],
                                      patrols: [patrol], depts: ["police"], settings: .yuqingDefault, policy: .mingguang)
        let a = rows[0]
        #expect(a.count("designated") == 1 && a.count("verify-overdue") == 1 && a.count("unit-report-pending") == 1)
        #expect(a.count("follow-overdue") == 0 && a.count("respond-overdue") == 0)
        // 100 − 5 − 4 − 9.9 × 0.2 (= 1.98 → 2.0) = 89.0
        #expect(a.scoreTenths == 890)
        #expect(a.scoreTenths.map(Points.fixed) == "89.0")
        #expect(Points.parse("-0.2") == -2 && Points.parse("97.5") == 975 && Points.parse("x") == nil)
    }

    /// Limits not yet due (pending) cost nothing and are nothing to score: a department with only pending limits
    /// and no patrol owed gets no score ("—"), not 100 (`score --from` a day after the answer's time named one
    /// department "scored" at 100.0 with every count zero). A limit that fell due still scores.
    @Test func pendingLimitsAloneAreNothingToScore() {
        let due = Instant(date: Self.date(20), hour: 12)
        let id = EntityID(.caseFile, 1)
        let pending = [ObligationRecord(caseID: id, rule: "respond", due: due, metAt: nil, dept: "police", waived: false)]
        let before = Assessment.compute(outcomes: OutcomeCount.tally(pending, asOf: due.adding(.hours(-1))), extensions: [],
                                        patrols: [], depts: ["police"], settings: .yuqingDefault, policy: .mingguang)
        #expect(before[0].count("respond-pending") == 1)
        #expect(before[0].scoreTenths == nil)
        let after = Assessment.compute(outcomes: OutcomeCount.tally(pending, asOf: due.adding(.hours(1))), extensions: [],
                                       patrols: [], depts: ["police"], settings: .yuqingDefault, policy: .mingguang)
        #expect(after[0].scoreTenths == 960)
    }

    /// The day an instant closes: midnight is 24:00 of the day before (an answer as of 2020-12-31 24:00 is about
    /// December 31); any other time, its own date.
    @Test func midnightClosesTheDayBefore() {
        let d = CivilDate(year: 2020, month: 12, day: 31)!
        #expect(Instant(date: d, hour: 24).closingDate == d)
        #expect(Instant(date: d, hour: 24).date == CivilDate(year: 2021, month: 1, day: 1)!)
        #expect(Instant(date: d, hour: 23, minute: 59).closingDate == d)
        #expect(Instant(date: d, hour: 0, minute: 1).closingDate == d)
    }

    @Test func findingsKinds() {
        let due = Instant(date: Self.date(20), hour: 12)
        let now = due.adding(.days(2))
        let id = EntityID(.caseFile, 3)
        let f = Accountability.findings(records: [
            ObligationRecord(caseID: id, rule: "claim", due: due, metAt: nil, dept: "police", waived: false),
            ObligationRecord(caseID: id, rule: "instruct:L2", due: due.adding(.hours(1)), metAt: nil, dept: "police", waived: false),
            ObligationRecord(caseID: id, rule: "verify", due: due, metAt: due, dept: "police", waived: false),   // met: no finding
        ], policy: .mingguang, settings: .yuqingDefault, asOf: now) { _ in [7] }
        #expect(f.map(\.kind) == [.unclaimed, .overdue])
        // An unclaimed case is the coordinators' to designate; evidence comes from the closure when the index has none.
        #expect(f[0].dept == "coordinators" && f[1].subject == "L2" && f[1].lateness == .hours(47) && f[1].evidence == [7])
        #expect(f.allSatisfy { $0.accountable })   // 47 h and 48 h: over 24 h
    }
}
