import Testing
@testable import YuqingCore

@Suite("Working calendar: file format")
struct CalendarParseTests {
    @Test func parsesCommentsTabsCRLFAndOptionalEnglishName() throws {
        let text = "# header\r\nyear 2030 测试通知 # trailing comment\r\n\r\n2030-01-01\tholiday\t元旦\r\n2030-02-02 workday 春节 Spring Festival\r\n"
        let c = try WorkCalendar.parse(text, file: "t.txt")
        #expect(c.years == [2030])
        #expect(c.sources[2030] == "测试通知")
        #expect(try c.dayKind(day("2030-01-01")) == .holiday(name: Localized(zh: "元旦", en: "元旦")))
        #expect(try c.dayKind(day("2030-02-02")) == .makeUpWorkday(name: Localized(zh: "春节", en: "Spring Festival")))
        #expect(try c.dayKind(day("2030-01-05")) == .restDay)
    }

    @Test(arguments: [
        ("year 2030\n2030-02-30 holiday 春节 Spring Festival", CalendarError.badDate(file: "f", line: 2, column: 1, text: "2030-02-30")),
        ("year 2030\n2030-1-01 holiday 元旦", CalendarError.badDate(file: "f", line: 2, column: 1, text: "2030-1-01")),
        ("year 2030\n2030-01-01 vacation 元旦", CalendarError.unknownKind(file: "f", line: 2, column: 12, kind: "vacation")),
        ("year 2030\n2030-01-01 holiday", CalendarError.missingName(file: "f", line: 2, column: 20)),
        ("year 2030\n\n2031-01-01 holiday 元旦", CalendarError.undeclaredYear(file: "f", line: 3, column: 1, date: CivilDate(year: 2031, month: 1, day: 1)!)),
        ("year 2030\n2030-01-02 workday 元旦", CalendarError.workdayNotOnWeekend(file: "f", line: 2, column: 1, date: CivilDate(year: 2030, month: 1, day: 2)!)),
        ("year 2030\n2030-01-01 holiday 元旦\n2030-01-01 holiday 元旦", CalendarError.duplicateDate(file: "f", line: 3, column: 1, date: CivilDate(year: 2030, month: 1, day: 1)!, firstLine: 2)),
        ("year 2030\nyear 2030", CalendarError.duplicateYear(file: "f", line: 2, column: 6, year: 2030, firstLine: 1)),
        ("year 30", CalendarError.badYear(file: "f", line: 1, column: 6, text: "30")),
        ("year", CalendarError.badYear(file: "f", line: 1, column: 6, text: "")),
        ("holidays 2030", CalendarError.unrecognizedLine(file: "f", line: 1, column: 1, text: "holidays 2030")),
        // Columns count characters from the line's start (spaces and a tab included).
        ("year 2030\n  2030-01-01\tholdiay 元旦", CalendarError.unknownKind(file: "f", line: 2, column: 14, kind: "holdiay")),
        // A full-width space is one column, runs of separators are one break, and a field that starts with `#`
        // ends the line (a `#` inside a field does not).
        ("year 2030\n\u{3000}2030-01-01  vacation 元旦", CalendarError.unknownKind(file: "f", line: 2, column: 14, kind: "vacation")),
        ("year 2030\n2030-01-01 holiday #元旦", CalendarError.missingName(file: "f", line: 2, column: 20)),
        ("year 2030\n2030-01-01 hol#iday 元旦", CalendarError.unknownKind(file: "f", line: 2, column: 12, kind: "hol#iday")),
        // A declared year with no holiday at all (only a make-up workday, or nothing) is refused at its year.
        ("# 2031\nyear 2030 通知\n\n   year 2031 通知\n2030-01-01 holiday 元旦\n2031-01-04 workday 元旦", CalendarError.yearWithoutHolidays(file: "f", line: 4, column: 9, year: 2031)),
        ("year 2030 国务院办公厅关于2030年部分节假日安排的通知", CalendarError.yearWithoutHolidays(file: "f", line: 1, column: 6, year: 2030)),
    ])
    func errorsNameFileLineAndColumn(_ text: String, _ expected: CalendarError) {
        #expect(throws: expected) { try WorkCalendar.parse(text, file: "f") }
        // The same text read by characters (a combining accent in a comment after it takes the slow path).
        #expect(!WorkCalendar.isSimple(text + "\n# Cafe\u{301}"))
        #expect(throws: expected) { try WorkCalendar.parse(text + "\n# Cafe\u{301}", file: "f") }
        let loc = expected.position
        #expect(loc?.file == "f")
        if let loc {
            #expect(expected.message.en == "f:\(loc.line):\(loc.column): " + expected.detail.en)
            #expect(expected.message.zh == "f:\(loc.line):\(loc.column): " + expected.detail.zh)
            #expect(!expected.detail.en.hasPrefix("f:"))
        }
    }

    @Test func shippedFileParses() throws {
        let text = try Repo.read("Sources/YuqingShell/Resources/calendar.txt")
        let c = try WorkCalendar.parse(text, file: "calendar.txt")
        #expect(c.years == Array(2019...2026))
        #expect(c.sources[2020] == "国务院办公厅关于2020年部分节假日安排的通知")
    }

    /// The built-in calendar is read on UTF-8 bytes (every start of yuqing pays for it); a text with a character
    /// of more than one scalar (a combining accent, `\r\n`) the slow way, by characters. Both give the same
    /// calendar, and the same columns in errors, counted in characters.
    @Test func bytesAndCharactersReadTheSameCalendar() throws {
        let text = try Repo.read("Sources/YuqingShell/Resources/calendar.txt")
        #expect(WorkCalendar.isSimple(text))
        for other in ["e\u{301}", "\r\n", "\u{2028}", "😀", "\u{302A}", "\u{FE0F}", "\u{85}", "\u{7F}", "\u{200D}", "\u{2060}"] {
            #expect(!WorkCalendar.isSimple("year 2030 \(other)"), "\(other.unicodeScalars.map { $0.value })")
        }
        let slow = try WorkCalendar.parse(text + "# Cafe\u{301}\n", file: "calendar.txt")
        #expect(try WorkCalendar.parse(text, file: "calendar.txt") == slow)
    }

    @Test func emptyCalendarRefusesEverything() {
        #expect(WorkCalendar.empty.years.isEmpty)
        #expect(throws: CalendarError.yearNotCovered(year: 2020, covered: [])) {
            try WorkCalendar.empty.addingWorkingDays(1, after: day("2020-01-02"))
        }
    }
}
