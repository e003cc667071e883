import Testing
@testable import YuqingCore
@testable import YuqingShell

/// `search`: ranked hits (title first, then occurrences, then newest) with the match shown where it was found and
/// highlighted only on a colour terminal, the same on every backend.
@Suite struct SearchVerbTests {
    static let setUp = """
    collect "网传某小区自来水水质发黄" --source weibo --excerpt "居民称水质差，水质检测未公开" --at 2019-12-27T09:00
    collect "夜间施工噪音扰民" --source forum --excerpt "附近居民反映：施工用水污染水质，也很吵" --at 2019-12-27T09:10
    collect "道路拥堵" --source news --at 2019-12-27T09:20
    collect "水质检测结果公布" --source news --at 2019-12-27T09:30
    """

    @Test(arguments: TestShell.Backend.available)
    func rankedWithWhereTheMatchWasFound(backend: TestShell.Backend) {
        let sh = TestShell(at: "2019-12-27T10:00", backend: backend)
        #expect(sh.run(Self.setUp).failures == 0)
        let out = sh.run("search 水质 --format json")
        #expect(out.failures == 0, "\(out.err)")
        #expect(out.out == """
            {"query":"水质","ranked":3,"complete":true,"hits":[\
            {"id":"C1","title":"网传某小区自来水水质发黄","stage":"collected","dept":null,"hits":3,"excerpt":"居民称水质差，水质检测未公开"},\
            {"id":"C4","title":"水质检测结果公布","stage":"collected","dept":null,"hits":1,"excerpt":""},\
            {"id":"C2","title":"夜间施工噪音扰民","stage":"collected","dept":null,"hits":1,"excerpt":"…映：施工用水污染水质，也很吵"}]}

            """)
        let page = sh.run("search 水质 --limit 1")
        #expect(page.out.contains("C1") && !page.out.contains("C4"))
        #expect(!page.out.contains("\u{1B}"), "no escapes off a terminal")
        #expect(sh.run("search 没有这个词").out == "No case holds “没有这个词”.\n")
        #expect(sh.run("搜索 噪音").out.contains("C2"))
        #expect(sh.run("search \"\"").failures == 1)
    }

    /// On a colour terminal the match is highlighted in the title and in the excerpt, after the cells are fitted
    /// (the escapes take no width: the columns stay aligned).
    @Test func theMatchIsHighlightedOnAColourTerminal() throws {
        let hit = Table(columns: [Column("title", Localized("title"), marks: "水质"), Column("n", Localized("n"))],
                        rows: [[.text("网传水质发黄"), .integer(1)], [.text("道路"), .integer(22)]])
        let plain = Renderer(language: .zh, format: .table).render(CommandOutput(tables: [hit]))
        let color = Renderer(language: .zh, format: .table, color: true).render(CommandOutput(tables: [hit]))
        #expect(!plain.contains("\u{1B}"))
        #expect(color.contains("网传\u{1B}[1;7m水质\u{1B}[0m发黄"))
        let strip = color.replacingOccurrences(of: "\u{1B}[1;7m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
            .replacingOccurrences(of: "\u{1B}[1m", with: "")
        #expect(strip == plain)
    }

    /// More matches than the pool: the message says only the newest were ranked, and how to list them all.
    @Test func saysWhenOnlyTheNewestWereRanked() throws {
        let sh = TestShell(at: "2019-12-27T10:00")
        #expect(sh.run(Self.setUp).failures == 0)
        let results = try sh.ws.read { try $0.search("水质", limit: 20, pool: 2) }
        #expect(!results.complete && results.hits.map(\.summary.id.number) == [4, 2])
        #expect(SearchVerb.excerpt(of: "水质", in: "水质标题\n前面很长很长很长很长的一段文字水质后面") == "…长很长的一段文字水质后面")
        #expect(SearchVerb.excerpt(of: "水质", in: "只在标题水质") == "")
    }
}
