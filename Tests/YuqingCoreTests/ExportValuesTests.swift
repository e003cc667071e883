import Testing
@testable import YuqingCore

/// Times, counts, source names and headers as monitoring exports write them.
@Suite struct ExportValuesTests {
    static func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Instant {
        Instant(date: CivilDate(year: y, month: mo, day: d)!, hour: h, minute: mi, second: s)
    }

    @Test(arguments: [
        ("2024/03/01 09:10", at(2024, 3, 1, 9, 10)),
        ("2024-03-01 09:10:00", at(2024, 3, 1, 9, 10)),
        ("2024-03-01T09:10:30", at(2024, 3, 1, 9, 10, 30)),
        ("2024年3月1日 9:10", at(2024, 3, 1, 9, 10)),
        ("2024年3月1日9时10分", at(2024, 3, 1, 9, 10)),
        ("2024.3.1 9:10", at(2024, 3, 1, 9, 10)),
        ("2024-03-01", at(2024, 3, 1, 0, 0)),
        ("2024年03月01日 下午3:05", at(2024, 3, 1, 15, 5)),
        ("2024-03-01T01:10:00Z", at(2024, 3, 1, 9, 10)),
        ("2024-03-01T09:10:00+08:00", at(2024, 3, 1, 9, 10)),
        ("45352.3819444444", at(2024, 3, 1, 9, 10)),
        ("45352", at(2024, 3, 1, 0, 0)),
        // Database and API exports: fractions of a second, Unix seconds and milliseconds (UTC) — each was refused
        // as 'not a time', so a platform's JSON export (`"publish_time": 1709255400000`) could not be imported.
        ("2024-03-01 09:10:00.000", at(2024, 3, 1, 9, 10)),
        ("2024-03-01T01:10:30.123Z", at(2024, 3, 1, 9, 10, 30)),
        ("1709255400", at(2024, 3, 1, 9, 10)),
        ("1709255400000", at(2024, 3, 1, 9, 10)),
    ])
    func times(_ text: String, _ expected: Instant) {
        #expect(ExportValues.time(text) == expected, "\(text)")
    }

