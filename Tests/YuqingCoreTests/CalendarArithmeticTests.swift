import Testing
@testable import YuqingCore

@Suite("Working calendar: arithmetic")
struct CalendarArithmeticTests {
    let cal = Repo.calendar

    /// (start, n, expected): the start day is not counted; a start on a rest day counts from the next working day.
    @Test(arguments: [
        ("2019-12-27", 5, "2020-01-06"),   // the brief's example: Jan 1 is a holiday
        ("2019-12-27", 1, "2019-12-30"),   // Friday → Monday
        ("2019-12-28", 1, "2019-12-30"),   // Saturday start counts from Monday
        ("2019-12-28", 0, "2019-12-28"),
        ("2020-01-17", 1, "2020-01-19"),   // Friday → make-up Sunday 01-19
        ("2020-01-17", 2, "2020-01-20"),
        ("2020-01-22", 3, "2020-02-04"),   // over Spring Festival 01-24..02-02 (extended 2020)
        ("2020-09-25", 1, "2020-09-27"),   // make-up Sunday before National Day
        ("2020-09-30", 1, "2020-10-09"),   // National Day 10-01..10-08
        ("2020-09-30", 2, "2020-10-10"),   // make-up Saturday 10-10
        ("2024-02-08", 3, "2024-02-19"),   // 02-09 Fri, then Spring Festival 02-10..02-17, make-up Sunday 02-18
        ("2024-09-27", 5, "2024-10-10"),   // make-up 09-29, National Day 10-01..10-07
        ("2019-01-01", 250, "2019-12-31"), // 2019 had 250 working days
        ("2026-12-24", 4, "2026-12-30"),
        ("2026-12-24", 5, "2026-12-31"),
    ])
    func addingWorkingDays(_ start: String, _ n: Int, _ expected: String) throws {
        #expect(try cal.addingWorkingDays(n, after: day(start)) == day(expected))
    }

    @Test func workingDaysCountsAfterStartThroughEnd() throws {
        #expect(try cal.workingDays(after: day("2019-12-27"), through: day("2020-01-06")) == 5)
        #expect(try cal.workingDays(after: day("2019-12-31"), through: day("2019-12-31")) == 0)
        #expect(try cal.workingDays(after: day("2019-01-01"), through: day("2019-12-31")) == 250)
        #expect(try cal.workingDays(after: day("2020-01-06"), through: day("2019-12-27")) == -5)
        #expect(throws: CalendarError.yearNotCovered(year: 2018, covered: Array(2019...2026))) {
            try cal.workingDays(after: day("2018-12-31"), through: day("2019-01-02"))
        }
    }

    /// Adding and counting agree over the whole covered range.
    @Test func addAndCountAreInverse() throws {
        var d = day("2019-01-01")
        while d <= day("2026-11-30") {
            for n in [1, 3, 5, 15] {
                let r = try cal.addingWorkingDays(n, after: d)
                #expect(try cal.workingDays(after: d, through: r) == n)
                #expect(try cal.isWorkingDay(r))
            }
            d = d.adding(days: 3)
        }
    }

    @Test func nextWorkingDay() throws {
        #expect(try cal.nextWorkingDay(after: day("2019-09-30")) == day("2019-10-08"))
        #expect(try cal.nextWorkingDay(after: day("2021-02-19")) == day("2021-02-20"))
    }

    @Test func deadlineAt24AndAtCutoff() throws {
        let due = try cal.deadline(workingDays: 5, from: at("2019-12-27 15:00"))
        #expect(due == at("2020-01-07 00:00"))
        #expect(due.deadlineDescription == "2020-01-06 24:00")
        let office = try cal.deadline(workingDays: 5, from: at("2019-12-27 15:00"), cutoffSecondOfDay: 17 * 3600 + 1800)
        #expect(office.description == "2020-01-06 17:30")
        #expect(throws: CalendarError.badCutoff(secondOfDay: 90_000)) {
            try cal.deadline(workingDays: 1, from: at("2019-12-27 15:00"), cutoffSecondOfDay: 90_000)
        }
    }

    @Test(arguments: ["2018-12-31", "2027-01-04", "2030-05-01"])
    func uncoveredDateIsRefusedNamingTheYear(_ date: String) throws {
        let d = day(date)
        let expected = CalendarError.yearNotCovered(year: d.year, covered: Array(2019...2026))
        #expect(throws: expected) { try cal.dayKind(d) }
        #expect(throws: expected) { try cal.addingWorkingDays(1, after: d) }
        #expect(expected.message.en.contains("\(d.year)"))
        #expect(expected.message.en.contains("calendar load"))
        #expect(expected.message.zh.contains("\(d.year) 年"))
    }

    @Test func addingIntoAnUncoveredYearIsRefused() {
        #expect(throws: CalendarError.yearNotCovered(year: 2027, covered: Array(2019...2026))) {
            try cal.addingWorkingDays(6, after: day("2026-12-24"))
        }
        #expect(throws: CalendarError.yearNotCovered(year: 2027, covered: Array(2019...2026))) {
            try cal.deadline(workingDays: 5, from: at("2026-12-28 10:00"))
        }
        #expect(throws: CalendarError.yearNotCovered(year: 2027, covered: Array(2019...2026))) {
            try cal.workingDays(after: day("2026-12-01"), through: day("2027-01-05"))
        }
    }

    @Test func aGapBetweenLoadedYearsIsRefused() throws {
        let y2028 = try WorkCalendar.parse("year 2028 test\n2028-01-03 holiday 元旦 New Year's Day\n", file: "2028.txt")
        let merged = cal.merging(y2028)
        #expect(merged.years == Array(2019...2026) + [2028])
        #expect(try merged.isWorkingDay(day("2028-01-04")))
        #expect(try !merged.isWorkingDay(day("2028-01-03")))
        #expect(throws: CalendarError.yearNotCovered(year: 2027, covered: merged.years)) {
            try merged.addingWorkingDays(10, after: day("2026-12-24"))
        }
        #expect(throws: CalendarError.yearNotCovered(year: 2027, covered: merged.years)) {
            try merged.dayKind(day("2027-06-01"))
        }
    }

    @Test func mergingReplacesWholeYears() throws {
        // A corrected 2020 that drops the extended Spring Festival (01-31..02-02 back to working days).
        let text = """
        year 2020 corrected
        2020-01-24 holiday 春节 Spring Festival
        2020-01-30 holiday 春节 Spring Festival
        """
        let merged = cal.merging(try WorkCalendar.parse(text, file: "fix.txt"))
        #expect(try merged.isWorkingDay(day("2020-01-31")))
        #expect(try !merged.isWorkingDay(day("2020-01-30")))
        #expect(try !merged.isWorkingDay(day("2020-01-19")))   // the old make-up day is gone with the old year
        #expect(try merged.isWorkingDay(day("2020-10-08")))    // … and so is National Day: whole-year replace
        #expect(try !merged.isWorkingDay(day("2019-10-01")))   // other years untouched
    }
}
