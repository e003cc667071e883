import YuqingCore

/// A projection table `audit verify` compares, row by row and column by column, with what `store rebuild` would
/// write for each case. Why each: listings, filters and reports read `cases`; listings, `score`, `accountability`
/// and answers as of a past time (`--as-of`, which filter on the logging times) read `dues`; `extensions` reads
/// `case_extensions`; a re-collected post lands on the case `case_urls` names; `search` reads `case_text`. A desk's
/// role may UPDATE all of them on PostgreSQL (docs/deploy.md), and anyone who can write the file on SQLite.
enum ProjectionTable: String, CaseIterable, Sendable {
    case cases, dues, caseExtensions = "case_extensions", caseURLs = "case_urls", caseText = "case_text"

    enum Kind: Sendable {
        case int, text, time, flag
        /// Text shown shortened in a report (a case's whole search text).
        case long
        /// A set of words stored in one cell (PostgreSQL's `case_text.grams`), compared in any order.
        case words
    }

    /// The columns compared, in the order read; the row's key (`caseColumn`) is not among them.
    func columns(grams: Bool) -> [(name: String, kind: Kind)] {
        switch self {
        case .cases:
            [("num", .int), ("title", .text), ("url", .text), ("stage", .text), ("dept", .text), ("level", .text),
             ("source", .text), ("category", .text), ("historical", .flag), ("designated", .flag),
             ("collected", .time), ("claimed", .time), ("next_due", .time), ("next_due_rule", .text), ("version", .int),
             ("first_recorded", .time), ("last_recorded", .time)]
        case .dues:
            [("rule", .text), ("num", .int), ("due", .time), ("met_at", .time), ("dept", .text), ("waived", .flag),
             ("designated", .flag), ("level", .text), ("start_seq", .int), ("end_seq", .int),
             ("first_recorded", .time), ("last_recorded", .time)]
        case .caseExtensions:
            [("ext", .int), ("dept", .text), ("days", .int), ("reason", .text), ("applied", .time), ("state", .text),
             ("decided_days", .int)]
        case .caseURLs:
            [("url", .text), ("case_id", .text)]
        case .caseText:
            grams ? [("body", .long), ("grams", .words)] : [("body", .long)]
        }
    }

    /// The column that files a row under a case: its id (`C12`) or its number.
    var caseColumn: String {
        switch self {
        case .cases: "id"
        case .dues: "case_id"
        case .caseExtensions, .caseURLs, .caseText: "num"
        }
    }

    /// Whether `caseColumn` holds the id text (else the number).
    var keyedByID: Bool { self == .cases || self == .dues }

    /// Whether a case has several rows, paired by their first column (a due row's rule, an application's number, a
    /// post's identity); else a case has at most one.
    var rowsPerCase: Bool { self == .dues || self == .caseExtensions || self == .caseURLs }

    var title: Localized {
        switch self {
        case .cases: Localized(zh: "案件表（cases）", en: "case row (cases)")
        case .dues: Localized(zh: "期限表（dues）", en: "deadlines table (dues)")
        case .caseExtensions: Localized(zh: "延期申请表（case_extensions）", en: "extension applications (case_extensions)")
        case .caseURLs: Localized(zh: "帖文标识表（case_urls）", en: "post identities (case_urls)")
        case .caseText: Localized(zh: "检索文本表（case_text）", en: "search text (case_text)")
        }
    }

    /// The statement that reads every row filed under one case from all the tables, each value as text (one round
    /// trip on PostgreSQL): a first column naming the table, then the table's columns, padded with NULLs. Bound:
    /// the case id, its number, then `urls` post identities (`case_urls` has no index by case: its rows are looked
    /// up by identity). `postgres`: numbered `$n` parameters, `COLLATE "C"` on every value (the tables mix
    /// collations), and the grams column.
    static func selectRows(urls: Int, postgres: Bool) -> String {
        // A case has one post, or none, or a few: those statements are made once.
        if urls < selectCached.count { return selectCached[urls][postgres ? 1 : 0] }
        return makeSelectRows(urls: urls, postgres: postgres)
    }

    private static let selectCached = (0..<4).map { n in [false, true].map { makeSelectRows(urls: n, postgres: $0) } }

    /// The columns of a row `selectRows` reads: the table's name and the widest table's columns.
    static let selectWidth = 1 + (allCases.map { $0.columns(grams: true).count }.max() ?? 0)

    private static func makeSelectRows(urls: Int, postgres: Bool) -> String {
        let width = selectWidth - 1
        func p(_ i: Int) -> String { postgres ? "$\(i)" : "?\(i)" }
        var arms: [String] = []
        for t in allCases {
            if t == .caseURLs && urls == 0 { continue }
            let cols = t.columns(grams: postgres)
            var values = cols.map { c -> String in
                let e = c.kind == .words ? "array_to_string(\(c.name), chr(31))" : "CAST(\(c.name) AS TEXT)"
                return postgres ? e + " COLLATE \"C\"" : e
            }
            values += Array(repeating: "NULL", count: width - cols.count)
            var arm = "SELECT '\(t.rawValue)', " + values.joined(separator: ", ") + " FROM \(t.rawValue)"
            if !postgres && t == .dues { arm += " INDEXED BY dues_case" }
            arm += " WHERE \(t.caseColumn) = \(t.keyedByID ? p(1) : p(2))"
            if t == .caseURLs { arm += " AND url IN (" + (0..<urls).map { p(3 + $0) }.joined(separator: ", ") + ")" }
            arms.append(arm)
        }
        return arms.joined(separator: " UNION ALL ")
    }

