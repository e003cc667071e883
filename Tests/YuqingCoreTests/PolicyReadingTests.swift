import Testing
@testable import YuqingCore

/// The readings where the published text leaves room (`policy reading KEY VALUE`), each with both values, on real
/// dates of the shipped calendar.
struct PolicyReadingTests {
    static func engine(_ set: (inout PolicyReadings) -> Void) -> ObligationEngine {
        var p = Policy.mingguang
        set(&p.readings)
        return ObligationEngine(policy: p, calendar: Repo.calendar)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var readings: @Sendable (inout PolicyReadings) -> Void
        var facts: CaseFacts
        var now: String
        var rule: String
        /// nil: the rule yields no obligation.
        var due: String?
        var status: ObligationStatus?
        var explains: [String] = []
        var testDescription: String { name }
    }

    /// High attention, verified Friday 2019-12-20 10:00, reviewed Tuesday 12-24 10:00.
    static let high = CaseFacts(collectedAt: at("2019-12-19 09:00"), claimedAt: at("2019-12-19 09:30"),
                                level: .highAttention, assessedAt: at("2019-12-19 09:40"), unitReportAt: at("2019-12-19 10:00"),
                                verifiedAt: at("2019-12-20 10:00"), responseReviewApprovedAt: at("2019-12-24 10:00"))
    static var highUnreviewed: CaseFacts {
        var f = high
        f.responseReviewApprovedAt = nil
        return f
    }
    static var highPublishedUnreviewed: CaseFacts {
        var f = highUnreviewed
        f.respondedAt = at("2019-12-26 10:00")
        return f
    }

    /// Claimed Saturday 2019-12-21 10:00 (a rest day), or Monday 12-23.
    static let saturday = CaseFacts(collectedAt: at("2019-12-21 09:00"), claimedAt: at("2019-12-21 10:00"))
    static let monday = CaseFacts(collectedAt: at("2019-12-23 09:00"), claimedAt: at("2019-12-23 10:00"))

    /// Claimed Thursday 2019-12-19 09:30 (unit report due 11:30), never reported, judged major sensitive at `judged`.
    static func major(_ judged: String) -> CaseFacts {
        CaseFacts(collectedAt: at("2019-12-19 09:00"), claimedAt: at("2019-12-19 09:30"), level: .majorSensitive,
                  assessedAt: at(judged), majorSensitiveAt: at(judged))
    }

    /// Judged major sensitive Thursday 2019-12-19 10:00; liaison and escalation as given.
    static func judged(liaised: String? = nil, escalated: String? = nil) -> CaseFacts {
        CaseFacts(collectedAt: at("2019-12-19 09:00"), claimedAt: at("2019-12-19 09:30"), level: .majorSensitive,
                  assessedAt: at("2019-12-19 10:00"), majorSensitiveAt: at("2019-12-19 10:00"),
                  escalatedAt: escalated.map { at($0) }, liaisedAt: liaised.map { at($0) })
    }

