import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Leftovers an outside check of the shell found: completion of the policy readings, a long department name that
/// made `score` drop columns at 120 columns, the caret of an unknown `--sheet`, and `--db :memory:`.
@Suite struct ShellPolishTests {
    /// `policy reading` took its words as free text, so Tab offered nothing where a reading key goes (the keys are
    /// in `policy show` and docs/rules.md). Now the keys, then the typed key's values, from the command table.
    @Test func tabOffersThePolicyReadingKeysThenTheirValues() {
        let t = TestShell()
        let c = Completer(session: t.session)
        #expect(c.candidates(before: "policy reading ", word: "") == PolicyReadings.keys.sorted())
        #expect(c.candidates(before: "policy reading ", word: "re") == ["rest-day-start"])
        #expect(c.candidates(before: "policy 解读 ", word: "high") == ["high-response-from"])
        #expect(c.candidates(before: "policy reading rest-day-start ", word: "") == ["counted", "deemed"])
        #expect(c.candidates(before: "policy reading escalation-from ", word: "l") == ["liaison"])
        #expect(c.candidates(before: "policy reading rest-day-start deemed ", word: "").isEmpty)
        // Another policy line keeps its free words (nothing offered), and the sub-verbs are still offered.
        #expect(c.candidates(before: "policy cutoff ", word: "").isEmpty)
        #expect(c.candidates(before: "policy ", word: "rea") == ["reading"])
    }

    /// The department with the longest name in the directory at 120 columns.
    static let housing = """
        clock set 2019-12-30T09:00
        dept add housing 市住房和城乡建设局 --en "Municipal Bureau of Housing and Urban-Rural Development" --keywords 物业 --leader 孙强 --staff 周敏
        collect "某小区物业乱收费" --url https://weibo.com/456 --source weibo --dept housing
        clock set 2019-12-30T11:00
        as housing
        claim C1
        as 王敏 --role coordinator --dept open-gov
        clock set 2020-01-10T10:00
        """

    /// score at 120 columns left out the instructions and escalations columns (“not shown: instr., escal.”) while
    /// `Municipal Bureau of Housing and Urban-Rural Development` took 55 columns on one line. The department now
    /// wraps first; columns go only when the table is still too wide.
    @Test(arguments: [Language.en, .zh])
    func scoreWrapsALongDepartmentBeforeDroppingColumns(lang: Language) {
        let t = TestShell(at: "2019-12-30T09:00", lang: lang)
        let setup = t.run(Self.housing)
        #expect(setup.failures == 0, "\(setup.err)")
        let out = NarrowScreenTests.screen(t, "score --from 2019-12-01 --to 2020-01-10", width: 120)
        NarrowScreenTests.expectFits(out, 120, "score")
        #expect(!out.contains(lang == .zh ? "未显示" : "not shown"), "\(out)")
        #expect(out.contains(lang == .zh ? "报市领导" : "escal"), "\(out)")
        if lang == .en {
            // The table's row (its counts read `0/1/0`; the bar picture under it has room for the whole name).
            let row = out.split(separator: "\n").first { $0.contains("Municipal Bureau") && $0.contains("/") }
            #expect(row.map { !$0.contains("Urban-Rural Development") } == true, "\(out)")
        }
    }

    /// The same rule in the other wide listings: the long text columns narrow before a column is left out.
    @Test func casesAndAccountabilityNarrowLongColumnsBeforeDroppingAny() {
        let t = TestShell(at: "2019-12-30T09:00", lang: .en)
        let setup = t.run(Self.housing)
        #expect(setup.failures == 0, "\(setup.err)")
        for command in ["cases", "overdue --all"] {
            let out = NarrowScreenTests.screen(t, command, width: 120)
            NarrowScreenTests.expectFits(out, 120, command)
            #expect(!out.contains("not shown"), "\(command): \(out)")
            #expect(out.contains("Municipal Bureau of"), "\(command): \(out)")
        }
        let acc = NarrowScreenTests.screen(t, "accountability --from 2019-12-01 --to 2020-01-10", width: 120)
        NarrowScreenTests.expectFits(acc, 120, "accountability")
        #expect(acc.contains("Municipal Bureau of"), "\(acc)")
    }

