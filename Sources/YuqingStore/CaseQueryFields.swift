import YuqingCore

/// The value of a field as both stores compare it: whole numbers (ids, times, flags, workflow ranks) or text
/// (codes, titles). Text compares by UTF-8 bytes, which is what SQLite's default BINARY collation does, so the
/// memory store and the SQLite store order and filter identically.
enum FieldKey: Hashable, Comparable {
    case int(Int64)
    case text(String)

    static func < (a: FieldKey, b: FieldKey) -> Bool {
        switch (a, b) {
        case let (.int(x), .int(y)): x < y
        case let (.text(x), .text(y)): x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.int, .text): true  // SQLite: numbers sort before text
        case (.text, .int): false
        }
    }
}

/// The shape of a field: how its filter values are read and how it is stored.
enum FieldKind {
    case id, text, code, ranked, flag, time, overdue
    /// The case's whole searchable text: only `~` applies, answered by the search index.
    case fulltext
}

extension CaseField {
    var kind: FieldKind {
        switch self {
        case .id: .id
        case .title, .url, .dept: .text
        case .source, .category: .code
        case .stage, .level: .ranked
        case .historical, .designated: .flag
        case .collected, .claimed, .due: .time
        case .overdue: .overdue
        case .text: .fulltext
        }
    }

    /// Whether `~` (contains) can search the field: flags, times and `overdue` hold no text.
    public var isSearchable: Bool {
        switch kind {
        case .flag, .time, .overdue: false
        case .id, .text, .code, .ranked, .fulltext: true
        }
    }

    /// The column holding the field's stored value (codes as text, times as seconds, flags as 0/1). `overdue` has
    /// no column: the SQL compiler builds it from `next_due` and the query's `now`.
    var column: String {
        switch self {
        case .id: "num"
        case .title: "title"
        case .url: "url"
        case .stage: "stage"
        case .dept: "dept"
        case .level: "level"
        case .source: "source"
        case .category: "category"
        case .historical: "historical"
        case .designated: "designated"
        case .collected: "collected"
        case .claimed: "claimed"
        case .due: "next_due"
        case .overdue: "next_due"
        case .text: "text"
        }
    }

    /// The workflow order of a stage or level code, for `stage < verified` and `order by level`.
    static func rank(stage: Stage) -> Int64 { Int64(Stage.allCases.firstIndex(of: stage) ?? 0) }
    static func rank(level: Level) -> Int64 { Int64(Level.allCases.firstIndex(of: level) ?? 0) }

    /// Reads a filter value for this field: the stored code for `=`/`!=`/`in`, the rank when `ordered` (stage and
    /// level only). Codes may be given in English or Chinese. Nil for `.null`.
    func key(_ v: FilterValue, ordered: Bool = false) throws -> FieldKey? {
        if case .null = v { return nil }
        func bad() -> StoreError { .badQuery("\(rawValue) cannot be compared with \(v)") }
        switch kind {
        case .id:
            switch v {
            case let .integer(n): return .int(Int64(n))
            case let .text(t):
                guard let id = EntityID(parsing: t), id.kind == .caseFile else {
                    throw StoreError.badQuery("not a case id: \(t)")
                }
                return .int(Int64(id.number))
            default: throw bad()
            }
        case .text:
            guard case let .text(t) = v else { throw bad() }
            return .text(t)
        case .code:
            guard case let .text(t) = v else { throw bad() }
            if self == .source {
                guard let c = Source(code: t) else { throw StoreError.badQuery("unknown source: \(t)") }
                return .text(c.rawValue)
            }
            guard let c = Category(code: t) else { throw StoreError.badQuery("unknown category: \(t)") }
            return .text(c.rawValue)
        case .ranked:
            guard case let .text(t) = v else { throw bad() }
            if self == .stage {
                guard let s = Stage(code: t) else { throw StoreError.badQuery("unknown stage: \(t)") }
                return ordered ? .int(CaseField.rank(stage: s)) : .text(s.rawValue)
            }
            guard let l = Level(code: t) else { throw StoreError.badQuery("unknown level: \(t)") }
            return ordered ? .int(CaseField.rank(level: l)) : .text(l.rawValue)
        case .fulltext:
            throw StoreError.badQuery("text can only be searched: text ~ …")
        case .flag, .overdue:
            switch v {
            case let .bool(b): return .int(b ? 1 : 0)
            case let .integer(n) where n == 0 || n == 1: return .int(Int64(n))
            default: throw bad()
            }
        case .time:
            switch v {
            case let .time(t): return .int(t.seconds)
            case let .integer(n): return .int(Int64(n))
            default: throw bad()
            }
        }
    }

