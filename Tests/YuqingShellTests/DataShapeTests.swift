import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Shapes found by accept19: a month of the calendar printed as a picture in one JSON string (and as the picture
/// itself in CSV); a Chinese answer listing years with an English comma.
struct DataShapeTests {
    @Test func aMonthOfTheCalendarIsData() throws {
        let t = TestShell(at: "2020-01-10T09:00")
        let r = t.run("calendar 2020-01 --format json")
        #expect(r.failures == 0, "\(r.err)")
        let days = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]], "\(r.out)")
        #expect(days.count == 31)
        #expect(days[0]["date"] as? String == "2020-01-01" && days[0]["kind"] as? String == "holiday" && days[0]["name_zh"] as? String == "元旦")
        #expect(days[0]["working"] as? Bool == false && days[0]["weekday"] as? Int == 3)
        #expect(days[18]["date"] as? String == "2020-01-19" && days[18]["kind"] as? String == "makeup" && days[18]["working"] as? Bool == true)
        #expect(days[3]["kind"] as? String == "rest" && days[3]["name"] is NSNull)
        // Each day is what `calendar check` says of it.
        let check = try #require(try JSONSerialization.jsonObject(with: Data(t.run("calendar check 2020-01-19 --format json").out.utf8)) as? [String: Any])
        for key in ["date", "kind", "name", "name_zh"] { #expect(check[key] as? String == days[18][key] as? String, "\(key)") }
        #expect(check["working"] as? Bool == days[18]["working"] as? Bool && check["weekday"] as? Int == days[18]["weekday"] as? Int)

        let csv = t.run("calendar 2020-01 --format csv").out.split(separator: "\n").map(String.init)
        #expect(csv.first == "date,weekday,kind,working,name,name_zh", "\(csv)")
        #expect(csv.count == 32 && csv[1] == "2020-01-01,3,holiday,false,New Year's Day,元旦" && csv[4] == "2020-01-04,6,rest,false,,")
        // The screen keeps its picture.
        #expect(t.run("calendar 2020-01").out.contains("19班"))
        // A year without data is still refused.
        #expect(t.run("calendar 2031-01 --format json").failures == 1)
    }

    @Test func loadedYearsAreListedWithTheChineseEnumerationComma() throws {
        let t = TestShell(at: "2026-12-29T10:00", lang: .zh)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-years-\(UUID().uuidString).txt")
        try "year 2027 test\n2027-01-01 holiday 元旦 New Year's Day\nyear 2028 test\n2028-01-01 holiday 元旦 New Year's Day\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = t.run("as 管理员 --role admin\ncalendar load \(file.path)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("已载入 2027、2028 年的节假日安排。"), "\(r.out)")
        t.session.language = .en
        #expect(t.run("calendar load \(file.path)").out.contains("Loaded the holidays of 2027, 2028."))
    }
}