    /// A table's wrapping column narrows to 20 before a column with a drop rank goes, and what is dropped gives
    /// its room back.
    @Test func aWrappingColumnNarrowsBeforeAColumnIsDropped() {
        let long = "Municipal Bureau of Housing and Urban-Rural Development"
        let table = Table(title: nil, columns: [
            Column("dept", Localized("department"), wraps: true), Column("n", Localized("n"), align: .right),
            Column("extra", Localized("extra"), dropRank: 1),
        ], rows: [[.text(long), .integer(1), .text(String(repeating: "x", count: 30))]])
        let r = Renderer(language: .en, format: .table, width: 60)
        let fitted = FittedTable(table, renderer: r)
        #expect(fitted.dropped.isEmpty, "\(fitted.widths)")
        #expect(fitted.widths.reduce(0, +) + 2 * (fitted.widths.count - 1) <= 60)
        // Too narrow to keep it: the column goes, and the department takes the room back.
        let narrow = FittedTable(table, renderer: Renderer(language: .en, format: .table, width: 40))
        #expect(narrow.dropped == ["extra"])
        #expect(narrow.widths.first.map { $0 > 20 } == true, "\(narrow.widths)")
    }

    /// `collect import … --sheet 汇总` on a workbook without that sheet put the caret under the file name.
    @Test func anUnknownSheetIsPointedAtBySheetArgument() {
        let shell = TestShell(at: "2024-03-01T17:00")
        let line = "collect import \"\(ImportTests.fixture("inline-strings.xlsx"))\" --sheet 汇总"
        let r = shell.run(line)
        #expect(r.failures == 1)
        let column = line.distance(from: line.startIndex, to: line.range(of: "--sheet ")!.upperBound) + 1
        #expect(r.err.contains(":1:\(column):"), "\(r.err)")
        #expect(r.err.contains("no sheet “汇总”"), "\(r.err)")
    }

    /// A profile that names a sheet the workbook lacks: the caret under the profile, which named it; a profile
    /// with an unknown encoding likewise.
    @Test(arguments: ["sheet: 汇总\n", "encoding: latin-9\n"])
    func aProfilesSheetOrEncodingIsPointedAtByTheProfile(_ text: String) throws {
        let shell = TestShell(at: "2024-03-01T17:00")
        let profile = try ImportTests.temp("profile.txt", Data(text.utf8))
        let file = text.hasPrefix("sheet") ? ImportTests.fixture("inline-strings.xlsx")
            : try ImportTests.temp("p.csv", Data("标题,链接\n甲,https://weibo.com/1\n".utf8))
        let line = "collect import \"\(file)\" --profile \(profile)"
        let r = shell.run(line)
        #expect(r.failures == 1)
        let column = line.distance(from: line.startIndex, to: line.range(of: "--profile ")!.upperBound) + 1
        #expect(r.err.contains(":1:\(column):"), "\(r.err)")
    }

    /// `--db :memory:` failed with SQLite's own words about the write-ahead log, in English only. It is refused in
    /// both languages, saying what to use instead; nothing is created.
    @Test(arguments: [":memory:", "file::memory:?cache=shared", "file:x?mode=memory"])
    func anInMemoryStoreIsRefusedInBothLanguages(_ db: String) {
        let session = Session(language: .en, format: .table, actor: Actor(name: "t", role: .coordinator, dept: "open-gov"),
                              clock: SimulatedClock(TestShell.instant("2019-12-30T09:00")))
        do throws(ShellError) {
            try StoreConfigurator().configure(session, dbPath: db)
            Issue.record("\(db) was opened")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.en.contains("in-memory store") && error.message.zh.contains("内存数据库"), "\(error.message)")
            #expect(error.hint?.en.contains("mktemp -d") == true && error.hint?.zh.contains("mktemp -d") == true)
        }
        // It made the files `:memory:` and `:memory:-queue` in the working directory.
        #expect(!FileManager.default.fileExists(atPath: db) && !FileManager.default.fileExists(atPath: db + "-queue"))
    }
}
