/// Cell values as monitoring platforms and spreadsheets write them: times, counts and source names.
///
/// Pure parsing (no Foundation, no clock): times are Asia/Shanghai wall-clock times, like everything in yuqing.
public enum ExportValues {
    // MARK: times

    /// `2024-03-01 09:10[:00]`, `2024/03/01 09:10`, `2024.3.1 9:10`, `2024-03-01T09:10:00`, `2024年3月1日 9:10`,
    /// `2024年3月1日9时10分`, a bare date (midnight), or an Excel serial day number (`45352.3819`, what `.xlsx`
    /// stores for a date cell, days since 1899-12-30), or a Unix time (`unixTime`). Seconds are kept (fractions of a
    /// second dropped); a trailing `+08:00` or `Z` is honoured.
    public static func time(_ text: String, excelDayShift: Int = 0) -> Instant? {
        var s = text.trimmingWhitespace()
        if s.isEmpty { return nil }
        if let serial = excelSerial(s, dayShift: excelDayShift) { return serial }
        if let epoch = unixTime(s) { return epoch }
        // Fractions of a second, as databases and APIs write them (`09:10:00.000`, `09:10:00.123Z`): dropped.
        if let colon = s.lastIndex(of: ":"), let dot = s[colon...].firstIndex(of: "."),
           s.distance(from: colon, to: dot) == 3, s[s.index(after: colon)..<dot].allSatisfy(\.isASCIIDigit) {
            let digits = s[s.index(after: dot)...].prefix(while: \.isASCIIDigit)
            if !digits.isEmpty { s = String(s[..<dot]) + String(s[digits.endIndex...]) }
        }
        // Split into runs of digits; remember what separates them to reject nonsense like `12:30:45:10`.
        var numbers: [Int] = []
        var current = ""
        var zone: Int64? = nil
        var rest = Substring(s)
        // A zone designator at the end: `Z`, `+08:00`, `+0800`.
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            zone = 0
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }),
                  rest.distance(from: rest.startIndex, to: sign) >= 10 {
            let tz = rest[rest.index(after: sign)...].filter(\.isASCIIDigit)
            if tz.count == 4 || tz.count == 2, let n = Int(tz) {
                let minutes = tz.count == 4 ? (n / 100) * 60 + n % 100 : n * 60
                zone = Int64(rest[sign] == "-" ? -minutes : minutes) * 60
                rest = rest[..<sign]
            }
        }
        var pm = false
        var am = false
        if rest.contains("下午") || rest.contains("晚上") || rest.uppercased().hasSuffix("PM") { pm = true }
        if rest.contains("上午") || rest.contains("凌晨") || rest.uppercased().hasSuffix("AM") { am = true }
        for ch in rest {
            if ch.isASCIIDigit {
                current.append(ch)
            } else {
                if !current.isEmpty { numbers.append(Int(current) ?? -1); current = "" }
                guard "-/.年月日号 T:时点分秒\t上下午晚凌晨AMPamp".contains(ch) else { return nil }
            }
        }
        if !current.isEmpty { numbers.append(Int(current) ?? -1) }
        guard numbers.count >= 3, numbers.count <= 6 else { return nil }
        // A compact `20240301` would be one number: not accepted (ambiguous with counts).
        var (y, mo, d) = (numbers[0], numbers[1], numbers[2])
        if y < 100 && numbers[2] >= 1000 { (y, mo, d) = (numbers[2], numbers[0], numbers[1]) } // 03/01/2024
        guard y >= 1900, y <= 2999, let date = CivilDate(year: y, month: mo, day: d) else { return nil }
        var h = numbers.count > 3 ? numbers[3] : 0
        let mi = numbers.count > 4 ? numbers[4] : 0
        let se = numbers.count > 5 ? numbers[5] : 0
        if pm && h < 12 { h += 12 }
        if am && h == 12 { h = 0 }
        guard (0...23).contains(h) || (h == 24 && mi == 0 && se == 0), (0...59).contains(mi), (0...60).contains(se) else {
            return nil
        }
        let local = Instant(date: date, hour: 0, minute: 0, second: 0).adding(seconds: Int64(h * 3600 + mi * 60 + min(se, 59)))
        guard let zone else { return local }
        // `local` was read as Shanghai time; a stated zone moves it.
        return local.adding(seconds: Instant.shanghaiOffset - zone)
    }

    /// A Unix time as platforms' APIs and JSON exports give it: 10 digits of seconds or 13 of milliseconds since
    /// 1970-01-01 UTC (`1709255400`, `1709255400000`), accepted between 2000 and 2100 so that a count is never taken
    /// for a time.
    public static func unixTime(_ s: String) -> Instant? {
        guard s.count == 10 || s.count == 13, s.allSatisfy(\.isASCIIDigit), let n = Int64(s) else { return nil }
        let seconds = s.count == 13 ? n / 1000 : n
        guard (946_684_800...4_102_444_800).contains(seconds) else { return nil }
        return Instant(seconds: seconds)
    }

    /// The days between the 1900 and 1904 date systems of Excel workbooks.
    public static let excel1904DayShift = 1_462

    /// Excel's serial day numbers (1900 date system, the one `.xlsx` writers use by default): day 1 is
    /// 1900-01-01 and the fraction is the time of day. Accepted between 1980 and 2100 so that a count is never
    /// taken for a date.
    /// `dayShift`: days to add for a workbook in the 1904 date system (`date1904`, Excel for Mac): 1,462.
    public static func excelSerial(_ s: String, dayShift: Int = 0) -> Instant? {
        guard let first = s.first, first.isASCIIDigit, s.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
              s.filter({ $0 == "." }).count <= 1 else { return nil }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard let stored = Int(parts[0]), (29_221...73_051).contains(stored + dayShift) else { return nil }
        let days = stored + dayShift
        var fraction = 0.0
        if parts.count == 2, !parts[1].isEmpty {
            guard let f = Double("0." + parts[1]) else { return nil }
            fraction = f
        }
        // 1899-12-30 is day 0 (Excel's 1900 leap-year bug is before any date accepted here).
        guard let epoch = CivilDate(year: 1899, month: 12, day: 30) else { return nil }
        let date = CivilDate(dayNumber: epoch.dayNumber + days)
        let seconds = Int64((fraction * 86_400).rounded())
        return Instant(date: date).adding(seconds: seconds)
    }

    // MARK: counts

    /// A non-negative whole count: `12345`, `12,345`, `1.2万`, `3亿`, `1.5w`, `2k`, `10万+`, `1,234次`. A decimal
    /// without a unit is refused (`12.5` is not a count).
    public static func count(_ text: String) -> Int? {
        var s = text.trimmingWhitespace().lowercased()
        s.removeAll { $0 == "," || $0 == "，" || $0 == " " || $0 == "_" }
        while let last = s.last, last == "+" || last == "次" || last == "条" || last == "个" { s.removeLast() }
        if s.isEmpty { return nil }
        var multiplier = 1
        for (unit, m) in [("亿", 100_000_000), ("万", 10_000), ("千", 1_000), ("w", 10_000), ("k", 1_000), ("m", 1_000_000)]
        where s.hasSuffix(unit) {
            multiplier = m
            s.removeLast(unit.count)
            break
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCIIDigit || $0 == "." }), s.filter({ $0 == "." }).count <= 1,
              s.first != ".", s.last != "." else { return nil }
        let parts = s.split(separator: ".")
        guard let whole = Int(parts[0]) else { return nil }
        if parts.count == 1 { return multiplying(whole, multiplier) }
        // `12.0` in a spreadsheet's numeric cell is still a whole count.
        guard multiplier > 1 || parts[1].allSatisfy({ $0 == "0" }) else { return nil }
        let digits = parts[1].prefix(9)
        guard let frac = Int(digits) else { return nil }
        var scale = 1
        for _ in 0..<digits.count { scale *= 10 }
        guard let base = multiplying(whole, multiplier) else { return nil }
        return base + (frac * multiplier + scale / 2) / scale
    }

    private static func multiplying(_ a: Int, _ b: Int) -> Int? {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : r
    }

    // MARK: sources

    /// The source code of a platform name as exports write it (新浪微博, 微信公众号, 抖音, 今日头条, 人民网领导留言板…).
    /// Exact names first, then a few tell-tale words (微博, 公众号, 视频, 论坛…); nil when unknown.
    public static func source(_ text: String) -> Source? {
        let s = text.trimmingWhitespace()
        if s.isEmpty { return nil }
        if let c = Source(code: s) { return c }
        let key = s.lowercased().filter { !$0.isWhitespace }
        if let c = platformNames[key] { return c }
        for (word, c) in sourceWords where key.contains(word) { return c }
        if key.hasSuffix("政府网") || key.contains("政府") || key.contains("政务") { return .website }
        if key.hasSuffix("网") || key.hasSuffix("报") || key.hasSuffix("新闻") { return .news }
        return nil
    }

    static let platformNames: [String: Source] = {
        var m: [String: Source] = [:]
        for n in ["新浪微博", "微博", "微博客", "腾讯微博", "weibo", "sina weibo", "微博热搜"] { m[n] = .weibo }
        for n in ["微信", "微信公众号", "公众号", "微信号", "wechat", "weixin", "微信公众平台", "微信文章"] { m[n] = .wechat }
        for n in ["抖音", "快手", "b站", "哔哩哔哩", "bilibili", "视频号", "微信视频号", "西瓜视频", "火山小视频", "好看视频",
                  "短视频", "视频", "douyin", "kuaishou", "tiktok", "优酷", "腾讯视频", "爱奇艺", "直播"] { m[n] = .video }
        for n in ["今日头条", "头条", "头条号", "新闻", "网络新闻", "新闻网站", "客户端", "新闻客户端", "app", "新闻app",
                  "澎湃新闻", "网易新闻", "腾讯新闻", "新浪新闻", "搜狐新闻", "凤凰新闻", "百家号", "一点资讯", "报刊", "纸媒",
                  // The portals' self-media accounts, as monitoring exports name them.
                  "网易号", "搜狐号", "企鹅号", "大鱼号", "一点号", "凤凰号", "新浪看点", "趣头条", "自媒体",
                  "数字报", "平面媒体", "境外媒体", "外媒", "电视", "广播", "toutiao", "news"] { m[n] = .news }
        for n in ["论坛", "贴吧", "百度贴吧", "知乎", "天涯", "天涯社区", "豆瓣", "问答", "社区", "人民网领导留言板", "领导留言板",
                  "留言板", "人民网留言板", "问政", "网络问政", "小红书", "bbs", "zhihu", "tieba", "百度知道", "博客", "blog"] {
            m[n] = .forum
        }
        for n in ["网站", "政府网站", "门户网站", "网页", "网站群", "website", "web"] { m[n] = .website }
        for n in ["其他", "其它", "未知", "other"] { m[n] = .other }
        return m
    }()

    /// Words that name a kind of platform inside a longer name (`XX日报微博` → weibo).
    static let sourceWords: [(String, Source)] = [
        ("微博", .weibo), ("公众号", .wechat), ("视频号", .video), ("微信", .wechat), ("视频", .video), ("抖音", .video),
        ("快手", .video), ("留言", .forum), ("论坛", .forum), ("贴吧", .forum), ("社区", .forum), ("问政", .forum),
        ("bbs", .forum), ("新闻", .news), ("日报", .news), ("晚报", .news), ("头条", .news), ("客户端", .news),
    ]

    /// The source of a post from its URL's platform, when the export left the source empty.
    public static func source(fromURL url: String) -> Source? {
        guard let p = PostURL.Parts(url.trimmingWhitespace()) else { return nil }
        let host = p.host
        func on(_ d: String) -> Bool { host == d || host.hasSuffix("." + d) }
        if on("weibo.com") || on("weibo.cn") { return .weibo }
        if on("weixin.qq.com") { return .wechat }
        if on("douyin.com") || on("iesdouyin.com") || on("kuaishou.com") || on("gifshow.com") || on("bilibili.com")
            || on("b23.tv") || on("ixigua.com") { return .video }
        if on("toutiao.com") { return .news }
        if on("zhihu.com") || on("tieba.baidu.com") || host == "liuyan.people.com.cn" || on("xiaohongshu.com")
            || on("douban.com") { return .forum }
        if host.hasSuffix(".gov.cn") { return .website }
        return nil
    }
}
