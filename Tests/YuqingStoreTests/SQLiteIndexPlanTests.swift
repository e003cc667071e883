import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

/// Every index of the SQLite projections is there for a query (docs/performance.md, "Index review"): these plans
/// prove the queries that matter read their index, so an index dropped or changed to save writes at the commit
/// point cannot silently turn a listing, `overdue` or the commit point's own reads into a scan.
@Suite("SQLite queries read their indexes")
struct SQLiteIndexPlanTests {
    static func plan(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> [String] {
        let path = temporaryPath()
        _ = try SQLiteStore(path: path, projector: StubProjector())
        return try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(arguments))
                .map { $0["detail"] as String }
        }
    }

    /// `cases where …` listings, compiled as `SQLiteTransaction.forEachCase` compiles them (in case order). Without
    /// statistics SQLite walks the `num` index for an open-ended range with a `LIMIT`, so the ranges are closed.
    @Test(arguments: [
        (CaseFilter.compare(.stage, .eq, .text("claimed")), "cases_stage_num"),
        (.compare(.dept, .eq, .text("police")), "cases_dept_num"),
        (.compare(.level, .eq, .text("general")), "cases_level_num"),
        (.compare(.source, .eq, .text("weibo")), "cases_source_num"),
        (.compare(.category, .eq, .text("demand")), "cases_category_num"),
        (.and(.compare(.collected, .ge, .time(at(19, 0))), .compare(.collected, .lt, .time(at(20, 0)))), "cases_collected"),
        (.and(.compare(.due, .ge, .time(at(19, 0))), .compare(.due, .lt, .time(at(20, 0)))), "cases_next_due"),
    ])
    func caseFiltersReadTheirIndex(filter: CaseFilter, index: String) throws {
        var compiler = SQLFilterCompiler(now: at(19, 12))
        let sql = "SELECT \(SQLiteTransaction.summaryColumns) FROM cases WHERE \(try compiler.compile(filter)) "
            + "ORDER BY num ASC"
        let plan = try Self.plan(sql, compiler.arguments)
        #expect(plan.contains { $0.contains("INDEX \(index) ") }, "\(plan)")
    }

    /// `overdue`, `due`, the start-up board and `watch`, for the city, for a department's cases and for what a
    /// department answers for: the due index in deadline order outside (each entry's case by its key inside), so a
    /// page stops early — no sort of the department's entries, no walk of its cases.
    @Test(arguments: [DueScope.city, .casesOf("police"), .answeredBy("police")])
    func openDeadlinesReadTheDueIndexInOrder(scope: DueScope) throws {
        let (sql, arguments) = SQLiteTransaction.openDuesQuery(before: at(19, 12), scope: scope)
        let plan = try Self.plan(sql + " LIMIT 51", arguments)
        #expect(plan.first?.contains("dues_open_ordered") == true, "\(plan)")
        if case .casesOf = scope { #expect(plan.contains { $0.contains("SEARCH c USING PRIMARY KEY") }, "\(plan)") }
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    /// `overdue`, `due` and the period's deadlines, and the commit point's reads of a stored case's rows.
    @Test(arguments: [
        ("SELECT case_id FROM dues WHERE met_at IS NULL AND waived = 0 AND due < ? ORDER BY due, num, rule", "dues_open_ordered"),
        ("SELECT case_id FROM dues WHERE due >= ? AND due < ? ORDER BY due, num, rule", "dues_period"),
        ("SELECT rowid, rule FROM dues WHERE case_id = ?", "dues_case"),
        ("SELECT num FROM case_extensions WHERE state = 'pending' ORDER BY num, ext", "case_extensions_pending"),
        ("SELECT title FROM cases WHERE id = ?", "PRIMARY KEY"),
    ])
    func projectionReadsUseTheirIndex(sql: String, index: String) throws {
        let marks = sql.filter { $0 == "?" }.count
        let plan = try Self.plan(sql, Array(repeating: 0, count: marks))
        #expect(plan.contains { $0.contains(index) }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }
}