    @Test(arguments: ["", "明天", "2024-13-01 09:10", "2024-02-30", "2024-03-01 25:00", "12", "3200", "2024/03/01 09:10:00:99", "1234567890123456", "9999999999", "0000000001"])
    func notTimes(_ text: String) {
        #expect(ExportValues.time(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("12345", 12345), ("12,345", 12345), ("1.2万", 12000), ("3亿", 300_000_000), ("1.5w", 15000), ("2k", 2000),
        ("10万+", 100_000), ("1,234次", 1234), (" 0 ", 0), ("12.0", 12), ("1.23456万", 12346),
    ])
    func counts(_ text: String, _ expected: Int) {
        #expect(ExportValues.count(text) == expected, "\(text)")
    }

    @Test(arguments: ["", "-3", "12.5", "abc", "1..2万", "万", "99999999999999999999"])
    func notCounts(_ text: String) {
        #expect(ExportValues.count(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("新浪微博", Source.weibo), ("微博", .weibo), ("weibo", .weibo), ("微信公众号", .wechat), ("公众号", .wechat),
        ("抖音", .video), ("快手", .video), ("B站", .video), ("哔哩哔哩", .video), ("今日头条", .news), ("知乎", .forum),
        ("百度贴吧", .forum), ("人民网领导留言板", .forum), ("人民网", .news), ("明光市人民政府网", .website),
        ("澎湃新闻", .news), ("滁州日报微博", .weibo), ("网站", .website), ("其他", .other),
        // Self-media accounts of the portals were rejected as unknown sources.
        ("网易号", .news), ("搜狐号", .news), ("企鹅号", .news), ("大鱼号", .news),
    ])
    func sources(_ name: String, _ expected: Source) {
        #expect(ExportValues.source(name) == expected, "\(name)")
    }

    @Test func unknownSourceIsNil() {
        #expect(ExportValues.source("火星社交") == nil)
        #expect(ExportValues.source(fromURL: "https://m.weibo.cn/status/1") == .weibo)
        #expect(ExportValues.source(fromURL: "https://www.mingguang.gov.cn/a.html") == .website)
    }

    @Test(arguments: [
        ("标题", ImportField.title), ("题目", .title), ("内容概要", .title), ("Title", .title), ("链接", .url),
        ("原文链接", .url), ("URL", .url), ("来源", .source), ("平台", .source), ("媒体类型", .source),
        ("发布时间", .collected), ("采集时间", .collected), ("转发", .reposts), ("转发数", .reposts), ("转发数（次）", .reposts),
        ("评论", .comments), ("评论数", .comments), ("阅读", .views), ("浏览", .views), ("阅读数", .views), ("摘要", .excerpt),
        ("正文摘要", .excerpt), ("作者", .author), ("发布者", .author), (" 标 题 ", .title),
        // A platform API's JSON keys: publish_time was 'not used' and every row took the import's time.
        ("publish_time", .collected), ("publishTime", .collected), ("created_at", .collected),
        ("reposts_count", .reposts), ("comments_count", .comments), ("read_count", .views),
    ])
    func headers(_ header: String, _ field: ImportField) {
        #expect(ImportField.matching(header) == field, "\(header)")
    }

    @Test func mappingPrefersCollectionTimeAndRejectsAFileWithoutTitle() throws {
        let m = try HeaderMapping.build(headers: ["序号", "发布时间", "标题", "采集时间", "链接"])
        #expect(m.columns[.collected] == 3)
        #expect(m.columns[.title] == 2)
        #expect(m.ignored == ["序号", "发布时间"])
        #expect(throws: ImportError.self) { try HeaderMapping.build(headers: ["序号", "网址"]) }
    }

    @Test func profileMapsAPlatformsOwnColumns() throws {
        let p = try ImportProfile.parse("""
            # 某平台日报
            title: 信息标题
            url: 原文地址 | 链接
            collected: 入库时间
            source 微博客 = weibo
            source * = other
            sheet: 舆情列表
            """, name: "平台日报")
        let m = try HeaderMapping.build(headers: ["信息标题", "链接", "入库时间", "来源"], profile: p)
        #expect(m.columns[.title] == 0 && m.columns[.url] == 1 && m.columns[.collected] == 2 && m.columns[.source] == 3)
        #expect(p.source("微博客") == .weibo)
        #expect(p.source("火星社交") == .other)
        #expect(p.sheet == "舆情列表")
        #expect(throws: ImportError.self) { try HeaderMapping.build(headers: ["标题", "链接"], profile: p) }
    }

    @Test func profileErrorsNameTheLine() {
        #expect(throws: ImportError.profileLine(profile: "p", line: 2, Localized(zh: "未知字段“颜色”（可用：title url source category excerpt reposts comments views dept collected author）", en: "unknown field “颜色” (use: title url source category excerpt reposts comments views dept collected author)"))) {
            try ImportProfile.parse("title: 标题\n颜色: 红\n", name: "p")
        }
    }

    @Test func rowProblemsAreAllListed() {
        let m = HeaderMapping(columns: [.title: 0, .source: 1, .reposts: 2, .collected: 3], headers: ["标题", "来源", "转发数", "发布时间"])
        let c = ImportRowConverter(mapping: m, profile: nil, directory: Directory(), now: Instant(seconds: 0))
        guard case .failure(let p) = c.convert(["", "火星社交", "很多", "昨天"], line: 7) else {
            Issue.record("a bad row was accepted")
            return
        }
        #expect(p.line == 7)
        #expect(p.reasons.count == 4)
    }

    @Test func metricsUpdateFoldsIntoThePost() {
        var c = CaseFile(id: EntityID(.caseFile, 1), collectedAt: Instant(seconds: 0))
        let actor = Actor(name: "a", role: .patrol, dept: nil)
        func ev(_ b: EventBody) -> Event {
            Event(seq: 1, caseID: c.id, subject: nil, actor: actor, effective: Instant(seconds: 0), recorded: Instant(seconds: 0),
                  body: b, prevHash: "", hash: "")
        }
        c.apply(ev(.collected(item: Item(title: "t", url: "https://weibo.com/1/K3fnuEfZK", source: .weibo, category: nil,
                                          excerpt: nil, metrics: Metrics(reposts: 10, comments: 2, views: 100)), dept: nil)))
        c.apply(ev(.metricsUpdated(item: 1, url: "https://m.weibo.cn/status/4607741009594608", metrics: MetricsUpdate(reposts: 40, views: 900))))
        #expect(c.items.count == 1)
        #expect(c.metrics == Metrics(reposts: 40, comments: 2, views: 900))
        #expect(c.itemIndex(forURL: "https://m.weibo.cn/status/4607741009594608") == 1)
    }
}
