import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Supervision a city can sign (issue 16), through the real verbs: deadlines at 24:00 on the last day of a month
/// in that month's score, findings and report; answers as of a time that never read the future; patrol slots that
/// have not ended and patrols logged before they happen; outputs that agree with each other.
///
/// February 2024 has the Spring Festival (02-10 – 02-17) and make-up Sundays 02-04 and 02-18: the working days
/// after Thursday 02-22 are 02-23, 26, 27, 28, 29, so a case claimed on 02-22 owes its verification report by
/// 2024-02-29 24:00. A case claimed Wednesday 01-24 owes it by 01-31 24:00 (01-25, 26, 29, 30, 31).
@Suite(.serialized) struct SupervisionBoundaryTests {
    /// Everything up to T = 2024-03-05 09:00, each step logged at T (as a city enters a week after the fact).
    static let untilT = """
        clock set 2024-03-05T09:00
        dept contact police --leader 刘建军 --staff 李娜
        dept contact open-gov --leader 王敏 --staff 陈晓
        as 陈晓 --role patrol --dept open-gov
        collect "路口红绿灯故障" --url https://weibo.com/b/1 --source weibo --dept police --at 2024-02-22T09:30
        collect "小区停水" --url https://weibo.com/b/2 --source weibo --dept police --at 2024-02-22T09:30
        collect "公交改线" --url https://weibo.com/b/3 --source weibo --dept police --at 2024-02-22T09:30
        collect "夜市噪音" --url https://weibo.com/b/4 --source weibo --dept police --at 2024-02-22T09:30
        collect "路灯不亮" --url https://weibo.com/b/5 --source weibo --dept police --at 2024-01-24T09:30
        collect "井盖缺失" --url https://weibo.com/b/7 --source weibo --dept police --at 2024-02-27T09:30
        as 李娜 --role liaison --dept police
        claim C1 --at 2024-02-22T10:00
        assess C1 --level general --at 2024-02-22T10:10
        report C1 --text 已报 --at 2024-02-22T11:00
        verify C1 --summary 已核实 --at 2024-02-29T23:59
        claim C2 --at 2024-02-22T10:00
        assess C2 --level general --at 2024-02-22T10:10
        report C2 --text 已报 --at 2024-02-22T11:00
        verify C2 --summary 已核实 --at 2024-03-01T00:00
        claim C3 --at 2024-02-22T10:00
        assess C3 --level general --at 2024-02-22T10:10
        report C3 --text 已报 --at 2024-02-22T11:00
        verify C3 --summary 已核实 --at 2024-03-01T10:00
        claim C4 --at 2024-02-22T10:00
        assess C4 --level general --at 2024-02-22T10:10
        report C4 --text 已报 --at 2024-02-22T11:00
        claim C5 --at 2024-01-24T10:00
        assess C5 --level general --at 2024-01-24T10:10
        report C5 --text 已报 --at 2024-01-24T11:00
        verify C5 --summary 已核实 --at 2024-02-01T09:00
        as 王敏 --role coordinator --dept open-gov
        """

    /// What happened after T — logged on 03-08, some of it dated before T: C4's verification, an extension for C4
    /// applied and approved "in February", C6's designation, a case collected "on 02-26", patrols back-filled.
    static let afterT = """
        clock set 2024-03-08T09:00
        as 李娜 --role liaison --dept police
        extend C4 --days 3 --reason 需补充材料 --at 2024-02-23T10:00
        as 王敏 --role coordinator --dept open-gov
        extend approve X1 --at 2024-02-23T15:00
        as 李娜 --role liaison --dept police
        verify C4 --summary 已核实 --at 2024-03-04T10:00
        patrol --at 2024-02-26T08:10
        as 王敏 --role coordinator --dept open-gov
        assign C6 police --at 2024-03-06T09:00
        as 陈晓 --role patrol --dept open-gov
        collect "桥面破损" --url https://weibo.com/b/8 --source weibo --dept police --at 2024-02-26T09:30
        as 王敏 --role coordinator --dept open-gov
        """

    static func shell(_ source: String, backend: TestShell.Backend = .memory, lang: Language = .en) -> TestShell {
        let t = TestShell(at: "2024-03-05T09:00", lang: lang, backend: backend)
        let r = t.run(source)
        #expect(r.failures == 0, "\(r.err)")
        return t
    }

