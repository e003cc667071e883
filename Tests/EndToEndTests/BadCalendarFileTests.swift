import Foundation
import Testing

/// One unparsable file in `calendars/` beside the store: yuqing still starts (it used to refuse every start), says
/// which file and line, and refuses only what needs the years that file declares, naming it.
@Suite struct BadCalendarFileTests {
    @Test func aBadCalendarFileIsSkippedAndNamed() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let dir = home.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("calendars"), withIntermediateDirectories: true)
        let bad = dir.appendingPathComponent("calendars/2027.txt")
        try "year 2027 国务院办公厅通知\n2027-01-01 holiday 元旦 New Year\n2027-02-30 holiday 春节 Spring Festival\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("s.sqlite")
        // Reading and writing in a covered year work, with one warning naming the file and line.
        var r = StoreProcessTests.finish(try StoreProcessTests.start(
            ["-c", "as 陈晓 --role patrol --dept open-gov", "-c", "collect 测试 --source weibo", "-c", "count by stage"], db: db, home: home))
        #expect(r.1 == 0, "\(r.0)")
        #expect(r.0.hasPrefix("warning: calendar file skipped: \(bad.path):3:1: bad date '2027-02-30'"), "\(r.0)")
        #expect(r.0.components(separatedBy: "warning:").count == 2)
        #expect(r.0.contains("C1 collected"))
        // What needs 2027 is refused, naming the file.
        r = StoreProcessTests.finish(try StoreProcessTests.start(
            ["-c", "calendar between 2027-01-04T09:00 2027-01-08T09:00"], db: db, home: home))
        #expect(r.1 == 1)
        #expect(r.0.contains("error: no holiday data for 2027: the calendar file that gives it has an error and was skipped (\(bad.path):3"), "\(r.0)")
        // Loading a corrected file replaces it, and the warning is gone.
        let fixed = home.appendingPathComponent("2027.txt")
        try "year 2027 国务院办公厅通知\n2027-01-01 holiday 元旦 New Year\n".write(to: fixed, atomically: true, encoding: .utf8)
        r = StoreProcessTests.finish(try StoreProcessTests.start(["-c", "calendar load \(fixed.path)"], db: db, home: home))
        #expect(r.1 == 0, "\(r.0)")
        r = StoreProcessTests.finish(try StoreProcessTests.start(
            ["-c", "calendar between 2027-01-04T09:00 2027-01-08T09:00"], db: db, home: home))
        #expect(r.1 == 0, "\(r.0)")
        #expect(!r.0.contains("warning"))
    }
}
