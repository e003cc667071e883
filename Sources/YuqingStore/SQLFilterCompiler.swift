import GRDB
import YuqingCore

/// The SQL a store speaks: SQLite's or PostgreSQL's. The filter means the same on both; only spelling differs
/// (placeholders, booleans, substring search, where NULLs sort).
enum SQLDialect {
    case sqlite, postgres
}

/// A value bound to a compiled query: every filter value is a whole number or text (see `FieldKey`).
enum SQLArgument: Hashable, Sendable {
    case int(Int64)
    case text(String)
    /// PostgreSQL only: the grams a searched text must hold (`text[]`).
    case texts([String])
}

/// Compiles a `CaseFilter` to a parameterized SQL condition over the `cases` table. Values are always bound as
/// arguments, never written into the SQL text. The semantics match `CaseFilter.evaluate` (the memory store), on
/// SQLite and on PostgreSQL (whose text columns use the "C" collation, so text compares by bytes as in SQLite).
struct SQLFilterCompiler {
    var now: Instant
    var dialect: SQLDialect
    /// The bound values, in placeholder order.
    var values: [SQLArgument] = []

    init(now: Instant, dialect: SQLDialect = .sqlite) {
        self.now = now
        self.dialect = dialect
    }

    /// The values as GRDB binds them.
    var arguments: [any DatabaseValueConvertible] {
        values.map { v -> any DatabaseValueConvertible in
            switch v {
            case let .int(i): i
            case let .text(t): t
            case let .texts(a): a.joined(separator: " ")
            }
        }
    }

    /// Binds a value and returns its placeholder (`?` in SQLite, `$n` in PostgreSQL).
    mutating func bind(_ v: SQLArgument) -> String {
        values.append(v)
        return dialect == .sqlite ? "?" : "$\(values.count)"
    }

    private mutating func bindKey(_ k: FieldKey) -> String {
        switch k {
        case let .int(i): bind(.int(i))
        case let .text(t): bind(.text(t))
        }
    }

    /// The SQL expression of a field: its column, or the workflow rank for ordering stage and level, or the
    /// overdue test against `now`. Flags and `overdue` are whole numbers 0/1 in both dialects.
    mutating func expression(_ field: CaseField, ordered: Bool) -> String {
        switch field {
        case .stage where ordered:
            let arms = Stage.allCases.map { "WHEN '\($0.rawValue)' THEN \(CaseField.rank(stage: $0))" }
            return "(CASE stage \(arms.joined(separator: " ")) END)"
        case .level where ordered:
            let arms = Level.allCases.map { "WHEN '\($0.rawValue)' THEN \(CaseField.rank(level: $0))" }
            return "(CASE level \(arms.joined(separator: " ")) END)"
        case .overdue:
            let now = bind(.int(now.seconds))
            return dialect == .sqlite ? "(next_due IS NOT NULL AND next_due < \(now))"
                : "(CASE WHEN next_due IS NOT NULL AND next_due < \(now) THEN 1 ELSE 0 END)"
        case .historical where dialect == .postgres, .designated where dialect == .postgres:
            return "(\(field.column)::int)"
        default:
            return field.column
        }
    }

    /// One `ORDER BY` term, with NULLs first ascending and last descending (SQLite's order) in both dialects.
    mutating func orderTerm(_ field: CaseField, descending: Bool) -> String {
        let e = expression(field, ordered: true)
        switch dialect {
        case .sqlite: return e + (descending ? " DESC" : " ASC")
        case .postgres: return e + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST")
        }
    }

    /// `count by`: the group key `k` and count `n` of the cases matching `filter`. Times group by Shanghai date
    /// (shifted by +8 h, then whole days since the epoch).
    mutating func countQuery(by field: CaseField, filter: CaseFilter?) throws -> String {
        var group = expression(field, ordered: false)
        if field.kind == .time { group = "((\(group) + \(Instant.shanghaiOffset)) / 86400)" }
        var sql = "SELECT \(group) AS k, count(*) AS n FROM cases"
        if let filter { sql += " WHERE " + (try compile(filter)) }
        // PostgreSQL groups by the first column's position: its expression holds placeholders that cannot repeat.
        return sql + (dialect == .sqlite ? " GROUP BY k" : " GROUP BY 1")
    }

    mutating func compile(_ f: CaseFilter) throws -> String {
        switch f {
        case let .and(a, b):
            return "(\(try compile(a)) AND \(try compile(b)))"
        case let .or(a, b):
            return "(\(try compile(a)) OR \(try compile(b)))"
        case let .not(a):
            return "(NOT \(try compile(a)))"
        case let .compare(field, op, value):
            if field.kind == .fulltext { throw StoreError.badQuery("text can only be searched: text ~ …") }
            let ordered = op.isOrdering
            let key = try field.key(value, ordered: ordered)
            let expr = expression(field, ordered: ordered)
            guard let key else {
                switch op {
                case .eq: return "(\(expr) IS NULL)"
                case .ne: return "(\(expr) IS NOT NULL)"
                default: throw StoreError.badQuery("\(field.rawValue) \(op.rawValue) null")
                }
            }
            let sqlOp = op == .ne ? "<>" : op.rawValue
            return "(\(expr) \(sqlOp) \(bindKey(key)))"
        case let .contains(field, needle):
            guard field.isSearchable else {
                throw StoreError.badQuery("\(field.rawValue) holds no text to search")
            }
            if field == .text || field == .title { return containsText(field, needle) }
            let column = field == .id ? "id" : field.column
            let p = bind(.text(needle))
            return dialect == .sqlite ? "(instr(\(column), \(p)) > 0)" : "(strpos(\(column), \(p)) > 0)"
        case let .oneOf(field, values):
            if field.kind == .fulltext { throw StoreError.badQuery("text can only be searched: text ~ …") }
            if values.isEmpty { return dialect == .sqlite ? "(0)" : "(false)" }
            var keys: [FieldKey] = []
            var null = false
            for v in values {
                if let k = try field.key(v) { keys.append(k) } else { null = true }
            }
            let expr = expression(field, ordered: false)
            var parts: [String] = []
            if !keys.isEmpty {
                let marks = keys.map { bindKey($0) }
                parts.append("\(expr) IN (\(marks.joined(separator: ", ")))")
            }
            if null {
                // `overdue` binds `now` again for its second use.
                parts.append("\(expression(field, ordered: false)) IS NULL")
            }
            return "(\(parts.joined(separator: " OR ")))"
        }
    }