    /// The field's value in a listed case, as the memory store reads it; `ordered` gives stage and level ranks.
    func key(of s: CaseSummary, now: Instant, ordered: Bool = false) -> FieldKey? {
        switch self {
        case .id: .int(Int64(s.id.number))
        case .title: .text(s.title)
        case .url: s.url.map(FieldKey.text)
        case .stage: ordered ? .int(CaseField.rank(stage: s.stage)) : .text(s.stage.rawValue)
        case .dept: s.dept.map(FieldKey.text)
        case .level: s.level.map { ordered ? .int(CaseField.rank(level: $0)) : .text($0.rawValue) }
        case .source: .text(s.source.rawValue)
        case .category: s.category.map { .text($0.rawValue) }
        case .historical: .int(s.historical ? 1 : 0)
        case .designated: .int(s.designated ? 1 : 0)
        case .collected: .int(s.collectedAt.seconds)
        case .claimed: s.claimedAt.map { .int($0.seconds) }
        case .due: s.nextDue.map { .int($0.seconds) }
        case .overdue: .int(s.nextDue.map { $0 < now } == true ? 1 : 0)
        case .text: nil
        }
    }

    /// The text `contains` searches: the id as typed (`C7`), codes, titles. Nil when the case has no value.
    func searchText(of s: CaseSummary) -> String? {
        switch self {
        case .id: s.id.description
        case .title: s.title
        case .url: s.url
        case .stage: s.stage.rawValue
        case .dept: s.dept
        case .level: s.level?.rawValue
        case .source: s.source.rawValue
        case .category: s.category?.rawValue
        case .historical, .designated, .collected, .claimed, .due, .overdue, .text: nil
        }
    }

    /// The group key of `count by`: codes as stored, flags `true`/`false`, times as their Shanghai date
    /// (`2019-12-19`), and `""` for a case without a value (no department yet, not assessed).
    func countKey(of s: CaseSummary, now: Instant) -> String {
        switch kind {
        case .flag, .overdue:
            return key(of: s, now: now) == .int(1) ? "true" : "false"
        case .time:
            guard case let .int(t)? = key(of: s, now: now) else { return "" }
            return Instant(seconds: t).date.description
        case .id:
            return s.id.description
        default:
            return searchText(of: s) ?? ""
        }
    }
}

extension CaseSummary {
    /// The listed form of a case: its indexed columns plus the earliest unmet, unwaived due entry.
    init(_ c: CaseFile, dues: [DueEntry]) {
        let next = CaseSummary.nextDue(dues)
        self.init(id: c.id, title: c.title, url: c.url, stage: c.stage, dept: c.dept, level: c.level,
                  source: c.source, category: c.category, historical: c.historical, designated: c.designated,
                  collectedAt: c.collectedAt, claimedAt: c.claimedAt, nextDue: next?.due, nextDueRule: next?.rule)
    }

    /// The earliest open due entry; ties go to the rule that sorts first, so both stores agree.
    static func nextDue(_ dues: [DueEntry]) -> DueEntry? {
        dues.filter { $0.metAt == nil && !$0.waived && $0.due != nil }
            .min { a, b in
                a.due != b.due ? (a.due?.seconds ?? 0) < (b.due?.seconds ?? 0) : a.rule < b.rule
            }
    }
}

/// Orders count results the same way in both stores: most cases first, then by key (UTF-8 bytes).
func sortCounts(_ rows: [(key: String, count: Int)]) -> [(key: String, count: Int)] {
    rows.sorted { a, b in a.count != b.count ? a.count > b.count : a.key.utf8.lexicographicallyPrecedes(b.key.utf8) }
}
