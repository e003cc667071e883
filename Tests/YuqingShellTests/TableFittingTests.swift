import Testing
import YuqingCore
@testable import YuqingShell

/// Which columns a narrow screen keeps: the most important that fit, in their order. Leaving out the lowest rank
/// first until the table fitted never brought a narrow column back once a wide one had gone after it (`cases` at
/// 80 columns lost its source and level for the sake of `collected`, then lost `collected` too).
@Suite struct TableFittingTests {
    /// Short titles: at 80 columns in English the source fits once collected and level are left out.
    static let shortCases = """
    collect "Yellow tap water" --source weibo --dept police --at 2019-12-27T09:00
    collect "Road accident" --source news --dept police --at 2019-12-27T09:10
    claim C1 --dept police --at 2019-12-27T09:30
    assess C1 --level high-attention --at 2019-12-27T09:40
    """

    /// Like `cases`: level (rank 2) and source (rank 1) are narrow, collected (rank 3) is wide.
    static func table(_ lang: Language) -> Table {
        let zh = lang == .zh
        return Table(title: nil, columns: [
            Column("id", Localized(zh: "编号", en: "id")),
            Column("title", Localized(zh: "标题", en: "title"), wraps: true),
            Column("level", Localized(zh: "级别", en: "level"), dropRank: 2),
            Column("source", Localized(zh: "来源", en: "source"), dropRank: 1),
            Column("collected", Localized(zh: "收集时间", en: "collected"), dropRank: 3),
            Column("due", Localized(zh: "时限", en: "due")),
        ], rows: [[.text("C1"), .text(zh ? "水质" : "water"), .text(zh ? "一般" : "high"), .text(zh ? "微博" : "weibo"),
                   .text(String(repeating: zh ? "长" : "x", count: zh ? 20 : 40)), .text("2019-12-27 18:00")]])
    }

    @Test(arguments: [Language.zh, .en])
    func aNarrowColumnComesBackWhenAWideOneIsLeftOut(_ lang: Language) {
        let f = FittedTable(Self.table(lang), renderer: Renderer(language: lang, format: .table, width: 60))
        #expect(f.dropped == [lang == .zh ? "收集时间" : "collected"], "\(f.heads)")
        #expect(f.heads == (lang == .zh ? ["编号", "标题", "级别", "来源", "时限"] : ["id", "title", "level", "source", "due"]))
        #expect(f.widths.reduce(0, +) + FittedTable.gap * (f.widths.count - 1) <= 60)
    }

    /// With room for the wide column and one narrow one, the more important narrow one stays (level, rank 2).
    @Test(arguments: [Language.zh, .en])
    func theMoreImportantNarrowColumnStays(_ lang: Language) {
        // Without source: id, title, level, due and collected take 76 columns in either language (68 + 4 gaps);
        // source would need 6 or 8 more.
        let width = 77
        let f = FittedTable(Self.table(lang), renderer: Renderer(language: lang, format: .table, width: width))
        #expect(f.dropped == [lang == .zh ? "来源" : "source"], "\(f.heads) \(f.widths)")
    }

    /// Wide enough for everything: nothing is left out.
    @Test(arguments: [Language.zh, .en])
    func aWideScreenKeepsEveryColumn(_ lang: Language) {
        let f = FittedTable(Self.table(lang), renderer: Renderer(language: lang, format: .table, width: 120))
        #expect(f.dropped.isEmpty)
        #expect(f.heads.count == 6)
    }

    /// `cases` keeps, in their order, the most important columns that fit. In English at 80 columns the source
    /// (6 columns) fits once collected and level are left out; it was left out with them.
    @Test(arguments: [80, 120], [Language.zh, .en])
    func casesKeepTheMostImportantColumnsThatFit(width: Int, lang: Language) {
        let t = TestShell(at: "2019-12-27T10:00", lang: lang)
        t.run(Self.shortCases)
        let screen = NarrowScreenTests.screen(t, "cases", width: width)
        NarrowScreenTests.expectFits(screen, width, "cases \(lang)")
        let header = screen.split(separator: "\n").first { $0.hasPrefix(lang == .zh ? "编号" : "id") }
            .map { $0.split(separator: " ").map(String.init) } ?? []
        let expected: [String]
        switch (lang, width) {
        case (.zh, 80): expected = ["编号", "标题", "阶段", "部门", "收集时间", "最近时限"]
        case (.zh, _): expected = ["编号", "标题", "阶段", "部门", "级别", "来源", "收集时间", "最近时限"]
        case (_, 80): expected = ["id", "title", "stage", "department", "source", "next", "due"]
        default: expected = ["id", "title", "stage", "department", "level", "source", "collected", "next", "due"]
        }
        #expect(header == expected, "\(screen)")
        if width == 80 {
            #expect(screen.contains(lang == .zh ? "未显示：级别、来源；" : "not shown: level, collected;"), "\(screen)")
        }
    }
}
