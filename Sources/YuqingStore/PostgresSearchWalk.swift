import PostgresNIO
import YuqingCore

/// A page of `cases where title ~ Q` (or `text ~ Q`) in case order on PostgreSQL.
///
/// The GIN index of grams cannot hand back its matches in case order, and whether the planner then walks the cases
/// in order or reads every candidate, joins and sorts them depends on its estimate of the word's frequency, which
/// is poor for arrays (a three-character word, two grams: 865 estimated, 14,286 found; 112 ms on the server for a
/// page at 100k, ten times that at 1M). SQLite's FTS5 reads its matches in rowid order and stops at the page
/// (`SQLFilterCompiler.drivenBySearch`). Here the plan does not depend on the planner: the cases are walked in
/// number order, a window of numbers at a time, testing each case's text as it comes (the primary-key order, no
/// index of grams, no sort), and the walk stops when the page is full. The walk measures the word's frequency as
/// it goes: when walking on for the rest of the page would cost more than reading the index's candidates among the
/// cases not walked yet (a rare word has few), the rest of the page is asked of the index. The windows and the
/// rest partition the case numbers in order, so the answers are those of the one-query plan, row for row.
extension PostgresTransaction {
    /// The first window of case numbers walked: a page of a common word comes from it, and a rare word has cost
    /// little (about 2 ms at 100k) before it is handed to the index.
    static let firstWindow: Int64 = 500
    /// What reading one candidate from the index costs, in cases walked: its row is fetched in the bitmap's
    /// order, joined with its case and sorted (measured at 100k: 7.8 µs a candidate, 3.4 µs a case walked).
    static let candidateCost: Int64 = 2

    /// The page, or nil when the query is not a limited listing in case order with a searched term (the caller's
    /// one-query plan then answers). `firstWindow` and `candidateCost` are parameters for the tests' small stores.
    func casesInSearchOrder(_ query: CaseQuery, firstWindow: Int64 = PostgresTransaction.firstWindow,
                            candidateCost: Int64 = PostgresTransaction.candidateCost) throws -> [CaseSummary]? {
        guard let limit = query.limit, limit > 0, let filter = query.filter,
              let (field, needle, rest) = SQLFilterCompiler.searchTerm(of: filter) else { return nil }
        let descending: Bool
        if query.order.isEmpty {
            descending = false
        } else if query.order.count == 1, query.order[0].field == .id {
            descending = query.order[0].descending
        } else {
            return nil
        }
        // One snapshot for every statement of the walk, as the one-query plan had (a write transaction already
        // gives one).
        let own = !store.inTransaction
        if own { try link.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        do {
            let page = try walk(query, limit, filter, (field, needle, rest), descending, firstWindow, candidateCost)
            if own { try link.query("COMMIT") }
            return page
        } catch {
            if own { _ = try? link.query("ROLLBACK") }
            throw error
        }
    }

    private func walk(_ query: CaseQuery, _ limit: Int, _ filter: CaseFilter,
                      _ term: (field: CaseField, needle: String, rest: [CaseFilter]), _ descending: Bool,
                      _ firstWindow: Int64, _ candidateCost: Int64) throws -> [CaseSummary] {
        let (field, needle, rest) = term
        guard let row = try link.query("SELECT min(num), max(num) FROM cases").rows.first else { return [] }
        var bounds = Cells(row)
        guard let low = try bounds.next(Int64?.self), let high = try bounds.next(Int64?.self) else { return [] }

        var out: [CaseSummary] = []
        // The next number to walk from (inclusive), towards `high` (ascending) or `low` (descending).
        var next = descending ? high : low
        var walked: Int64 = 0
        var window = firstWindow
        func done() -> Bool { descending ? next < low : next > high }
        while out.count < limit, !done() {
            let (from, to) = descending ? (next - window + 1, next) : (next, next + window - 1)
            var compiler = SQLFilterCompiler(now: query.now, dialect: .postgres)
            var sql = "SELECT \(Self.summaryColumns) FROM cases WHERE num BETWEEN "
                + compiler.bind(.int(from)) + " AND " + compiler.bind(.int(to))
            sql += " AND " + compiler.containsTextWithoutIndex(field, needle)
            for term in rest { sql += " AND " + (try compiler.compile(term)) }
            sql += " ORDER BY num " + (descending ? "DESC" : "ASC")
            sql += " LIMIT " + compiler.bind(.int(Int64(limit - out.count)))
            out += try page(sql, compiler)
            walked += window
            next = descending ? from - 1 : to + 1
            if out.count >= limit || done() { break }
            // The word's frequency so far: the cases still to walk for the rest of the page at that rate, against
            // the candidates the index would read among the cases not walked yet.
            // (In floating point: a limit may be any whole number.)
            guard !out.isEmpty else { break }
            let rate = Double(out.count) / Double(walked)
            let expected = Double(limit - out.count) / rate
            let unwalked = Double(descending ? next - low + 1 : high - next + 1)
            guard expected <= Double(candidateCost) * rate * unwalked else { break }
            window = max(firstWindow, Int64(min(expected * 1.25, unwalked)))
        }
        guard out.count < limit, !done() else { return out }
        // The rest of the page from the index: its candidates among the cases not walked, gathered once (an
        // InitPlan over the GIN index) and looked up by number, so the plan is bounded by the candidates whatever
        // the planner estimates (given a range and a LIMIT, it once walked every case in order for a word that
        // never came: 437 ms at 100k).
        var compiler = SQLFilterCompiler(now: query.now, dialect: .postgres)
        let notWalked = (descending ? "num <= " : "num >= ") + compiler.bind(.int(next))
        var sql = "SELECT \(Self.summaryColumns) FROM cases WHERE "
        if let grams = SearchGrams.required(needle) {
            sql += "num = ANY(ARRAY(SELECT num FROM case_text WHERE grams @> " + compiler.bind(.texts(grams))
                + " AND " + notWalked + "))"
            sql += " AND " + compiler.containsTextWithoutIndex(field, needle)
            for term in rest { sql += " AND " + (try compiler.compile(term)) }
        } else {
            sql += notWalked + " AND " + (try compiler.compile(filter))
        }
        sql += " ORDER BY num " + (descending ? "DESC" : "ASC")
        sql += " LIMIT " + compiler.bind(.int(Int64(limit - out.count)))
        return out + (try page(sql, compiler))
    }

    private func page(_ sql: String, _ compiler: SQLFilterCompiler) throws -> [CaseSummary] {
        var b = PostgresBindings()
        compiler.values.forEach { b.add($0) }
        return try link.query(sql, b).rows.map(PostgresTransaction.summary)
    }
}
