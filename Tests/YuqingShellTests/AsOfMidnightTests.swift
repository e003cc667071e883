import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Answers as of 24:00 (issue 16: "a deadline belongs to the day it is shown on"; the as-of time is shown the same
/// way). Asked `--as-of 2020-12-31T24:00` — the moment a month-end answer is asked about — `score` and
/// `accountability` answered about an empty "2021-01-01" instead of December, `patrol check` and `report daily`
/// about January 1, and the monthly report of December was dated 2021-01-01, numbered in 2021 and printed
/// "as of 2021-01-01 00:00" in its text beside "事件链：截至 2020-12-31 24:00" in its notes.
///
/// Each step is logged at its own time (the scratch store is dated by the simulated clock), so an answer as of
/// 2020-12-31 24:00 knows exactly what had happened by then. Three cases claimed Thursday 2020-12-24 10:00 owe their
/// verification reports by 2020-12-31 24:00: C1 filed at 23:59, C2 at 24:00 (on time), C3 never.
@Suite(.serialized) struct AsOfMidnightTests {
    static let script = """
        as 李警官 --role liaison --dept police
        collect "路灯不亮" --url https://weibo.com/m/1 --source weibo --dept police
        collect "井盖缺失" --url https://weibo.com/m/2 --source weibo --dept police
        collect "公交改线" --url https://weibo.com/m/3 --source weibo --dept police
        clock set 2020-12-24T10:00
        claim C1
        claim C2
        claim C3
        report C1 --text 已报
        report C2 --text 已报
        report C3 --text 已报
        patrol
        clock set 2020-12-31T23:59
        verify C1 --summary 已核实
        clock set 2021-01-01T00:00
        verify C2 --summary 已核实
        clock set 2021-01-05T09:00
        as 王敏 --role coordinator --dept open-gov
        """

    nonisolated(unsafe) static let shell: TestShell = {
        let t = TestShell(at: "2020-12-24T09:30")
        let r = t.run(script)
        #expect(r.failures == 0, "\(r.err)")
        return t
    }()

    static func json(_ t: TestShell, _ command: String) throws -> [String: Any] {
        let r = t.run(command + " --format json")
        #expect(r.failures == 0, "\(r.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    }

    @Test func scoreAndAccountabilityAsOf2400AreAboutThatMonth() throws {
        let t = Self.shell
        let score = try Self.json(t, "score --as-of 2020-12-31T24:00 --dept police")
        #expect(score["from"] as? String == "2020-12-01" && score["to"] as? String == "2020-12-31")
        let row = try #require((score["departments"] as? [[String: Any]])?.first)
        let counts = try #require(row["counts"] as? [String: Int])
        #expect(counts["verify-on-time"] == 2 && counts["verify-overdue"] == 1, "\(counts)")

        let findings = try Self.json(t, "accountability --as-of 2020-12-31T24:00")
        #expect(findings["from"] as? String == "2020-12-01" && findings["to"] as? String == "2020-12-31")
        #expect(findings["count"] as? Int == 1)

        let patrols = try Self.json(t, "patrol check --as-of 2020-12-31T24:00")
        #expect(patrols["from"] as? String == "2020-12-31" && patrols["to"] as? String == "2020-12-31")
        #expect(t.run("score --as-of 2020-12-31T24:00 --dept police").out.contains("Assessment of 2020-12-01 – 2020-12-31 as of 2020-12-31 24:00"))
    }

    @Test func theDailyLogAsOf2400IsThatDays() {
        let out = Self.shell.run("report daily --as-of 2020-12-31T24:00 --lang en").out
        #expect(out.contains("Opinion log 2020-12-31") && out.contains("as of 2020-12-31 24:00"), "\(out)")
        // C1's report at 23:59 is the day's; C2's at 24:00 is the next day's activity (docs/supervision.md).
        #expect(out.contains("| 23:59 | C1 | verification report |") && !out.contains("| C2 |"))
        let zh = Self.shell.run("report daily --as-of 2020-12-31T24:00").out
        #expect(zh.contains("舆情日志（2020年12月31日）") && zh.contains("截至 2020-12-31 24:00"), "\(zh)")
    }

    @Test func theMonthlyReportAsOf2400IsDatedAndNumberedInThatMonth() {
        let t = TestShell(at: "2020-12-24T09:30")
        #expect(t.run(Self.script).failures == 0)
        let out = t.run("report monthly 2020-12 --as-of 2020-12-31T24:00 --lang en").out
        #expect(out.contains("MGYQ-R [2020] No. 1"), "\(out)")
        #expect(out.contains("as of 2020-12-31 24:00 (") && out.contains("report monthly 2020-12 --as-of 2020-12-31T24:00 --lang en"))
        #expect(out.contains("<p align=\"right\">2020-12-31</p>") && !out.contains("2021-01-01"))
        // The command it prints gives the same report again.
        #expect(SupervisionBoundaryTests.unnumbered(t.run("report monthly 2020-12 --as-of 2020-12-31T24:00 --lang en").out)
                == SupervisionBoundaryTests.unnumbered(out))
    }

    @Test func aPeriodBeginningAt2400HasNotBegun() {
        let t = Self.shell
        let month = t.run("report monthly 2021-01 --as-of 2020-12-31T24:00 --lang en")
        #expect(month.failures == 1 && month.err.contains("2021-01 has not begun as of 2020-12-31 24:00"), "\(month.err)")
        let day = t.run("report daily 2021-01-01 --as-of 2020-12-31T24:00 --lang en")
        #expect(day.failures == 1 && day.err.contains("2021-01-01 has not begun as of 2020-12-31 24:00"), "\(day.err)")
        let later = t.run("score --as-of 2021-01-05T24:00")
        #expect(later.failures == 1 && later.err.contains("--as-of 2021-01-05 24:00 is later than now"), "\(later.err)")
    }

    /// `--day` is one day: beside `--from`/`--to` one of them was ignored without a word.
    @Test func dayWithFromOrToIsRefused() {
        let t = Self.shell
        let r = t.run("patrol check --day 2020-12-31 --from 2020-12-01")
        #expect(r.failures == 1 && r.err.contains("--day cannot be used with --from/--to"), "\(r.err)")
        #expect(r.err.contains("^^^^^^^^^^"))
        let zh = TestShell(at: "2020-12-24T09:30", lang: .zh).run("patrol check --day 2020-12-31 --to 2020-12-01")
        #expect(zh.failures == 1 && zh.err.contains("--day 与 --from/--to 不能同时使用"), "\(zh.err)")
    }

    /// A day nothing fell due in (the responses of C1 and C2 are due 01-06 24:00, after the answer's time) is
    /// nothing to score: no department is scored 100.0 for it.
    @Test func aPeriodOfPendingLimitsOnlyScoresNobody() throws {
        let score = try Self.json(Self.shell, "score --from 2021-01-06 --dept police")
        let row = try #require((score["departments"] as? [[String: Any]])?.first)
        #expect(row["score"] is NSNull, "\(row)")
        #expect(Self.shell.run("score --from 2021-01-06").out.contains("Nothing to score in 2021-01-06"))
    }
}
