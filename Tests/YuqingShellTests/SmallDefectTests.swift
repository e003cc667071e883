import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Small defects a user hit (session 7's list): each test failed before its fix.
@Suite struct SmallDefectTests {
    /// `cases where collected > "2019-12-27 14:00"` was refused (not a time) although docs/language.md writes a time
    /// so and every option takes it; seconds and T24:00 too.
    @Test(arguments: ["\"2019-12-27 14:00\"", "2019-12-27T14:00", "2019-12-27T14:00:00", "\"2019-12-26 24:00\""])
    func filterTimesAreWrittenAsEverywhere(_ time: String) {
        let t = TestShell()
        t.run("collect 甲 --source weibo")
        let r = t.run("cases where collected >= \(time)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("C1"), "\(r.out)")
    }

    /// `drill sync` typed with no drill printed nothing at all.
    @Test(arguments: [Language.zh, .en])
    func drillSyncWithoutADrillSaysSo(lang: Language) {
        let t = TestShell(lang: lang)
        let r = t.run("drill sync")
        #expect(r.failures == 1)
        #expect(r.err.contains(lang == .zh ? "没有进行中的演练" : "no drill is running"), "\(r.out)\(r.err)")
    }

    /// `cases where dept = polic` said only 'unknown department' with no 'did you mean'.
    @Test(arguments: [("polic", "police"), ("市公安", "市公安局")])
    func aNearMissOfADepartmentIsSuggested(typed: String, meant: String) {
        let t = TestShell()
        let r = t.run("cases where dept = \(typed)")
        #expect(r.failures == 1)
        #expect(r.err.contains("did you mean \(meant)?"), "\(r.err)")
        t.session.language = .zh
        #expect(t.run("cases where dept = \(typed)").err.contains("是否想输入 \(meant)？"))
    }

    /// `score --dept` could not select the coordinators' joint row (政务公开办、网宣办): `coordinators` was an
    /// unknown department and `open-gov` is that office's own row.
    @Test(arguments: ["coordinators", "政务公开办、网宣办"])
    func scoreSelectsTheCoordinatorsJointRow(key: String) {
        let t = TestShell(at: "2019-12-27T14:00")
        // Unclaimed past its deadline and never designated: the coordinators' row loses 5 points.
        let setup = t.run(CaseWorkflowTests.collect + "clock set 2020-01-02T09:00")
        #expect(setup.failures == 0, "\(setup.err)")
        let r = t.run("score --from 2019-12-01 --to 2019-12-31 --dept \(key) --format json")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("\"dept\":\"coordinators\""), "\(r.out)")
        #expect(!r.out.contains("\"dept\":\"open-gov\""))
        let a = t.run("accountability --from 2019-12-01 --to 2019-12-31 --dept \(key) --format csv")
        #expect(a.failures == 0, "\(a.err)")
        #expect(a.out.contains("C1"), "\(a.out)")
        // Patrols are owed by each office under its own code: the joint row has no patrol log to check.
        // …and says so: it said 未知部门“coordinators” / unknown department, though score and accountability take it.
        let p = t.run("patrol check --dept \(key)")
        #expect(p.failures == 1 && p.err.contains("each office acts and patrols under its own code") && !p.err.contains("unknown department"), "\(p.err)")
    }

    /// A case claimed by the police at `claimed` whose extension application is recorded at `applied` (a T24:00).
    static func extensionAtMidnight(claimed: String, asked: String, applied: String, lang: Language = .en,
                                    backend: TestShell.Backend = .memory) -> TestShell {
        let t = TestShell(at: String(claimed.prefix(11)) + "09:00", lang: lang, backend: backend)
        let r = t.run(CaseWorkflowTests.collect + """
        as 李娜 --role liaison --dept police
        claim C1 --at \(claimed)
        clock set \(asked)
        extend C1 --days 2 --reason 检测 --at \(applied)
        """)
        #expect(r.failures == 0, "\(r.err)")
        return t
    }

    /// An extension applied for at 24:00 of its last day was listed at 00:00 of the next day (show, why, timeline,
    /// extensions), beside a deadline of 24:00 the day before: it read late.
    @Test(arguments: [Language.zh, .en])
    func anExtensionAt2400IsShownAt2400(lang: Language) {
        let t = Self.extensionAtMidnight(claimed: "2019-12-27T15:00", asked: "2020-01-03T09:00", applied: "2020-01-02T24:00", lang: lang)
        for command in ["show C1", "why C1", "timeline C1", "extensions --all"] {
            let out = t.run(command).out
            #expect(!out.contains("2020-01-03 00:00"), "\(command): \(out)")
        }
        let show = t.run("show C1").out
        let row = show.split(separator: "\n").first { $0.contains(lang == .zh ? "延期申请" : "extension application") } ?? ""
        #expect(row.components(separatedBy: "2020-01-02 24:00").count == 3, "due and done both at 24:00: \(row)")
        #expect(t.run("why C1").out.contains(lang == .zh ? "已于 2020-01-02 24:00 完成" : "met at 2020-01-02 24:00"))
        #expect(t.run("extensions --all").out.contains("2020-01-02 24:00"))
        // JSON keeps ISO 8601 (docs/json.md: 24:00 is the next day's T00:00).
        #expect(t.run("show C1 --format json").out.contains("\"met\":\"2020-01-03T00:00:00+08:00\""))
    }

    /// An extension applied for at 2020-01-31 24:00 counted in February's score: midnight belongs to the day before,
    /// as a deadline at 24:00 does.
    @Test(arguments: [TestShell.Backend.memory, .sqlite])
    func anApplicationAt2400OnTheLastDayCountsInItsMonth(backend: TestShell.Backend) {
        let t = Self.extensionAtMidnight(claimed: "2020-01-29T09:30", asked: "2020-02-03T09:00", applied: "2020-01-31T24:00",
                                         backend: backend)
        func applied(_ period: String) -> String {
            let csv = t.run("score \(period) --dept police --format csv").out.split(separator: "\n").map(String.init)
            guard csv.count == 2, let k = csv[0].split(separator: ",").firstIndex(of: "extension_applied") else { return "?" }
            return String(csv[1].split(separator: ",", omittingEmptySubsequences: false)[k])
        }
        #expect(applied("--from 2020-01-01 --to 2020-01-31") == "1")
        #expect(applied("--from 2020-02-01 --to 2020-02-29") == "0")
    }


    /// The coordinators' live line said 'applied for 1 more working days'.
    @Test func aOneDayApplicationOnTheLiveFeedIsSingular() {
        let (chair, police, _) = LiveTests.desks()
        chair.session.language = .en
        let c = LiveTests.feed(chair)
        police.run("assign C2 police")
        police.run("claim C2")
        _ = c.poll()
        police.run("extend C2 --days 1 --reason 需要补充调查")
        let lines = LiveTests.texts(c.poll())
        #expect(lines.contains { $0.contains("applied for 1 more working day on C2") }, "\(lines)")
        #expect(!lines.contains { $0.contains("1 more working days") })
    }

    /// A Chinese drill start named a trainee's department by its code when the script's first inject adds it:
    /// '参演：李敏（联络员，water）'.
    @Test func aDrillStartNamesTheDepartmentsTheScriptAdds() {
        let t = TestShell(lang: .zh)
        let r = t.run("drill run \(DrillShellTests.water)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("参演：李敏（联络员，市水务局）"), "\(r.out)")
    }
}
