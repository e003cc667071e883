import Testing
@testable import YuqingCore

/// Years a broken calendar file would have given are withheld, and refusals about them name the file.
@Suite("Working calendar: withheld years")
struct CalendarWithholdTests {
    let note = Localized(zh: "calendars/2020.txt:2：未知类型", en: "calendars/2020.txt:2: unknown kind")

    @Test func withheldYearsAreRefusedNamingTheFile() throws {
        let cal = Repo.calendar.withholding([2020], because: note)
        #expect(!cal.years.contains(2020))
        #expect(cal.years.contains(2019) && cal.years.contains(2021))
        #expect(throws: CalendarError.yearNotCovered(year: 2020, covered: cal.years, skipped: note)) {
            try cal.addingWorkingDays(1, after: day("2020-03-02"))
        }
        // Crossing into the withheld year from a covered one is refused too.
        #expect(throws: CalendarError.yearNotCovered(year: 2020, covered: cal.years, skipped: note)) {
            try cal.addingWorkingDays(5, after: day("2019-12-27"))
        }
        do { _ = try cal.addingWorkingDays(1, after: day("2020-03-02")) } catch {
            #expect(error.message.en.contains("calendars/2020.txt:2"))
            #expect(error.message.zh.contains("calendars/2020.txt:2"))
        }
        // Other years still compute.
        #expect(try cal.addingWorkingDays(1, after: day("2021-03-01")) == day("2021-03-02"))
    }

    @Test func loadingTheYearAgainClearsTheNote() throws {
        let withheld = Repo.calendar.withholding([2020], because: note)
        let fixed = try WorkCalendar.parse("year 2020 更正\n2020-01-01 holiday 元旦 New Year\n", file: "fix.txt")
        let cal = withheld.merging(fixed)
        #expect(cal.skipped.isEmpty)
        #expect(try cal.addingWorkingDays(1, after: day("2020-03-02")) == day("2020-03-03"))
    }
}

@Suite("Working calendar: huge counts")
struct CalendarHugeCountTests {
    @Test(arguments: [Int.max, Int.max / 2, 1_000_000])
    func moreWorkingDaysThanTheRangeHoldsAreRefused(_ n: Int) {
        #expect(throws: CalendarError.self) { try Repo.calendar.addingWorkingDays(n, after: day("2019-12-27")) }
    }
}
