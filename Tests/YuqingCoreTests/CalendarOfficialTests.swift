import Testing
@testable import YuqingCore

/// A day from the official State Council lists, cross-checked with Python's chinesecalendar 1.11 when the table was
/// written: the first and last day off of every holiday period, the day after it, and every make-up workday.
struct OfficialDay: CustomTestStringConvertible, Sendable {
    enum Kind: Sendable { case holiday, makeup, work, rest }
    let date: String
    let kind: Kind
    let name: String?
    init(_ date: String, _ kind: Kind, _ name: String? = nil) {
        self.date = date
        self.kind = kind
        self.name = name
    }
    var testDescription: String { "\(date) \(kind)" }
}

let officialDays: [OfficialDay] = [
        OfficialDay("2019-01-01", .holiday, "New Year's Day"),
        OfficialDay("2019-01-02", .work),
        OfficialDay("2019-02-02", .makeup, "Spring Festival"),
        OfficialDay("2019-02-03", .makeup, "Spring Festival"),
        OfficialDay("2019-02-04", .holiday, "Spring Festival"),
        OfficialDay("2019-02-10", .holiday, "Spring Festival"),
        OfficialDay("2019-02-11", .work),
        OfficialDay("2019-04-05", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2019-04-07", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2019-04-08", .work),
        OfficialDay("2019-04-28", .makeup, "Labour Day"),
        OfficialDay("2019-05-01", .holiday, "Labour Day"),
        OfficialDay("2019-05-04", .holiday, "Labour Day"),
        OfficialDay("2019-05-05", .makeup, "Labour Day"),
        OfficialDay("2019-05-05", .work),
        OfficialDay("2019-06-07", .holiday, "Dragon Boat Festival"),
        OfficialDay("2019-06-09", .holiday, "Dragon Boat Festival"),
        OfficialDay("2019-06-10", .work),
        OfficialDay("2019-09-13", .holiday, "Mid-autumn Festival"),
        OfficialDay("2019-09-15", .holiday, "Mid-autumn Festival"),
        OfficialDay("2019-09-16", .work),
        OfficialDay("2019-09-29", .makeup, "National Day"),
        OfficialDay("2019-10-01", .holiday, "National Day"),
        OfficialDay("2019-10-07", .holiday, "National Day"),
        OfficialDay("2019-10-08", .work),
        OfficialDay("2019-10-12", .makeup, "National Day"),
        OfficialDay("2020-01-01", .holiday, "New Year's Day"),
        OfficialDay("2020-01-02", .work),
        OfficialDay("2020-01-19", .makeup, "Spring Festival"),
        OfficialDay("2020-01-24", .holiday, "Spring Festival"),
        OfficialDay("2020-02-02", .holiday, "Spring Festival"),
        OfficialDay("2020-02-03", .work),
        OfficialDay("2020-04-04", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2020-04-06", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2020-04-07", .work),
        OfficialDay("2020-04-26", .makeup, "Labour Day"),
        OfficialDay("2020-05-01", .holiday, "Labour Day"),
        OfficialDay("2020-05-05", .holiday, "Labour Day"),
        OfficialDay("2020-05-06", .work),
        OfficialDay("2020-05-09", .makeup, "Labour Day"),
        OfficialDay("2020-06-25", .holiday, "Dragon Boat Festival"),
        OfficialDay("2020-06-27", .holiday, "Dragon Boat Festival"),
        OfficialDay("2020-06-28", .makeup, "Dragon Boat Festival"),
        OfficialDay("2020-06-28", .work),
        OfficialDay("2020-09-27", .makeup, "National Day and Mid-autumn Festival"),
        OfficialDay("2020-10-01", .holiday, "National Day and Mid-autumn Festival"),
        OfficialDay("2020-10-08", .holiday, "National Day and Mid-autumn Festival"),
        OfficialDay("2020-10-09", .work),
        OfficialDay("2020-10-10", .makeup, "National Day and Mid-autumn Festival"),
        OfficialDay("2021-01-01", .holiday, "New Year's Day"),
        OfficialDay("2021-01-03", .holiday, "New Year's Day"),
        OfficialDay("2021-01-04", .work),
        OfficialDay("2021-02-07", .makeup, "Spring Festival"),
        OfficialDay("2021-02-11", .holiday, "Spring Festival"),
        OfficialDay("2021-02-17", .holiday, "Spring Festival"),
        OfficialDay("2021-02-18", .work),
        OfficialDay("2021-02-20", .makeup, "Spring Festival"),
        OfficialDay("2021-04-03", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2021-04-05", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2021-04-06", .work),
        OfficialDay("2021-04-25", .makeup, "Labour Day"),
        OfficialDay("2021-05-01", .holiday, "Labour Day"),
        OfficialDay("2021-05-05", .holiday, "Labour Day"),
        OfficialDay("2021-05-06", .work),
        OfficialDay("2021-05-08", .makeup, "Labour Day"),
        OfficialDay("2021-06-12", .holiday, "Dragon Boat Festival"),
        OfficialDay("2021-06-14", .holiday, "Dragon Boat Festival"),
        OfficialDay("2021-06-15", .work),
        OfficialDay("2021-09-18", .makeup, "Mid-autumn Festival"),
        OfficialDay("2021-09-19", .holiday, "Mid-autumn Festival"),
        OfficialDay("2021-09-21", .holiday, "Mid-autumn Festival"),
        OfficialDay("2021-09-22", .work),
        OfficialDay("2021-09-26", .makeup, "National Day"),
        OfficialDay("2021-10-01", .holiday, "National Day"),
        OfficialDay("2021-10-07", .holiday, "National Day"),
        OfficialDay("2021-10-08", .work),
        OfficialDay("2021-10-09", .makeup, "National Day"),
        OfficialDay("2022-01-01", .holiday, "New Year's Day"),
        OfficialDay("2022-01-03", .holiday, "New Year's Day"),
        OfficialDay("2022-01-04", .work),
        OfficialDay("2022-01-29", .makeup, "Spring Festival"),
        OfficialDay("2022-01-30", .makeup, "Spring Festival"),
        OfficialDay("2022-01-31", .holiday, "Spring Festival"),
        OfficialDay("2022-02-06", .holiday, "Spring Festival"),
        OfficialDay("2022-02-07", .work),
        OfficialDay("2022-04-02", .makeup, "Tomb-sweeping Day"),
        OfficialDay("2022-04-03", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2022-04-05", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2022-04-06", .work),
        OfficialDay("2022-04-24", .makeup, "Labour Day"),
        OfficialDay("2022-04-30", .holiday, "Labour Day"),
        OfficialDay("2022-05-04", .holiday, "Labour Day"),
        OfficialDay("2022-05-05", .work),
        OfficialDay("2022-05-07", .makeup, "Labour Day"),
        OfficialDay("2022-06-03", .holiday, "Dragon Boat Festival"),
        OfficialDay("2022-06-05", .holiday, "Dragon Boat Festival"),
        OfficialDay("2022-06-06", .work),
        OfficialDay("2022-09-10", .holiday, "Mid-autumn Festival"),
        OfficialDay("2022-09-12", .holiday, "Mid-autumn Festival"),
        OfficialDay("2022-09-13", .work),
        OfficialDay("2022-10-01", .holiday, "National Day"),
        OfficialDay("2022-10-07", .holiday, "National Day"),
        OfficialDay("2022-10-08", .makeup, "National Day"),
        OfficialDay("2022-10-08", .work),
        OfficialDay("2022-10-09", .makeup, "National Day"),
        OfficialDay("2022-12-31", .holiday, "New Year's Day"),
        OfficialDay("2023-01-01", .holiday, "New Year's Day"),
        OfficialDay("2023-01-01", .rest),
        OfficialDay("2023-01-02", .holiday, "New Year's Day"),
        OfficialDay("2023-01-03", .work),
        OfficialDay("2023-01-21", .holiday, "Spring Festival"),
        OfficialDay("2023-01-27", .holiday, "Spring Festival"),
        OfficialDay("2023-01-28", .makeup, "Spring Festival"),
        OfficialDay("2023-01-28", .work),
        OfficialDay("2023-01-29", .makeup, "Spring Festival"),
        OfficialDay("2023-04-05", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2023-04-06", .work),
        OfficialDay("2023-04-23", .makeup, "Labour Day"),
        OfficialDay("2023-04-29", .holiday, "Labour Day"),
        OfficialDay("2023-05-03", .holiday, "Labour Day"),
        OfficialDay("2023-05-04", .work),
        OfficialDay("2023-05-06", .makeup, "Labour Day"),
        OfficialDay("2023-06-22", .holiday, "Dragon Boat Festival"),
        OfficialDay("2023-06-24", .holiday, "Dragon Boat Festival"),
        OfficialDay("2023-06-25", .makeup, "Dragon Boat Festival"),
        OfficialDay("2023-06-25", .work),
        OfficialDay("2023-09-29", .holiday, "Mid-autumn Festival and National Day"),
        OfficialDay("2023-10-06", .holiday, "Mid-autumn Festival and National Day"),
        OfficialDay("2023-10-07", .makeup, "Mid-autumn Festival and National Day"),
        OfficialDay("2023-10-07", .work),
        OfficialDay("2023-10-08", .makeup, "Mid-autumn Festival and National Day"),
        OfficialDay("2023-12-30", .holiday, "New Year's Day"),
        OfficialDay("2023-12-31", .holiday, "New Year's Day"),
        OfficialDay("2024-01-01", .holiday, "New Year's Day"),
        OfficialDay("2024-01-01", .rest),
        OfficialDay("2024-01-02", .work),
        OfficialDay("2024-02-04", .makeup, "Spring Festival"),
        OfficialDay("2024-02-10", .holiday, "Spring Festival"),
        OfficialDay("2024-02-17", .holiday, "Spring Festival"),
        OfficialDay("2024-02-18", .makeup, "Spring Festival"),
        OfficialDay("2024-02-18", .work),
        OfficialDay("2024-04-04", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2024-04-06", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2024-04-07", .makeup, "Tomb-sweeping Day"),
        OfficialDay("2024-04-07", .work),
        OfficialDay("2024-04-28", .makeup, "Labour Day"),
        OfficialDay("2024-05-01", .holiday, "Labour Day"),
        OfficialDay("2024-05-05", .holiday, "Labour Day"),
        OfficialDay("2024-05-06", .work),
        OfficialDay("2024-05-11", .makeup, "Labour Day"),
        OfficialDay("2024-06-10", .holiday, "Dragon Boat Festival"),
        OfficialDay("2024-06-11", .work),
        OfficialDay("2024-09-14", .makeup, "Mid-autumn Festival"),
        OfficialDay("2024-09-15", .holiday, "Mid-autumn Festival"),
        OfficialDay("2024-09-17", .holiday, "Mid-autumn Festival"),
        OfficialDay("2024-09-18", .work),
        OfficialDay("2024-09-29", .makeup, "National Day"),
        OfficialDay("2024-10-01", .holiday, "National Day"),
        OfficialDay("2024-10-07", .holiday, "National Day"),
        OfficialDay("2024-10-08", .work),
        OfficialDay("2024-10-12", .makeup, "National Day"),
        OfficialDay("2025-01-01", .holiday, "New Year's Day"),
        OfficialDay("2025-01-02", .work),
        OfficialDay("2025-01-26", .makeup, "Spring Festival"),
        OfficialDay("2025-01-28", .holiday, "Spring Festival"),
        OfficialDay("2025-02-04", .holiday, "Spring Festival"),
        OfficialDay("2025-02-05", .work),
        OfficialDay("2025-02-08", .makeup, "Spring Festival"),
        OfficialDay("2025-04-04", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2025-04-06", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2025-04-07", .work),
        OfficialDay("2025-04-27", .makeup, "Labour Day"),
        OfficialDay("2025-05-01", .holiday, "Labour Day"),
        OfficialDay("2025-05-05", .holiday, "Labour Day"),
        OfficialDay("2025-05-06", .work),
        OfficialDay("2025-05-31", .holiday, "Dragon Boat Festival"),
        OfficialDay("2025-06-02", .holiday, "Dragon Boat Festival"),
        OfficialDay("2025-06-03", .work),
        OfficialDay("2025-09-28", .makeup, "National Day and Mid-autumn Festival"),
        OfficialDay("2025-10-01", .holiday, "National Day and Mid-autumn Festival"),
        OfficialDay("2025-10-08", .holiday, "National Day and Mid-autumn Festival"),
        OfficialDay("2025-10-09", .work),
        OfficialDay("2025-10-11", .makeup, "National Day and Mid-autumn Festival"),
        OfficialDay("2026-01-01", .holiday, "New Year's Day"),
        OfficialDay("2026-01-03", .holiday, "New Year's Day"),
        OfficialDay("2026-01-04", .makeup, "New Year's Day"),
        OfficialDay("2026-01-04", .work),
        OfficialDay("2026-02-14", .makeup, "Spring Festival"),
        OfficialDay("2026-02-15", .holiday, "Spring Festival"),
        OfficialDay("2026-02-23", .holiday, "Spring Festival"),
        OfficialDay("2026-02-24", .work),
        OfficialDay("2026-02-28", .makeup, "Spring Festival"),
        OfficialDay("2026-04-04", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2026-04-06", .holiday, "Tomb-sweeping Day"),
        OfficialDay("2026-04-07", .work),
        OfficialDay("2026-05-01", .holiday, "Labour Day"),
        OfficialDay("2026-05-05", .holiday, "Labour Day"),
        OfficialDay("2026-05-06", .work),
        OfficialDay("2026-05-09", .makeup, "Labour Day"),
        OfficialDay("2026-06-19", .holiday, "Dragon Boat Festival"),
        OfficialDay("2026-06-21", .holiday, "Dragon Boat Festival"),
        OfficialDay("2026-06-22", .work),
        OfficialDay("2026-09-20", .makeup, "National Day"),
        OfficialDay("2026-09-25", .holiday, "Mid-autumn Festival"),
        OfficialDay("2026-09-27", .holiday, "Mid-autumn Festival"),
        OfficialDay("2026-09-28", .work),
        OfficialDay("2026-10-01", .holiday, "National Day"),
        OfficialDay("2026-10-07", .holiday, "National Day"),
        OfficialDay("2026-10-08", .work),
        OfficialDay("2026-10-10", .makeup, "National Day"),
]

@Suite("Working calendar: official holiday lists 2019–2026")
struct CalendarOfficialTests {
    @Test(arguments: officialDays)
    func matchesOfficialList(_ o: OfficialDay) throws {
        let kind = try Repo.calendar.dayKind(day(o.date))
        switch o.kind {
        case .holiday:
            guard case .holiday(let n) = kind else { Issue.record("\(o.date): expected a holiday, got \(kind)"); return }
            #expect(n.en == o.name)
        case .makeup:
            guard case .makeUpWorkday(let n) = kind else { Issue.record("\(o.date): expected a make-up workday, got \(kind)"); return }
            #expect(n.en == o.name)
        case .work:
            #expect(kind.isWorkingDay)
        case .rest:
            #expect(!kind.isWorkingDay)
        }
    }

    @Test func coversEveryYearFrom2019Through2026() {
        #expect(Repo.calendar.years == Array(2019...2026))
    }

    @Test func everyYearHasSevenFestivals() {
        let seven: Set<String> = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
        for y in 2019...2026 {
            // A merged period (国庆节、中秋节) counts for both festivals it names.
            let names = Set(Repo.calendar.specialDays(inYear: y).filter(\.isHoliday)
                .flatMap { $0.name.zh.split(separator: "、").map(String.init) })
            #expect(names == seven, "year \(y): \(names.sorted())")
        }
    }

    /// When Mid-autumn and National Day fall together, the notice names one period after both (2020 and 2025:
    /// 国庆节、中秋节; 2023: 中秋节、国庆节), its make-up workdays included.
    @Test(arguments: [
        ("2020-09-27", "2020-10-10", "国庆节、中秋节", "National Day and Mid-autumn Festival"),
        ("2023-09-29", "2023-10-08", "中秋节、国庆节", "Mid-autumn Festival and National Day"),
        ("2025-09-28", "2025-10-11", "国庆节、中秋节", "National Day and Mid-autumn Festival"),
    ])
    func mergedPeriodsAreNamedAsTheNotice(_ from: String, _ to: String, _ zh: String, _ en: String) {
        let (first, last) = (day(from), day(to))
        let days = Repo.calendar.specialDays(inYear: first.year).filter { $0.date >= first && $0.date <= last }
        #expect(days.count >= 8)
        for d in days { #expect(d.name == Localized(zh: zh, en: en), "\(d.date)") }
    }

    /// One period off has one name: consecutive holidays named differently are a merged period named wrongly
    /// (2025-10-06 was 中秋节 inside 国庆节; 2023-09-29 中秋节 before 09-30 国庆节).
    @Test func consecutiveHolidaysShareTheirName() {
        for y in 2019...2026 {
            let holidays = Repo.calendar.specialDays(inYear: y).filter(\.isHoliday)
            for (a, b) in zip(holidays, holidays.dropFirst()) where b.date.dayNumber == a.date.dayNumber + 1 {
                #expect(a.name == b.name, "\(a.date) \(a.name.zh) / \(b.date) \(b.name.zh)")
            }
        }
    }

    @Test(arguments: [
        ("2019-12-28", DayKind.restDay),
        ("2019-12-30", DayKind.workday),
        ("2020-01-01", DayKind.holiday(name: Localized(zh: "元旦", en: "New Year's Day"))),
        ("2020-01-19", DayKind.makeUpWorkday(name: Localized(zh: "春节", en: "Spring Festival"))),
        ("2020-10-10", DayKind.makeUpWorkday(name: Localized(zh: "国庆节、中秋节", en: "National Day and Mid-autumn Festival"))),
        ("2023-09-29", DayKind.holiday(name: Localized(zh: "中秋节、国庆节", en: "Mid-autumn Festival and National Day"))),
        ("2026-01-04", DayKind.makeUpWorkday(name: Localized(zh: "元旦", en: "New Year's Day"))),
    ])
    func dayKinds(_ date: String, _ expected: DayKind) throws {
        #expect(try Repo.calendar.dayKind(day(date)) == expected)
    }
}