    nonisolated(unsafe) static let atT: TestShell = shell(untilT)
    nonisolated(unsafe) static let later: TestShell = shell(untilT + "\n" + afterT)

    /// A report without its document number (each store numbers the reports it issues) and without the chain head
    /// (a fact of the printing: the log's length and hash when printed, over the operator who typed each event).
    static func unnumbered(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("〕") && !$0.contains("] No. ") && !$0.contains("Event chain: ") && !$0.contains("事件链：") }
            .joined(separator: "\n")
    }

    static func police(_ t: TestShell, _ from: String, _ to: String) throws -> [String: Any] {
        let json = t.run("score --from \(from) --to \(to) --dept police --format json").out
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let depts = try #require(object["departments"] as? [[String: Any]])
        return try #require(depts.first)
    }

    static func counts(_ t: TestShell, _ from: String, _ to: String) throws -> [String: Int] {
        try #require(try police(t, from, to)["counts"] as? [String: Int])
    }

    // MARK: month boundaries

    /// 24:00 on 02-29 is February's: met at 23:59 and at 24:00 on time, at 10:00 on 03-01 late, not at all overdue
    /// — all in February's score; January's 01-31 24:00 deadline met on 02-01 is January's, late.
    @Test func deadlinesAt2400OnTheLastDayAreThatMonths() throws {
        let t = Self.atT
        let feb = try Self.counts(t, "2024-02-01", "2024-02-29")
        #expect(feb["verify_on_time"] == nil)   // keys are the formula's: `verify-on-time`
        #expect(feb["verify-on-time"] == 2 && feb["verify-late"] == 1 && feb["verify-overdue"] == 1)
        #expect(feb["claim-on-time"] == 4 && feb["unit-report-on-time"] == 4)
        let jan = try Self.counts(t, "2024-01-01", "2024-01-31")
        #expect(jan["verify-late"] == 1 && jan["verify-on-time"] == 0 && jan["claim-on-time"] == 1)
        let mar = try Self.counts(t, "2024-03-01", "2024-03-31")
        #expect(mar["verify-on-time"] == 0 && mar["verify-late"] == 0 && mar["verify-overdue"] == 0)

        // Findings: C3 (10 h late) and C4 (overdue) are February's; C5's verification is January's (its response,
        // due 02-05 24:00 after the make-up Sunday 02-04, is February's).
        let febFindings = t.run("accountability --from 2024-02-01 --to 2024-02-29 --format csv").out
        #expect(febFindings.contains(",C3,verification report,") && febFindings.contains(",C4,verification report,"))
        #expect(febFindings.contains("2024-02-29 24:00") && !febFindings.contains(",C5,verification report,"))
        #expect(febFindings.contains(",C5,response,respond,Art. 9 ¶1,Public Security Bureau,\"刘建军, 李娜\",2024-02-05 24:00,"))
        let janFindings = t.run("accountability --from 2024-01-01 --to 2024-01-31 --format csv").out
        #expect(janFindings.contains(",C5,verification report,") && janFindings.contains("2024-01-31 24:00"))
        #expect(!t.run("accountability --from 2024-03-01 --to 2024-03-31 --format csv").out.contains("verification report"))

        // The monthly reports say the same.
        let febReport = t.run("report monthly 2024-02 --lang en").out
        #expect(febReport.contains("| C3 | verification report |") && febReport.contains("| C4 | verification report |"))
        #expect(febReport.contains("2024-02-29 24:00") && !febReport.contains("| C5 | verification report |"))
        // 5 claims (C6's unclaimed), 4 unit reports, 4 verifications, C5's response.
        #expect(febReport.contains("Limits due this month: 14: met 10, late 1, overdue 3, pending 0."))
        let janReport = t.run("report monthly 2024-01 --lang en").out
        #expect(janReport.contains("| C5 | verification report |") && janReport.contains("2024-01-31 24:00"))
    }

    // MARK: as of a time

    /// Asked as of T on a store that ends at T and on one with later events (back-dated ones included), the answer
    /// is the same, in table, CSV and JSON; asked as of now on the later store it is not.
    @Test(arguments: ["table", "csv", "json", "md"])
    func asOfNeverReadsTheFuture(_ format: String) {
        let asOf = "--as-of 2024-03-05T09:00"
        for command in ["score --from 2024-02-01 --to 2024-02-29", "accountability --from 2024-02-01 --to 2024-02-29",
                        "patrol check --from 2024-02-26 --to 2024-02-27", "score --from 2024-02-01 --to 2024-02-29 --dept police"] {
            let a = Self.atT.run("\(command) --format \(format)").out
            let b = Self.later.run("\(command) \(asOf) --format \(format)").out
            #expect(!a.isEmpty)
            #expect(a == b, "\(command) --format \(format)")
        }
        let reportA = Self.atT.run("report monthly 2024-02 --lang en").out
        let reportB = Self.later.run("report monthly 2024-02 --lang en \(asOf)").out
        #expect(Self.unnumbered(reportA) == Self.unnumbered(reportB))
    }

    /// The reports' chain head, asked `--as-of T`, is the head as of T: it printed the head when printed, so the
    /// same command gave another report after every later event (seen by accept14 diffing two reports --as-of T).
    @Test(arguments: [Language.zh, .en])
    func anAsOfReportPrintsTheHeadAsOfItsTime(_ lang: Language) {
        let asOf = "--as-of 2024-03-05T09:00"
        for command in ["report monthly 2024-02 --lang \(lang.rawValue) \(asOf)", "report daily 2024-02-26 --lang \(lang.rawValue) \(asOf)"] {
            let a = Self.atT.run(command).out
            let b = Self.later.run(command).out
            let head = { (text: String) in text.split(separator: "\n").filter { $0.contains("事件链：") || $0.contains("Event chain: ") } }
            #expect(head(a).count == 1 && head(a) == head(b), "\(command)\n\(head(a))\n\(head(b))")
            #expect(head(a).first?.contains(lang == .zh ? "截至 2024-03-05 09:00" : "as of 2024-03-05 09:00") == true)
        }
        // Without --as-of the head is the one when printed: the later store's is longer.
        let now = Self.later.run("report monthly 2024-02 --lang en").out
        #expect(now.contains("events when printed") && !now.contains("events as of"))
    }

    /// `report monthly 2024-02 --format json` was refused (`bad value json`: the verb's own --format took md, html
    /// or docx) although every command takes --format json and docs/supervision.md says the report is then data.
    @Test func theMonthlyReportsOwnFormatJsonIsData() throws {
        let own = Self.atT.run("report monthly 2024-02 --format json")
        #expect(own.failures == 0, "\(own.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(own.out.utf8)) as? [String: Any])
        #expect(object["month"] as? String == "2024-02")
        Self.atT.run("format json")
        let session = Self.atT.run("report monthly 2024-02").out
        Self.atT.run("format table")
        #expect(own.out == session)
        let refused = Self.atT.run("report monthly 2024-02 --format json --out m.md")
        #expect(refused.failures == 1 && refused.err.contains("not a file"), "\(refused.err)")
    }

    /// A report of a month or a day that had not begun by its as-of time wrote a numbered document of zeros
    /// (`report monthly 2026-12 --as-of 2026-11-29T10:00` took 明舆督〔2026〕2号); it is refused, and no number taken.
    @Test func aReportOfAPeriodNotYetBegunIsRefused() {
        let t = Self.atT
        for (command, message) in [("report monthly 2024-04 --as-of 2024-03-05T09:00", "2024-04 has not begun as of 2024-03-05 09:00"),
                                   ("report monthly 2024-04", "2024-04 has not begun as of 2024-03-05 09:00"),
                                   ("report daily 2024-03-06", "2024-03-06 has not begun as of 2024-03-05 09:00")] {
            let r = t.run(command)
            #expect(r.failures == 1 && r.err.contains(message), "\(command): \(r.err)")
        }
        #expect(t.run("report daily 2024-03-05").failures == 0)
    }

    /// A month of a year the working calendar has no data for (2031 here; 2027 on the day this was found) was
    /// reported and numbered anyway: its limits, scores and patrol days are working days, which yuqing does not
    /// guess. It is refused with the calendar's own error, in both languages and for data too, and no number is
    /// taken: the year's first report once data exists is still 1.
    @Test func aMonthOfAYearWithoutCalendarDataIsRefusedAndTakesNoNumber() throws {
        let t = TestShell(at: "2031-02-03T09:00", lang: .zh)
        let path = NSTemporaryDirectory() + "monthly-2031-\(UUID().uuidString).md"
        for command in ["report monthly 2031-01 --out \(path)", "report monthly 2031-01", "report monthly 2031-01 --format json"] {
            let r = t.run(command)
            #expect(r.failures == 1 && r.err.contains("日历没有 2031 年的节假日数据") && r.err.contains("calendar load"), "\(command): \(r.out)\(r.err)")
            #expect(!r.out.contains("明舆督"), "\(command): \(r.out)")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try t.ws.read { try $0.meta("document.monthly.seq.2031") } == nil)
        t.session.language = .en
        let en = t.run("report monthly 2031-01")
        #expect(en.err.contains("the calendar has no holiday data for 2031") && en.err.contains("working days cannot be computed"), "\(en.err)")
    }

    /// The later store, as of now, knows more: C4's report came in (late, not overdue), its extension moved the
    /// deadline out of February, C6 was designated.
    @Test func laterKnowledgeChangesTheAnswer() throws {
        let feb = try Self.counts(Self.later, "2024-02-01", "2024-02-29")
        #expect(feb["verify-overdue"] == 0 && feb["verify-on-time"] == 2 && feb["verify-late"] == 1)
        #expect(feb["designated"] == 1 && feb["claim-on-time"] == 4)
        #expect(feb["extension-applied"] == 1 && feb["extension-approved"] == 1)
        let asOfT = Self.later.run("score --from 2024-02-01 --to 2024-02-29 --format json --as-of 2024-03-05T09:00").out
        #expect(asOfT.contains("\"undesignated\":1"))   // C6, unclaimed at T: the coordinators'
        // An answer about the future is refused.
        let r = Self.later.run("score --as-of 2024-03-09T09:00")
        #expect(r.failures == 1 && r.err.contains("later than now"))
    }

    // MARK: patrols

    /// At 21:00 the 20:00–22:00 slot has not ended: 11 of 11, not 13 of 13. A patrol "at 22:20" is refused at
    /// 21:00; one that reached the log anyway (written before this rule) is listed and not counted.
    @Test func patrolSlotsThatHaveNotEndedAndPatrolsInTheFuture() throws {
        let t = TestShell(at: "2024-02-26T21:00")
        var script = "as 李娜 --role patrol --dept police\n"
        for h in 8...19 { script += "patrol --at 2024-02-26T\(h < 10 ? "0" : "")\(h):10\n" }
        script += "patrol --at 2024-02-26T20:30\n"
        #expect(t.run(script).failures == 0)
        let refused = t.run("as 李娜 --role patrol --dept police\npatrol --at 2024-02-26T22:20")
        #expect(refused.failures == 1 && refused.err.contains("cannot be logged before it happens"))
        // Written straight into the log: logged at 21:00 for 22:20.
        let ahead = try t.ws.storeCall {
            try t.ws.store.write { tx in
                try tx.append(NewEvent(caseID: nil, actor: Actor(name: "李娜", role: .patrol, dept: "police"),
                                       effective: TestShell.instant("2024-02-26T22:20"), recorded: TestShell.instant("2024-02-26T21:00"),
                                       body: .patrolled(dept: "police", note: nil)), expectedVersion: nil)
            }
        }
        let json = t.run("patrol check --day 2024-02-26 --dept police --format json").out
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["required"] as? Int == 11 && object["met"] as? Int == 11)
        #expect((object["compliance"] as? NSNumber)?.doubleValue == 100.0)
        let flagged = try #require(object["logged_in_advance"] as? [[String: Any]])
        #expect(flagged.count == 1 && flagged[0]["seq"] as? Int == Int(ahead.seq))
        let text = t.run("patrol check --day 2024-02-26 --dept police").out
        #expect(text.contains("11 of 11 required") && text.contains("logged before it happened and does not count: #\(ahead.seq)"))
        #expect(text.contains("■■■■■■■■■■ ■··  11/11"))
        // Two hours later the evening slot has ended, met by the 20:30 patrol; 22–24 still runs.
        t.run("clock set 2024-02-26T23:00")
        #expect(t.run("patrol check --day 2024-02-26 --dept police").out.contains("12 of 12 required"))
    }

    // MARK: outputs agree

    /// For an unclaimed case the table and the JSON name the same department (the coordinators, to designate) and
    /// the same people; scores, points and compliance are JSON numbers.
    @Test func tableAndJSONAgree() throws {
        let t = Self.atT
        let table = t.run("accountability --from 2024-02-27 --to 2024-02-27").out
        #expect(table.contains("unclaimed") && table.contains("Open Government and Network Propaganda Offices (to designate)  王敏, 陈晓"))
        let json = t.run("accountability --from 2024-02-27 --to 2024-02-27 --format json").out
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let item = try #require((object["late_limits"] as? [[String: Any]])?.first)
        #expect(item["kind"] as? String == "unclaimed" && item["dept"] as? String == "coordinators")
        #expect(item["people"] as? String == "王敏, 陈晓" && item["to_designate"] as? Bool == true)
        #expect(item["accountable"] as? Bool == true && item["minutes_late"] is Int)
        #expect(object["count"] as? Int == 1 && object["findings"] as? Int == 1)

        let police = try Self.police(t, "2024-02-01", "2024-02-29")
        #expect(police["score"] is NSNumber && !(police["score"] is String))
        // 100 − 2 (C3 late) − 4 (C4 overdue) − 4 (C5's response overdue) − 20 (no patrol in February: 0 %)
        #expect((police["score"] as? NSNumber)?.doubleValue == 70.0)
        let patrol = try #require(police["patrol"] as? [String: Any])
        #expect(patrol["compliance"] is NSNumber)
        let lines = try #require(police["lines"] as? [[String: Any]])
        #expect(lines.allSatisfy { $0["points"] is NSNumber })
    }

    /// English output has no full-width punctuation and no Chinese codes (names and titles aside).
    @Test func englishOutputIsEnglish() {
        let t = Self.atT
        for command in ["score --from 2024-02-01 --to 2024-02-29", "accountability --from 2024-02-01 --to 2024-02-29",
                        "patrol check --day 2024-02-26", "report monthly 2024-02 --lang en", "score formula", "policy show"] {
            var out = t.run(command).out
            // Names and titles of the data are Chinese by nature.
            for name in ["刘建军", "李娜", "王敏", "陈晓", "路口红绿灯故障", "小区停水", "公交改线", "夜市噪音", "路灯不亮", "井盖缺失",
                         "明舆督〔2024〕1号", "明舆督〔2024〕2号"] {
                out = out.replacingOccurrences(of: name, with: "")
            }
            for mark in ["（", "）", "：", "，", "；", "。", "、", "〔"] {
                #expect(!out.contains(mark), "\(command): \(mark)")
            }
            // Rule ids are the key column of `policy show` (what `policy set` takes); elsewhere rules go by title.
            #expect(!out.contains("coordinators (") && (command == "policy show" || !out.contains("patrol.day")), "\(command)")
        }
    }

    // MARK: settings

    /// Each reading is a profile setting whose change changes the answer as documented (docs/supervision.md).
    @Test func settingsChangeTheAnswers() throws {
        let t = Self.shell(Self.untilT)
        let feb = "--from 2024-02-01 --to 2024-02-29"
        // unclaimed: C6 costs the coordinators 5 points, or nobody anything.
        #expect(t.run("score \(feb) --format json").out.contains("\"undesignated\":1"))
        #expect(t.run("policy supervision unclaimed nobody").failures == 0)
        let nobody = t.run("score \(feb) --format json").out
        #expect(!nobody.contains("\"undesignated\":1") && !nobody.contains("\"dept\":\"coordinators\""))
        #expect(t.run("accountability \(feb) --findings --format csv").out.components(separatedBy: "\n").filter { $0.contains(",unclaimed,") }.isEmpty)
        // account-after 0: every late limit is a finding (C3, 10 h late, too); 30d: only the overdue ones over a month.
        #expect(t.run("policy supervision account-after 0").failures == 0)
        #expect(t.run("accountability \(feb) --format json").out.contains("\"count\":4,\"findings\":3"))   // C6 is nobody's
        #expect(t.run("policy supervision unclaimed coordinators").failures == 0)
        #expect(t.run("accountability \(feb) --format json").out.contains("\"count\":4,\"findings\":4"))
        #expect(t.run("policy supervision account-after 30d").failures == 0)
        #expect(t.run("accountability \(feb) --format json").out.contains("\"count\":4,\"findings\":0"))
        // patrol-duty: only the named departments owe patrols.
        #expect(t.run("policy supervision patrol-duty only police open-gov").failures == 0)
        let check = t.run("patrol check --day 2024-02-26 --format json").out
        #expect(check.contains("\"dept\":\"police\"") && check.contains("\"dept\":\"open-gov\"") && !check.contains("\"dept\":\"gov-office\""))
        let bad = t.run("policy supervision patrol-duty only police water\npatrol check --day 2024-02-26")
        #expect(bad.failures == 1 && bad.err.contains("unknown department “water”"))
        // Shown by policy show (and its JSON), with the values in force.
        t.run("policy supervision patrol-duty all")
        let show = t.run("policy show --format json").out
        #expect(show.contains("\"account-after\":\"30d\"") && show.contains("\"patrol-duty\":\"all\"") && show.contains("\"score_local\":false"))
        // A profile line that is wrong says which word.
        let wrong = t.run("policy supervision patrol-model hourly")
        #expect(wrong.failures == 1 && wrong.err.contains("hourly") && wrong.err.contains("^^^^^^"))
    }

    /// `report monthly` when the session's format is JSON: the documented keys, numbers as numbers, no document
    /// number taken. (The verb's own `--format` chooses a document format: md, html, docx.)
    @Test func monthlyReportAsData() throws {
        let t = Self.shell(Self.untilT)
        t.run("format json")
        let json = t.run("report monthly 2024-02").out
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["month", "from", "to", "as_of", "activity", "limits", "patrols", "gaps", "logged_in_advance", "scores",
                    "comparison", "late_limits", "findings", "settings"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect((object["limits"] as? [String: Int]) == ["met": 10, "late": 1, "overdue": 3, "pending": 0])
        let scores = try #require(object["scores"] as? [[String: Any]])
        #expect(scores.allSatisfy { $0["score"] is NSNumber || $0["score"] is NSNull })
        #expect(object["comparison"] as? Bool == true)   // January has something to score (C5)
        #expect(try t.ws.read { try $0.meta("document.monthly.2024-02") } == nil)
    }

    /// More than 100 late limits under the threshold are counted by department in the report, not listed.
    @Test func manyLateLimitsAreCountedInTheReport() throws {
        var content = try Self.februaryReport()
        let other = try #require(content.lateLimits.others.first)
        content.lateLimits = MonthlyLateLimits()
        for _ in 0..<150 { content.lateLimits.add(other) }
        #expect(content.lateLimits.others.isEmpty && content.lateLimits.count == 150)
        let text = SupervisionDocuments.monthly(content, lang: .en, number: nil).text(.markdown) ?? ""
        #expect(text.contains("Other late limits: 150 (under the threshold, on record), by department below; accountability --from 2024-02-01 --to 2024-02-29 --as-of 2024-03-05T09:00 lists them one by one:"))
        #expect(text.contains("| Public Security Bureau | 150 | 0 | 0 | 0 | 150 |"))
        #expect(!text.contains("| 150 | late | no |"))
    }

    /// A city's month may have 200,000 accountability findings (a 39 MB document when every one was listed, issue
    /// 14): the report counts them by department and kind, lists the earliest `findingsListedPerDept` of each
    /// department and names the command that exports them all — in Markdown, HTML and .docx alike.
    @Test func manyFindingsAreCountedAndCutPerDepartment() throws {
        var content = try Self.februaryReport()
        let finding = try #require(content.lateLimits.findings.first)
        content.lateLimits = MonthlyLateLimits()
        for _ in 0..<500 { content.lateLimits.add(finding) }
        let n = SupervisionDocuments.findingsListedPerDept
        #expect(content.lateLimits.findings.count == n && content.lateLimits.findingCount == 500 && content.lateLimits.count == 500)
        let export = "accountability --findings --from 2024-02-01 --to 2024-02-29 --as-of 2024-03-05T09:00 --format csv --bom"
        let en = SupervisionDocuments.monthly(content, lang: .en, number: nil)
        let md = en.text(.markdown) ?? ""
        #expect(md.contains("Late limits: 500, of which accountability findings: 500."))
        #expect(md.contains("500 accountability findings"))
        #expect(md.contains("Below, the \(n) earliest of each department (\(n) listed); \(export) exports all 500 as CSV:"))
        #expect(md.contains("| \(n) |") && !md.contains("| \(n + 1) |"))
        let zh = SupervisionDocuments.monthly(content, lang: .zh, number: nil)
        #expect((zh.text(.markdown) ?? "").contains("全部 500 条用 \(export) 导出为 CSV"))
        #expect((zh.text(.html) ?? "").contains("全部 500 条用 \(export) 导出为 CSV"))
        let xml = try #require(DocxWriter.parts(zh).first { $0.path == "word/document.xml" }?.xml)
        #expect(xml.contains("--findings") && xml.components(separatedBy: "<w:tr>").count - 1 < 60)
        // The document stays small whatever the month holds.
        for _ in 0..<5_000 { content.lateLimits.add(finding) }
        #expect(content.lateLimits.findings.count == n)
        #expect((SupervisionDocuments.monthly(content, lang: .zh, number: nil).text(.markdown) ?? "").utf8.count < 40_000)
    }

    /// February's report as of 2024-03-05 09:00, for tests that fill its late limits.
    static func februaryReport() throws -> MonthlyContent {
        let t = Self.atT
        let scope = SupervisionScope(ws: t.ws, period: Self.feb, asOf: TestShell.instant("2024-03-05T09:00"), settings: try SupervisionData.settings(t.ws))
        return try MonthlyContent.build(scope)
    }

    static let feb = Period(from: CivilDate(year: 2024, month: 2, day: 1)!, through: CivilDate(year: 2024, month: 2, day: 29)!)

    // MARK: the stores agree

    /// SQLite and PostgreSQL give the memory store's answers (the core's own rules), as of now and as of T, in
    /// every format: the stores' supervision queries (`SupervisionQueries.swift`, `PostgresSupervisionQueries.swift`)
    /// spell `DueOutcome.of` in SQL.
    @Test(arguments: TestShell.Backend.available.filter { $0 != .memory })
    func theStoresAgree(_ backend: TestShell.Backend) {
        let other = Self.shell(Self.untilT + "\n" + Self.afterT, backend: backend)
        #expect(other.ws.store is SQLiteStore == (backend == .sqlite))
        #expect(other.ws.store is PostgresStore == (backend == .postgres))
        var commands: [String] = []
        for format in ["table", "csv", "json"] {
            commands += ["score --from 2024-01-01 --to 2024-03-31", "accountability --from 2024-01-01 --to 2024-03-31",
                         "score --from 2024-02-01 --to 2024-02-29 --as-of 2024-03-05T09:00",
                         "accountability --from 2024-02-01 --to 2024-02-29 --as-of 2024-03-05T09:00",
                         "accountability --from 2024-02-01 --to 2024-02-29 --as-of 2024-02-28T12:00 --findings",
                         "score --from 2024-01-01 --to 2024-12-31 --dept police --as-of 2024-02-15T00:00",
                         "patrol check --from 2024-02-20 --to 2024-02-29",
                         "patrol check --from 2024-02-20 --to 2024-02-29 --as-of 2024-02-26T08:00"].map { $0 + " --format \(format)" }
        }
        commands += ["report monthly 2024-02", "report monthly 2024-02 --as-of 2024-03-01T10:00", "report monthly 2024-01 --format html"]
        for command in commands {
            let mine = Self.later.run(command), theirs = other.run(command)
            // Under JSON a command's sentences go to standard error when it also has data (docs/json.md): the
            // stores must then agree on those too.
            #expect(mine.failures == 0, "\(command): \(mine.err)")
            #expect(mine.err == theirs.err, "\(command)")
            #expect(Self.unnumbered(mine.out) == Self.unnumbered(theirs.out), "\(command)")
        }
    }
}
