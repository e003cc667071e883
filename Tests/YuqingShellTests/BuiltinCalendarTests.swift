import Foundation
import Testing
@testable import YuqingShell
import YuqingCore

/// The calendar compiled into yuqing is the shipped `calendar.txt`, byte for byte: editing one without running
/// `scripts/embed-calendar.py` fails here.
@Suite struct BuiltinCalendarTests {
    @Test func theCompiledCalendarIsTheShippedFile() throws {
        let file = try String(contentsOf: TestShell.calendarFile, encoding: .utf8)
        #expect(Array(BuiltinCalendar.text.utf8) == Array(file.utf8), "run scripts/embed-calendar.py")
        let loaded = try Workspace.loadCalendar(userDirectory: nil)
        #expect(loaded == (try WorkCalendar.parse(file, file: "calendar.txt")))
        #expect(loaded.years == Array(2019...2026))
    }
}