    /// How many rows each table holds, in `allCases` order (one statement).
    static let countRows = "SELECT " + allCases.map { "(SELECT count(*) FROM \($0.rawValue))" }.joined(separator: ", ")

    /// Each key the table files rows under, with its number of rows (read only when the counts disagree).
    var keyCounts: String { "SELECT CAST(\(caseColumn) AS TEXT), count(*) FROM \(rawValue) GROUP BY \(caseColumn)" }
}

/// The rows of the projection tables filed under one case, each value as text (NULL as nil): as stored, or as
/// `store rebuild` would write them (`expected`).
struct ProjectionRows: Equatable, Sendable {
    var tables: [ProjectionTable: [[String?]]] = [:]

    /// Adds a stored row read as `[table name, values…]` (`ProjectionTable.selectRows`), normalized: a flag read
    /// as `true`/`false` (PostgreSQL) is `1`/`0` as SQLite keeps it, a set of words is sorted.
    mutating func add(stored cells: [String?], grams: Bool) throws {
        guard let name = cells.first ?? nil, let t = ProjectionTable(rawValue: name) else {
            throw StoreError.corrupt("a projection row of no known table")
        }
        let cols = t.columns(grams: grams)
        var row = Array(cells.dropFirst().prefix(cols.count))
        for (i, c) in cols.enumerated() where i < row.count {
            switch (c.kind, row[i]) {
            case (.flag, "true"?): row[i] = "1"
            case (.flag, "false"?): row[i] = "0"
            case let (.words, w?): row[i] = Self.words(w.split(separator: "\u{1F}").map(String.init))
            default: break
            }
        }
        tables[t, default: []].append(row)
    }

    static func words(_ w: [String]) -> String { w.sorted().joined(separator: "\u{1F}") }

    /// The rows `store rebuild` writes for a case (`CaseRows`), and the post identities of its items.
    static func expected(_ r: CaseRows, urls: [String], grams: Bool) -> ProjectionRows {
        rows(id: r.id, summary: r.summary, version: r.version, recorded: r.recorded, dues: r.dues,
             extensions: r.extensions, text: r.text, urls: urls, grams: grams)
    }

    /// The rows of a case from its parts (the expected rows, and a memory store's, which keeps them as values).
    static func rows(id: EntityID, summary s: CaseSummary?, version: Int, recorded: (first: Instant, last: Instant),
                     dues: [DueEntry], extensions: [ExtensionRequest], text: String?, urls: [String],
                     grams: Bool) -> ProjectionRows {
        func i(_ v: Int64?) -> String? { v.map { String($0) } }
        func f(_ b: Bool) -> String { b ? "1" : "0" }
        let first = String(recorded.first.seconds), last = String(recorded.last.seconds)
        var out = ProjectionRows()
        if let s {
            out.tables[.cases] = [[String(id.number), s.title, s.url, s.stage.rawValue, s.dept, s.level?.rawValue,
                                   s.source.rawValue, s.category?.rawValue, f(s.historical), f(s.designated),
                                   String(s.collectedAt.seconds), i(s.claimedAt?.seconds), i(s.nextDue?.seconds),
                                   s.nextDueRule, String(version), first, last]]
        }
        if !dues.isEmpty {
            out.tables[.dues] = dues.map { d in
                [d.rule, String(id.number), i(d.due?.seconds), i(d.metAt?.seconds), d.dept, f(d.waived),
                 f(d.designated), d.level?.rawValue, i(d.startSeq), i(d.endSeq), first, last]
            }
        }
        if !extensions.isEmpty {
            out.tables[.caseExtensions] = extensions.map { x in
                [String(x.id.number), x.dept, String(x.days), x.reason, String(x.appliedAt.seconds), x.state.rawValue,
                 x.approvedDays.map { String($0) }]
            }
        }
        if !urls.isEmpty { out.tables[.caseURLs] = urls.map { [$0, id.description] } }
        if let text {
            out.tables[.caseText] = [grams ? [text, words(SearchGrams.set(text))] : [text]]
        }
        return out
    }

    var count: Int { tables.values.reduce(0) { $0 + $1.count } }
}

/// How a case's stored projection rows differ from those `store rebuild` would write (`audit verify`), one
/// description per table that differs: each row paired with the expected one of the same key (a due row's rule, an
/// application's number, a post's identity), naming each column whose stored and expected values differ, or how
/// many rows a key has when rows were deleted or doubled. Rows in the order written compare equal at once (the
/// usual case), with no counting.
struct ProjectionDifference {
    let table: ProjectionTable
    let text: Localized

