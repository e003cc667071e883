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

/// `search` for a department's people on PostgreSQL: the newest cases they see (`dept = D or dept is null`) whose
/// text holds the query, at most `limit`.
///
/// In one query the planner reads every candidate of a common word from the index of grams, joins them with the
/// cases of the department and sorts them (300–500 ms at 1M for the pool of 2,001, against 9 ms for the city's);
/// walking every case in number order tests ten times as many cases as the department has (a department with a
/// tenth of the cases). Here the department's own cases are walked, newest first, from `cases_dept_num` (its cases
/// and the unclaimed, merged in number order), a window at a time, each tested on its text by number; a word that
/// proves rare (filling the page would take more than `probeBudget` more cases) is handed to the index of grams
/// for the cases older than the window, where few candidates are left. Same answers as the memory store.
extension PostgresTransaction {
    static let deptWindow = 5_000
    static let deptProbeBudget = 40_000

    func newestTexts(holding query: String, limit: Int, dept: String, window: Int = PostgresTransaction.deptWindow,
                     probeBudget: Int = PostgresTransaction.deptProbeBudget) throws -> [(id: EntityID, text: String)] {
        guard limit > 0 else { return [] }
        let own = !store.inTransaction
        if own { try link.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        do {
            let found = try walkDepartment(query, limit, dept, max(1, window), probeBudget)
            if own { try link.query("COMMIT") }
            return found
        } catch {
            if own { _ = try? link.query("ROLLBACK") }
            throw error
        }
    }

    private func walkDepartment(_ query: String, _ limit: Int, _ dept: String, _ window: Int,
                                _ probeBudget: Int) throws -> [(id: EntityID, text: String)] {
        var out: [(id: EntityID, text: String)] = []
        var below = Int64.max
        var walked = 0
        while out.count < limit {
            // The window: the department's (and the unclaimed) newest cases below `below`, each text read by number
            // (a scalar subquery: a lookup for each, whatever the planner estimates; `OFFSET 0` reads it once).
            var b = PostgresBindings()
            b.append(dept)
            b.append(below)
            b.append(Int64(window))
            b.append(query)
            let rows = try link.query("""
                WITH w AS MATERIALIZED (
                    (SELECT num FROM cases WHERE dept = $1 AND num < $2 ORDER BY num DESC LIMIT $3)
                    UNION ALL
                    (SELECT num FROM cases WHERE dept IS NULL AND num < $2 ORDER BY num DESC LIMIT $3)
                    ORDER BY num DESC LIMIT $3)
                SELECT num, CASE WHEN strpos(body, $4) > 0 THEN body END
                FROM (SELECT w.num, (SELECT t.body FROM case_text t WHERE t.num = w.num) AS body FROM w OFFSET 0) x
                ORDER BY num DESC
                """, b).rows
            for row in rows {
                var c = Cells(row)
                let num = try c.next(Int64.self)
                below = num
                if let body = try c.next(String?.self), out.count < limit { out.append((EntityID(.caseFile, Int(num)), body)) }
            }
            walked += rows.count
            if rows.count < window || out.count >= limit { return out }
            // A rare word: the rest from the index of grams, among the older cases (few candidates remain).
            let rate = Double(max(out.count, 1)) / Double(walked)
            if Double(limit - out.count) / rate > Double(probeBudget), let required = SearchGrams.required(query) {
                var r = PostgresBindings()
                r.append(query)
                r.append(required)
                r.append(dept)
                r.append(below)
                r.append(Int64(limit - out.count))
                let rest = try link.query("""
                    SELECT t.num, t.body FROM case_text t
                    WHERE t.num < $4 AND t.grams @> $2::text[] AND strpos(t.body, $1) > 0
                      AND EXISTS (SELECT 1 FROM cases c WHERE c.num = t.num AND (c.dept = $3 OR c.dept IS NULL))
                    ORDER BY t.num DESC LIMIT $5
                    """, r).rows
                for row in rest {
                    var c = Cells(row)
                    let num = try c.next(Int64.self)
                    out.append((EntityID(.caseFile, Int(num)), try c.next(String.self)))
                }
                return out
            }
        }
        return out
    }
}
