/// A field of an imported row, and the column headers monitoring platforms write for it.
///
/// Exports from opinion-monitoring platforms name their columns in Chinese, each a little differently (标题 / 题目 /
/// 内容概要…). A header is matched after normalising (case, spaces, brackets and the words 数/量 at the end are
/// ignored), and the first synonym in a field's list wins when a file has several (`采集时间` before `发布时间`:
/// the claim clock counts from when the item was found).
public enum ImportField: String, CaseIterable, Sendable, Hashable {
    case title, url, source, category, excerpt, reposts, comments, views, dept, collected, author

    /// The header names, most preferred first. English names are the fields' own names and common variants.
    public var synonyms: [String] {
        switch self {
        case .title: ["title", "标题", "题目", "内容概要", "信息标题", "文章标题", "帖子标题", "主题", "headline"]
        case .url: ["url", "链接", "原文链接", "原文地址", "网址", "地址", "文章链接", "帖子链接", "链接地址", "link", "href"]
        case .source: ["source", "来源", "平台", "媒体类型", "来源平台", "信息来源", "来源类型", "来源网站", "网站名称", "媒体名称", "站点名称", "渠道", "站点", "媒体", "platform", "site"]
        case .category: ["category", "类别", "收集重点", "舆情类别", "分类", "主题分类"]
        case .excerpt: ["excerpt", "摘要", "正文摘要", "内容摘要", "正文", "内容", "摘录", "summary", "content"]
        case .reposts: ["reposts", "转发", "转发数", "转发量", "分享数", "分享", "shares", "forwards",
                       "reposts_count", "repost_count", "share_count", "forward_count"]
        case .comments: ["comments", "评论", "评论数", "评论量", "回复数", "回复", "comments_count", "comment_count", "reply_count"]
        case .views: ["views", "阅读", "浏览", "阅读数", "浏览数", "阅读量", "浏览量", "播放量", "播放数", "播放", "reads", "plays",
                     "read_count", "view_count", "views_count", "play_count"]
        case .dept: ["dept", "部门", "建议部门", "责任单位", "涉及部门", "department"]
        case .collected: ["collected", "采集时间", "收集时间", "抓取时间", "入库时间", "发布时间", "发文时间", "时间", "日期",
                          "published", "time", "date",
                          // What platforms' APIs and JSON exports call it (underscores are ignored: publishTime too).
                          "publish_time", "pub_time", "post_time", "created_at", "published_at", "create_time"]
        case .author: ["author", "作者", "发布者", "发布人", "博主", "账号", "作者昵称", "用户名", "公众号", "昵称"]
        }
    }

    /// The field a header names, if any.
    public static func matching(_ header: String) -> ImportField? {
        let h = normalize(header)
        for f in allCases where f.synonyms.contains(where: { normalize($0) == h }) { return f }
        return nil
    }

    /// Lower-case, without spaces, brackets (`转发数(次)`), underscores and a trailing 数 / 量 / 次数.
    public static func normalize(_ header: String) -> String {
        var s = ""
        var depth = 0
        for ch in header.lowercased() {
            if "(（[【".contains(ch) { depth += 1; continue }
            if ")）]】".contains(ch) { depth = max(0, depth - 1); continue }
            if depth > 0 || ch.isWhitespace || ch == "_" || ch == "-" || ch == "\u{FEFF}" || ch == ":" || ch == "：" {
                continue
            }
            s.append(ch)
        }
        for suffix in ["次数", "数", "量"] where s.count > suffix.count + 1 && s.hasSuffix(suffix) {
            return String(s.dropLast(suffix.count))
        }
        return s
    }

    /// The rank of a header among the field's synonyms (lower is preferred).
    func rank(of header: String) -> Int? {
        let h = ImportField.normalize(header)
        return synonyms.firstIndex { ImportField.normalize($0) == h }
    }
}

/// Which column holds which field: built from a file's header row and, optionally, a platform profile.
public struct HeaderMapping: Hashable, Sendable {
    /// Field → 0-based column.
    public var columns: [ImportField: Int]
    /// The header row as read.
    public var headers: [String]
    /// Columns mapped to no field (shown by `--dry-run`, otherwise ignored).
    public var ignored: [String] {
        headers.enumerated().filter { i, _ in !columns.values.contains(i) }.map(\.element)
    }

    /// Maps each field to the best column: a profile's header names first (in the order given), then the built-in
    /// synonyms. A profile naming a header the file lacks is an error, so a renamed export column is noticed.
    public static func build(headers: [String], profile: ImportProfile? = nil) throws(ImportError) -> HeaderMapping {
        var columns: [ImportField: Int] = [:]
        let normalized = headers.map(ImportField.normalize)
        if let profile {
            for (field, names) in profile.columns.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                guard let i = names.lazy.compactMap({ n in normalized.firstIndex(of: ImportField.normalize(n)) }).first else {
                    throw ImportError.profileColumnMissing(field: field, names: names, profile: profile.name)
                }
                columns[field] = i
            }
        }
        let taken = Set(columns.values)
        for field in ImportField.allCases where columns[field] == nil && !(profile?.ignoresBuiltins ?? false) {
            var best: (rank: Int, column: Int)?
            for (i, h) in headers.enumerated() where !taken.contains(i) && !columns.values.contains(i) {
                if let r = field.rank(of: h), r < (best?.rank ?? Int.max) { best = (r, i) }
            }
            if let b = best { columns[field] = b.column }
        }
        guard columns[.title] != nil else {
            throw ImportError.noTitleColumn(headers: headers)
        }
        return HeaderMapping(columns: columns, headers: headers)
    }

    /// The cell of a field in a row, trimmed; nil when the column is absent or the cell is empty.
    public func value(_ field: ImportField, in row: [String]) -> String? {
        guard let i = columns[field], i < row.count else { return nil }
        let v = row[i].trimmingWhitespace()
        return v.isEmpty ? nil : v
    }
}
