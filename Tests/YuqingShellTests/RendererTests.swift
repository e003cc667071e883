import Foundation
import Testing
import YuqingCore
@testable import YuqingShell

@Suite struct RendererTests {
    let table = Table(title: Localized(zh: "案件", en: "Cases"), columns: [
        Column("id", Localized(zh: "编号", en: "id")),
        Column("dept", Localized(zh: "部门", en: "dept")),
        Column("items", Localized(zh: "条数", en: "items"), align: .right),
        Column("due", Localized(zh: "时限", en: "due")),
    ], rows: [
        [.id(EntityID(.caseFile, 7)), .text("市公安局"), .integer(3), .deadline(Instant(date: CivilDate(year: 2020, month: 1, day: 7)!))],
        [.id(EntityID(.caseFile, 12)), .text("police"), .integer(12), .empty],
    ])

    @Test func tableAlignsChineseByDisplayWidth() {
        let out = Renderer(language: .zh, format: .table).render(CommandOutput(tables: [table]))
        #expect(out == """
        案件
        编号  部门      条数  时限
        ----  --------  ----  ----------------
        C7    市公安局     3  2020-01-06 24:00
        C12   police      12

        """)
    }

    @Test func tableTruncatesToTerminalWidth() {
        let t = Table(columns: [Column("a", Localized("a")), Column("b", Localized("b"))],
                      rows: [[.text("短"), .text(String(repeating: "很长的文字", count: 10))]])
        let out = Renderer(language: .en, format: .table, width: 30).render(CommandOutput(tables: [t]))
        for line in out.split(separator: "\n") { #expect(DisplayWidth.of(line) <= 30) }
        #expect(out.contains("…"))
    }

    @Test func jsonIsStableWithUnescapedChineseAndISOTimes() {
        let out = Renderer(language: .zh, format: .json).render(CommandOutput(tables: [table]))
        #expect(out == #"[{"id":"C7","dept":"市公安局","items":3,"due":"2020-01-07T00:00:00+08:00"},{"id":"C12","dept":"police","items":12,"due":null}]"# + "\n")
        let msg = Renderer(language: .en, format: .json).render(CommandOutput(messages: [Localized("a \"q\"\n")], created: EntityID(.meeting, 2)))
        #expect(msg == #"{"messages":["a \"q\"\n"],"created":"M2"}"# + "\n")
    }

    @Test(arguments: [true, false])
    func csvWithOptionalBOM(_ bom: Bool) {
        let out = Renderer(language: .zh, format: .csv, bom: bom).render(CommandOutput(tables: [table]))
        let body = "id,dept,items,due\nC7,市公安局,3,2020-01-06 24:00\nC12,police,12,\n"
        #expect(out == (bom ? "\u{FEFF}" : "") + body)
        #expect(Array(out.utf8).starts(with: [0xEF, 0xBB, 0xBF]) == bom)
    }

    @Test func markdownTables() {
        let out = Renderer(language: .en, format: .md).render(CommandOutput(tables: [table]))
        #expect(out.contains("| id | dept | items | due |\n| --- | --- | ---: | --- |\n| C7 | 市公安局 | 3 | 2020-01-06 24:00 |"))
    }

    @Test(arguments: [("abc", 3), ("市公安局", 8), ("a中b", 4), ("é", 1), ("ｆｕｌｌ", 8), ("", 0)])
    func displayWidths(_ s: String, _ w: Int) {
        #expect(DisplayWidth.of(s) == w)
    }

    @Test func caretsAccountForWideCharactersAndTabs() {
        #expect(Diagnostics.caretLine("认领 C99", column: 4, length: 3) == "     ^^^")
        #expect(Diagnostics.caretLine("\techo 你好", column: 7, length: 2) == "\t     ^^^^")
        let e = ShellError(Localized(zh: "没有案件 C99", en: "no case C99"), range: SourceRange(file: "<stdin>", line: 3, column: 4, length: 3),
                           hint: Localized(zh: "用 cases 查看", en: "see `cases`"))
        #expect(Diagnostics.render(e, line: "认领 C99", language: .zh) == "<stdin>:3:4: 错误：没有案件 C99\n认领 C99\n     ^^^\n提示：用 cases 查看\n")
        #expect(Diagnostics.render(e, line: "认领 C99", language: .en) == "<stdin>:3:4: error: no case C99\n认领 C99\n     ^^^\nhint: see `cases`\n")
    }
}