    static func of(stored: ProjectionRows, expected: ProjectionRows, grams: Bool) -> [ProjectionDifference] {
        guard stored != expected else { return [] }
        return ProjectionTable.allCases.compactMap { t in
            let a = stored.tables[t] ?? [], b = expected.tables[t] ?? []
            guard a != b, counts(a) != counts(b) else { return nil }
            return ProjectionDifference(table: t, stored: a, expected: b, columns: t.columns(grams: grams))
        }
    }

    private init(table: ProjectionTable, stored: [[String?]], expected: [[String?]],
                 columns: [(name: String, kind: ProjectionTable.Kind)]) {
        self.table = table
        // A table of one row a case pairs whatever it holds; the others pair rows by their first column.
        let key: ([String?]) -> String = table.rowsPerCase ? { $0.first.flatMap { $0 } ?? "NULL" } : { _ in "" }
        let s = Dictionary(grouping: stored, by: key), e = Dictionary(grouping: expected, by: key)
        var zh: [String] = [], en: [String] = []
        for k in Set(s.keys).union(e.keys).sorted() {
            let a = (s[k] ?? []).sorted(by: Self.order), b = (e[k] ?? []).sorted(by: Self.order)
            guard Self.counts(a) != Self.counts(b) else { continue }
            let label = k.isEmpty ? "" : Self.shown(k, .text) + " "
            let labelEN = k.isEmpty ? "" : Self.shown(k, .text) + ": "
            guard a.count == b.count else {
                zh.append("\(label)存有 \(a.count) 行，应为 \(b.count) 行")
                en.append("\(labelEN)\(a.count) rows stored, \(b.count) expected")
                continue
            }
            for (x, y) in zip(a, b) where x != y {
                let cells = columns.indices.filter { $0 < x.count && $0 < y.count && x[$0] != y[$0] }
                zh.append(label + cells.map { "\(columns[$0].name) 存为 \(Self.shown(x[$0], columns[$0].kind))，应为 \(Self.shown(y[$0], columns[$0].kind))" }.joined(separator: "，"))
                en.append(labelEN + cells.map { "\(columns[$0].name) stored \(Self.shown(x[$0], columns[$0].kind)), expected \(Self.shown(y[$0], columns[$0].kind))" }.joined(separator: ", "))
            }
        }
        text = Localized(zh: zh.joined(separator: "；"), en: en.joined(separator: "; "))
    }

    private static func counts(_ rows: [[String?]]) -> [[String?]: Int] {
        Dictionary(rows.map { ($0, 1) }, uniquingKeysWith: +)
    }

    /// Pairs a key's stored and expected rows (a key has one row in a case; the order only matters if not).
    private static func order(_ x: [String?], _ y: [String?]) -> Bool {
        x.map { $0 ?? "" }.lexicographicallyPrecedes(y.map { $0 ?? "" })
    }

    /// A value as a report shows it: times in Shanghai time, flags as true/false, long texts shortened.
    static func shown(_ v: String?, _ kind: ProjectionTable.Kind) -> String {
        guard let v else { return "NULL" }
        switch kind {
        case .time: return Int64(v).map { Instant(seconds: $0).description } ?? v
        case .flag: return v == "1" ? "true" : v == "0" ? "false" : v
        case .long, .text: return v.isEmpty ? "“”" : v.count > 40 ? "“" + v.prefix(40) + "…”" : v
        case .words: return "{\(v.split(separator: "\u{1F}").count) grams}"
        case .int: return v
        }
    }
}

/// What `audit verify` reads of the projection tables, on each store (its transactions conform).
protocol StoredProjectionReader {
    /// Whether `case_text` keeps the words it is searched by next to the text (PostgreSQL's grams; SQLite keeps them
    /// in its full-text index, which cannot be read back).
    var storesGrams: Bool { get }
    /// The rows filed under case `id` in every projection table, as stored, unchecked; of `case_urls` only those of
    /// the post identities `urls` (`projectionRowCounts` finds the others).
    func storedProjection(_ id: EntityID, urls: [String]) throws -> ProjectionRows
    /// How many rows each projection table holds.
    func projectionRowCounts() throws -> [ProjectionTable: Int]
    /// Each key `table` files rows under (a case id, or a case number, as text), with its number of rows.
    func projectionRowKeys(_ table: ProjectionTable) throws -> [(key: String, count: Int)]
    /// A search index kept apart from `case_text` (SQLite's FTS5 `case_search`): how its entry for case `num`
    /// differs from the one `store rebuild` would write for `text` (nil: no text, so no entry), or nil when it agrees.
    func searchIndexDifference(_ num: Int, text: String?) throws -> Localized?
    /// The cases the search index holds an entry for, when it holds any beyond `expected` entries (nil otherwise, or
    /// when the store keeps no separate index).
    func searchIndexEntries(unless expected: Int) throws -> [Int]?
}

extension StoredProjectionReader {
    func searchIndexDifference(_ num: Int, text: String?) throws -> Localized? { nil }
    func searchIndexEntries(unless expected: Int) throws -> [Int]? { nil }
}