    /// A `title ~ Q` or `text ~ Q` term that every listed case must satisfy (a term of the filter's top-level
    /// `and`) and whose query has grams: a listing in case order can then be driven by the search index, which
    /// hands back its matches in case order, so the first page costs what a page costs (`drivenBySearch`). The
    /// other terms of the filter, as compiled by `compile`.
    static func searchTerm(of f: CaseFilter) -> (field: CaseField, needle: String, rest: [CaseFilter])? {
        var terms: [CaseFilter] = []
        func flatten(_ f: CaseFilter) {
            if case let .and(a, b) = f {
                flatten(a)
                flatten(b)
            } else {
                terms.append(f)
            }
        }
        flatten(f)
        for (i, t) in terms.enumerated() {
            guard case let .contains(field, needle) = t, field == .title || field == .text,
                  SearchGrams.match(needle) != nil else { continue }
            var rest = terms
            rest.remove(at: i)
            return (field, needle, rest)
        }
        return nil
    }

    /// SQLite: a listing whose filter has a `searchTerm`, in case order (`descending` for newest first), read from
    /// the FTS5 index in its rowid (= case number) order joined with the cases, each candidate checked on its text
    /// as written and against the other terms as it comes, so a `LIMIT` stops the index early. Without a filter
    /// term to drive it, nil. Same answers as `compile` (the index only names candidates; the exact test decides).
    mutating func drivenBySearch(_ f: CaseFilter, columns: String, descending: Bool) throws -> String? {
        guard dialect == .sqlite, let (field, needle, rest) = Self.searchTerm(of: f),
              let match = SearchGrams.match(needle) else { return nil }
        // Placeholders are numbered by their place in the text: bind in the order they are written.
        var sql = "SELECT \(columns) FROM case_search CROSS JOIN cases ON cases.num = case_search.rowid"
        sql += " WHERE case_search MATCH \(bind(.text(match)))"
        if field == .title {
            sql += " AND instr(cases.title, \(bind(.text(needle)))) > 0"
        } else {
            sql += " AND instr((SELECT t.body FROM case_text t WHERE t.num = cases.num), \(bind(.text(needle)))) > 0"
        }
        for term in rest { sql += " AND " + (try compile(term)) }
        return sql + " ORDER BY case_search.rowid " + (descending ? "DESC" : "ASC")
    }

    /// `title ~ Q` or `text ~ Q` tested on each case as it is read, without the search index: for a walk of the
    /// cases in number order (PostgreSQL's `casesInSearchOrder`), where the index would only slow the page down.
    /// The same answers as `containsText`, whose index only names candidates for this exact test.
    mutating func containsTextWithoutIndex(_ field: CaseField, _ needle: String) -> String {
        let find = dialect == .sqlite ? "instr" : "strpos"
        if field == .title { return "(\(find)(title, \(bind(.text(needle)))) > 0)" }
        // A scalar subquery is a lookup by number for each case walked, whatever the planner thinks of the text.
        return "(\(find)((SELECT t.body FROM case_text t WHERE t.num = cases.num), \(bind(.text(needle)))) > 0)"
    }

    /// `text ~ Q` and `title ~ Q` through the search index (`SearchGrams`): the index names the candidates (cases
    /// whose text holds every gram of Q), and the exact test — Q occurs in the text, or in the title, as written —
    /// decides. Without a letter or digit in Q there are no grams, and the text is scanned.
    private mutating func containsText(_ field: CaseField, _ needle: String) -> String {
        // SQLite numbers `?` by their place in the text: values are bound in the order they are written.
        var candidates: String?
        switch dialect {
        case .sqlite:
            if let match = SearchGrams.match(needle) {
                candidates = "SELECT rowid FROM case_search WHERE case_search MATCH \(bind(.text(match)))"
            }
        case .postgres:
            if let grams = SearchGrams.required(needle) {
                candidates = "SELECT num FROM case_text WHERE grams @> \(bind(.texts(grams)))"
            }
        }
        let find = dialect == .sqlite ? "instr" : "strpos"
        if field == .title {
            let inTitle = "\(find)(title, \(bind(.text(needle)))) > 0"
            guard let candidates else { return "(\(inTitle))" }
            return "(num IN (\(candidates)) AND \(inTitle))"
        }
        let inText = "\(find)(t.body, \(bind(.text(needle)))) > 0"
        guard let candidates else { return "(num IN (SELECT t.num FROM case_text t WHERE \(inText)))" }
        return "(num IN (SELECT t.num FROM case_text t WHERE t.num IN (\(candidates)) AND \(inText)))"
    }
}