    static let cases: [Case] = [
        // Art. 8 ¶3: 核实衔接后，…于2小时内统筹报送.
        Case(name: "escalation-from judgement (default): 2 h from the judgement", readings: { _ in },
             facts: judged(liaised: "2019-12-19 11:00"), now: "2019-12-19 12:30", rule: "escalate",
             due: "2019-12-19 12:00", status: .overdue, explains: ["reading escalation-from judgement"]),
        Case(name: "escalation-from liaison: 2 h from the liaison", readings: { $0.escalationFrom = .liaison },
             facts: judged(liaised: "2019-12-19 11:00"), now: "2019-12-19 12:30", rule: "escalate",
             due: "2019-12-19 13:00", status: .pending, explains: ["reading escalation-from liaison", "liaison at 2019-12-19 11:00"]),
        Case(name: "escalation-from liaison: nothing runs before the liaison", readings: { $0.escalationFrom = .liaison },
             facts: judged(), now: "2019-12-19 12:30", rule: "escalate", due: nil, status: nil),
        Case(name: "escalation-from liaison: escalated without a liaison, measured from the judgement",
             readings: { $0.escalationFrom = .liaison }, facts: judged(escalated: "2019-12-19 12:30"),
             now: "2019-12-19 13:00", rule: "escalate", due: "2019-12-19 12:00", status: .late),
        // Art. 9 ¶1: 会商审定后，于5个工作日内.
        Case(name: "high-response-from verification (default): 5 wd from the report", readings: { _ in },
             facts: high, now: "2019-12-24 12:00", rule: "respond.high", due: "2019-12-27 24:00", status: .pending,
             explains: ["reading high-response-from verification", "12-23, 12-24, 12-25, 12-26, 12-27"]),
        Case(name: "high-response-from review: 5 wd from the review", readings: { $0.highResponseFrom = .review },
             facts: high, now: "2019-12-24 12:00", rule: "respond.high", due: "2019-12-31 24:00", status: .pending,
             explains: ["reading high-response-from review", "12-25, 12-26, 12-27, 12-30, 12-31"]),
        Case(name: "high-response-from review: nothing runs before the review", readings: { $0.highResponseFrom = .review },
             facts: highUnreviewed, now: "2019-12-30 12:00", rule: "respond.high", due: nil, status: nil),
        Case(name: "high-response-from verification: overdue without the review", readings: { _ in },
             facts: highUnreviewed, now: "2019-12-30 12:00", rule: "respond.high", due: "2019-12-27 24:00", status: .overdue),
        Case(name: "high-response-from review: published without review, measured from the report",
             readings: { $0.highResponseFrom = .review }, facts: highPublishedUnreviewed, now: "2019-12-30 12:00",
             rule: "respond.high", due: "2019-12-27 24:00", status: .met, explains: ["published without the coordinators' review"]),
        // A working-day period starting on a rest day.
        Case(name: "rest-day-start counted (default): Saturday claim, Monday is day 1", readings: { _ in },
             facts: saturday, now: "2019-12-23 12:00", rule: "verify", due: "2019-12-27 24:00", status: .pending,
             explains: ["reading rest-day-start counted", "12-23, 12-24, 12-25, 12-26, 12-27"]),
        Case(name: "rest-day-start deemed: Saturday claim, Monday deemed the start", readings: { $0.restDayStart = .deemed },
             facts: saturday, now: "2019-12-23 12:00", rule: "verify", due: "2019-12-30 24:00", status: .pending,
             explains: ["reading rest-day-start deemed", "deemed to start on the next working day 2019-12-23",
                        "12-24, 12-25, 12-26, 12-27, 12-30"]),
        Case(name: "rest-day-start deemed: a working-day claim is unchanged", readings: { $0.restDayStart = .deemed },
             facts: monday, now: "2019-12-23 12:00", rule: "verify", due: "2019-12-30 24:00", status: .pending),
        Case(name: "rest-day-start counted: a working-day claim", readings: { _ in },
             facts: monday, now: "2019-12-23 12:00", rule: "verify", due: "2019-12-30 24:00", status: .pending),
        Case(name: "rest-day-start deemed: the extension window moves too", readings: { $0.restDayStart = .deemed },
             facts: saturday, now: "2019-12-23 12:00", rule: "extend.apply", due: "2019-12-26 24:00", status: .pending),
        // Art. 8 ¶1 / ¶2: a unit report overdue before the major-sensitive judgement.
        Case(name: "unit-report-when-major stays (default): overdue before the judgement", readings: { _ in },
             facts: major("2019-12-19 14:00"), now: "2019-12-19 15:00", rule: "report.unit", due: "2019-12-19 11:30",
             status: .overdue, explains: ["reading unit-report-when-major stays"]),
        Case(name: "unit-report-when-major dropped: no longer counts", readings: { $0.unitReportWhenMajor = .dropped },
             facts: major("2019-12-19 14:00"), now: "2019-12-19 15:00", rule: "report.unit", due: nil, status: nil),
        Case(name: "unit-report-when-major stays: judged before it fell due, no breach", readings: { _ in },
             facts: major("2019-12-19 10:30"), now: "2019-12-19 15:00", rule: "report.unit", due: nil, status: nil),
    ]

    @Test(arguments: cases)
    func reading(_ c: Case) throws {
        let e = Self.engine(c.readings)
        let o = e.obligations(for: c.facts, now: at(c.now)).first { $0.ruleID == c.rule }
        guard let due = c.due else {
            #expect(o == nil, "\(o?.explanation.en ?? "")")
            return
        }
        let found = try #require(o)
        #expect(found.due?.deadlineDescription == due)
        #expect(found.status == c.status)
        for s in c.explains { #expect(found.explanation.en.contains(s), "\(found.explanation.en)") }
    }

    @Test func aReadingIsAProfileLineWithClearErrors() throws {
        var p = Policy.mingguang
        #expect(p.readings == PolicyReadings())
        try p.apply(words: ["reading", "rest-day-start", "deemed"])
        #expect(p.readings.restDayStart == .deemed)
        #expect(throws: PolicyError.badValue(index: 2, word: "later", expected: Localized(zh: "counted 或 deemed", en: "counted or deemed"))) {
            try p.apply(words: ["reading", "rest-day-start", "later"])
        }
        do {
            try p.apply(words: ["reading", "rest-day-stat", "deemed"])
            Issue.record("an unknown reading was accepted")
        } catch {
            #expect(error.message.en.contains("unknown setting 'rest-day-stat'"))
            #expect(error.message.en.contains("did you mean 'rest-day-start'"))
        }
        #expect(p.readings.restDayStart == .deemed)
    }

    /// The built-in profile writes its readings out, so an exported profile shows them and loads back equal.
    @Test func theBuiltInProfileStatesItsReadings() throws {
        let lines = Policy.mingguangLines.filter { $0.first == "reading" }
        #expect(lines.map { $0[1] } == PolicyReadings.keys)
        #expect(try Policy.build(Policy.mingguangLines).readings == PolicyReadings())
    }
}
