/// One row of an export turned into what yuqing stores, or the reasons it cannot be.
public struct ImportedItem: Hashable, Sendable {
    public var item: Item
    /// Suggested department (a code), when the export names one.
    public var dept: String?
    /// When the item was found: the row's time, or the import's time when it has none.
    public var at: Instant
    /// Which counts the row stated: an empty count column leaves the stored count alone on a later update.
    public var stated: MetricsUpdate
}

/// A row that cannot be imported: where it is (a line, or a sheet row) and why.
public struct RowProblem: Hashable, Sendable, Error {
    /// The line of a CSV or JSON Lines file, or the row number of a sheet (1 is the header).
    public var line: Int
    public var reasons: [Localized]
    public init(line: Int, reasons: [Localized]) {
        self.line = line
        self.reasons = reasons
    }
}

/// Turns mapped cells into items. Pure: the directory and the import's time are passed in.
public struct ImportRowConverter: Sendable {
    public var mapping: HeaderMapping
    public var profile: ImportProfile
    public var directory: Directory
    public var now: Instant
    /// Days to add to Excel serial dates: 1,462 for a workbook in the 1904 date system, else 0.
    public var excelDayShift = 0

    public init(mapping: HeaderMapping, profile: ImportProfile?, directory: Directory, now: Instant) {
        self.mapping = mapping
        self.profile = profile ?? ImportProfile(name: "")
        self.directory = directory
        self.now = now
    }

    /// Every problem of the row is reported at once, so a coordinator fixes a file in one go.
    public func convert(_ cells: [String], line: Int) -> Result<ImportedItem, RowProblem> {
        var why: [Localized] = []
        func v(_ f: ImportField) -> String? { mapping.value(f, in: cells) }
        func bad(_ zh: String, _ en: String) { why.append(Localized(zh: zh, en: en)) }
        func header(_ f: ImportField) -> String {
            mapping.columns[f].map { mapping.headers[$0] } ?? f.rawValue
        }

        let title = v(.title) ?? ""
        if title.isEmpty { bad("缺少标题（\(header(.title))）", "the title (\(header(.title))) is empty") }
        if title.count > Item.maxTitleLength {
            bad("标题过长（\(title.count) 个字符，最多 \(Item.maxTitleLength) 个）",
                "the title is too long (\(title.count) characters; at most \(Item.maxTitleLength))")
        }
        // A NUL would be cut short by C strings and SQLite bindings: refused, never stored.
        if cells.contains(where: { $0.contains("\0") }) { bad("含有 NUL 字符（\\0）", "holds a NUL character (\\0)") }
        let url = v(.url)
        // Only web addresses (`PostURL.problem`, the rule `collect --url` applies): a `javascript:` link in an export
        // is reported with its row, never stored.
        if let u = url, let problem = PostURL.problem(u) { why.append(problem) }
        var source = Source.other
        if let s = v(.source) {
            if let code = profile.source(s) {
                source = code
            } else {
                bad("来源“\(s)”无法识别（在导入配置中写 source \(s) = weibo|wechat|news|forum|video|website|other）",
                    "unknown source “\(s)” (map it in a profile: source \(s) = weibo|wechat|news|forum|video|website|other)")
            }
        } else if let u = url, let s = ExportValues.source(fromURL: u) {
            source = s
        }
        var category: Category?
        if let s = v(.category) {
            if let c = Category(code: s) { category = c } else {
                bad("收集重点“\(s)”无效", "unknown category “\(s)”")
            }
        }
        func count(_ f: ImportField) -> Int? {
            guard let s = v(f) else { return nil }
            guard let n = ExportValues.count(s) else {
                bad("\(header(f))“\(s)”不是非负整数", "\(header(f)) “\(s)” is not a count")
                return nil
            }
            return n
        }
        let stated = MetricsUpdate(reposts: count(.reposts), comments: count(.comments), views: count(.views))
        var dept: String?
        if let d = v(.dept) {
            if let dep = directory.find(d) { dept = dep.code } else { bad("未知部门“\(d)”", "unknown department “\(d)”") }
        }
        var at = now
        if let s = v(.collected) {
            if let t = ExportValues.time(s, excelDayShift: excelDayShift) { at = t } else {
                bad("\(header(.collected))“\(s)”不是时间（如 2024-03-01 09:10、2024年3月1日 9:10）",
                    "\(header(.collected)) “\(s)” is not a time (e.g. 2024-03-01 09:10, 2024年3月1日 9:10)")
            }
        }
        if !why.isEmpty { return .failure(RowProblem(line: line, reasons: why)) }
        let item = Item(title: title, url: url, source: source, category: category, excerpt: v(.excerpt),
                        metrics: Metrics(reposts: stated.reposts ?? 0, comments: stated.comments ?? 0,
                                         views: stated.views ?? 0),
                        author: v(.author))
        return .success(ImportedItem(item: item, dept: dept, at: at, stated: stated))
    }
}
