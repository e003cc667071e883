import Foundation
import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

/// Every projection table, row by row, after the command path, after `store rebuild` and after a selective
/// recompute (issue 14): the faster rebuild and the recompute of some cases must leave exactly the rows the command
/// path and a full rebuild leave, on every backend, with the real obligations engine.
@Suite("projection tables: commands, rebuild and recompute agree")
struct ProjectionTablesTests {
    /// The shipped calendar (2019–2026), and the same with an invented 2027 (New Year's Day off only).
    static let calendar: WorkCalendar = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/YuqingShell/Resources/calendar.txt")
        do {
            return try WorkCalendar.parse(String(contentsOf: url, encoding: .utf8), file: url.path)
        } catch {
            Issue.record("the shipped calendar does not load: \(error)")
            return .empty
        }
    }()
    static let with2027: WorkCalendar = {
        do {
            return calendar.merging(try WorkCalendar.parse("year 2027 test\n2027-01-01 holiday 元旦 New Year's Day\n", file: "2027"))
        } catch {
            Issue.record("the test year does not load: \(error)")
            return calendar
        }
    }()

    static func projector(_ c: WorkCalendar, _ p: Policy = .mingguang) -> DueProjector {
        DueProjector(engine: ObligationEngine(policy: p, calendar: c))
    }

    static func t(_ month: Int, _ day: Int, _ hour: Int, year: Int = 2026) -> Instant {
        Instant(date: CivilDate(year: year, month: month, day: day) ?? CivilDate(dayNumber: 0), hour: hour)
    }

    /// Cases in every state the tables hold: closed in March (all deadlines met in 2026), claimed on 29 December
    /// (a deadline that needs 2027), collected on 30 December and not claimed, one with two posts and a department.
    func populate(_ s: any Store) throws {
        func t(_ month: Int, _ day: Int, _ hour: Int) -> Instant { Self.t(month, day, hour) }
        let c1 = try collect(s, "三月的帖子 水质", url: "https://a", at: t(3, 2, 9))
        try claim(s, c1, at: t(3, 2, 10))
        try append(s, c1, .verified(summary: "已核实", file: nil), at: t(3, 4, 10))
        try append(s, c1, .closed(note: nil), at: t(3, 5, 10))
        let c2 = try collect(s, "年底的帖子", url: "https://b", at: t(12, 29, 9))
        try claim(s, c2, at: t(12, 29, 10))
        try collect(s, "最后一天", at: t(12, 30, 9), source: .forum)
        let c4 = try collect(s, "六月的帖子", url: "https://c", at: t(6, 1, 9))
        _ = try s.write { tx throws in
            try tx.append(NewEvent(caseID: c4, actor: patrol, effective: t(6, 1, 11), recorded: t(6, 1, 11),
                                   body: .itemAdded(item: item("转帖 ok", url: "https://d"))), expectedVersion: nil)
        }
        try append(s, nil, .departmentSaved(department: Department(code: "water", nameZH: "市水务局",
                                                                   nameEN: "Water Bureau")), at: t(6, 2, 9))
        try claim(s, c4, dept: "water", at: t(6, 2, 10))
    }

    /// Every projection table as sorted row texts, and what search finds (the FTS index is contentless).
    func tables(_ s: any Store) throws -> [String: [String]] {
        let names = ["cases", "dues", "case_urls", "departments", "case_text", "case_extensions", "ids"]
        var out: [String: [String]] = [:]
        switch s {
        case let m as MemoryStore:
            // Snapshot bytes, not descriptions: a case's dictionaries describe in no fixed order.
            out["cases"] = m.cases.map { "\($0.key) \(Data(SnapshotCodec.encode($0.value)).base64EncodedString())" }.sorted()
            out["summaries"] = m.summaries.map { "\($0.key) \($0.value)" }.sorted()
            out["dues"] = m.dues.map { "\($0.key) \($0.value)" }.sorted()
            out["urls"] = m.urls.map { "\($0.key) \($0.value.sorted())" }.sorted()
            out["ids"] = m.ids.map { "\($0.key) \($0.value)" }.sorted()
            out["departments"] = ["\(m.directoryValue)"]
        case let q as SQLiteStore:
            try q.read { r throws in
                guard let tx = r as? SQLiteTransaction else { throw StoreError.misuse("foreign reader") }
                // The index's words per case too (its segments differ: the command path writes many small ones).
                for n in names + ["case_search_docsize"] {
                    out[n] = try Row.fetchAll(tx.db, sql: "SELECT * FROM \(n)").map(\.description).sorted()
                }
            }
        case let p as PostgresStore:
            for n in names {
                out[n] = try p.link.query("SELECT row_to_json(t)::text FROM \(n) t").rows.map { row in
                    var c = Cells(row)
                    return try c.next(String.self)
                }.sorted()
            }
        default:
            Issue.record("unknown store \(type(of: s))")
        }
        out["search"] = try s.read { r throws in
            try ["水质", "帖子", "转帖", "ok", "年底"].map { q in try r.search(q, limit: 10).hits.map(\.summary.id.description).joined(separator: ",") }
        }
        return out
    }

    @Test(arguments: StoreKind.allCases)
    func rebuildLeavesTheRowsOfTheCommandPath(kind: StoreKind) throws {
        let s = try kind.make(projector: Self.projector(Self.with2027))
        try populate(s)
        let commands = try tables(s)
        #expect(commands["dues"]?.isEmpty == false)
        try s.rebuild()
        let rebuilt = try tables(s)
        for (name, rows) in commands { #expect(rebuilt[name] == rows, "\(name)") }
        #expect(try s.verifyChain().isIntact)
    }

    /// The SQLite rebuild folds on two threads in chunks of cases (`pipelined`): chunks of one and two cases cross
    /// every boundary a real store's chunks of a thousand do, and leave the same rows.
    @Test(arguments: [1, 2, 3])
    func rebuildInSmallChunksLeavesTheSameRows(chunk: Int) throws {
        let s = try SQLiteStore(path: temporaryPath(), projector: Self.projector(Self.with2027))
        try populate(s)
        let commands = try tables(s)
        try s.write { tx throws in
            guard let tx = tx as? SQLiteTransaction else { throw StoreError.misuse("foreign transaction") }
            try tx.rebuildProjections(progress: nil, chunk: chunk)
        }
        let rebuilt = try tables(s)
        for (name, rows) in commands { #expect(rebuilt[name] == rows, "\(name)") }
    }

    /// A calendar load recomputes only the cases with a deadline unknown or in the loaded year or later, and the
    /// tables then equal a full rebuild's; the case closed in March is not among them.
    @Test(arguments: StoreKind.allCases)
    func calendarRecomputeEqualsTheFullRebuild(kind: StoreKind) throws {
        let before = Self.projector(Self.calendar)
        let s = try kind.make(projector: before)
        try populate(s)
        let scope = RecomputeScope.calendar(years: [2027])
        let files = try s.read { r throws in try (1...4).compactMap { try r.caseFile(EntityID(.caseFile, $0)) } }
        let expected = files.filter { scope.selects(before.dueEntries(for: $0)) }.map(\.id.number)
        #expect(!expected.contains(1), "the closed case is not selected")
        #expect(expected.contains(2), "the case waiting for 2027 is selected")
        s.projector = Self.projector(Self.with2027)
        let n = try s.recompute(scope)
        #expect(n == expected.count)
        let recomputed = try tables(s)
        try s.rebuild()
        let rebuilt = try tables(s)
        for (name, rows) in rebuilt { #expect(recomputed[name] == rows, "\(name)") }
        #expect(try s.verifyChain().isIntact)
    }

    /// A policy change recomputes every case (met deadlines move too): the same as a rebuild, and it says so.
    @Test(arguments: StoreKind.allCases)
    func policyRecomputeIsTheFullRebuild(kind: StoreKind) throws {
        let s = try kind.make(projector: Self.projector(Self.with2027))
        try populate(s)
        s.projector = Self.projector(Self.with2027, .national)
        #expect(try s.recompute(.all) == 4)
        let recomputed = try tables(s)
        try s.rebuild()
        #expect(try tables(s) == recomputed)
    }

    /// A script's batch as the shell runs one: cases collected at one commit point and worked at the next ones
    /// (claimed, assessed, reported, verified, extended, given a post, answered, closed), a query in the middle of
    /// a batch (which writes the pending cases early) and a command that fails (its savepoint rolls back). The
    /// commit points rewrite only what changed in a stored case (`SQLiteChangedRows.swift`); the tables must then
    /// hold exactly the rows a rebuild writes.
    @Test(arguments: StoreKind.allCases)
    func aScriptsCommitPointsLeaveTheRowsOfARebuild(kind: StoreKind) throws {
        let s = try kind.make(projector: Self.projector(Self.with2027))
        func t(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Instant {
            Instant(seconds: Self.t(month, day, hour).seconds + Int64(minute) * 60)
        }
        struct Failed: Error {}
        var ids: [EntityID] = []
        func act(_ i: Int, _ body: EventBody, at time: Instant, by a: Actor = liaison) throws {
            try s.write { tx throws in
                _ = try tx.append(NewEvent(caseID: ids[i], actor: a, effective: time, recorded: time, body: body),
                                  expectedVersion: nil)
            }
        }
        try s.batch {
            for i in 0..<6 {
                ids.append(try collect(s, "第\(i)个帖子 水质", url: "https://p/\(i)", at: t(3, 2, 9, i),
                                       dept: i % 2 == 0 ? "police" : nil))
            }
            try s.commitPoint()
            for i in 0..<6 { try claim(s, ids[i], at: t(3, 2, 10, i)) }
            try act(0, .assessed(level: .general, historical: false, note: nil), at: t(3, 2, 11))
            try act(1, .assessed(level: .majorSensitive, historical: true, note: "重大"), at: t(3, 2, 11))
            // A query in the batch writes the pending cases before it reads; they are touched again after it.
            _ = try s.write { tx throws in try tx.cases(CaseQuery(now: t(3, 2, 11, 30))) }
            try act(0, .unitReported(text: "已通知"), at: t(3, 2, 12))
            try act(2, .itemAdded(item: item("转帖 新的说法", url: "https://p/extra")), at: t(3, 2, 12), by: patrol)
            let x = try s.write { tx throws in try tx.nextID(.extensionRequest) }
            try act(3, .extensionApplied(ext: x, days: 5, reason: "需要现场核查"), at: t(3, 2, 13))
            try s.commitPoint()
            try act(3, .extensionApproved(ext: x, days: 3, note: nil), at: t(3, 3, 9), by: coordinator)
            try act(0, .verified(summary: "经核实", file: nil), at: t(3, 3, 10))
            try act(0, .responded(channel: "weibo", url: nil, text: "已处理完毕"), at: t(3, 3, 11))
            try act(4, .closed(note: nil), at: t(3, 3, 11), by: coordinator)
            // A failed command leaves nothing: the case it touched is as before.
            do {
                try s.write { tx throws in
                    _ = try tx.append(NewEvent(caseID: ids[5], actor: liaison, effective: t(3, 3, 12),
                                               recorded: t(3, 3, 12), body: .unitReported(text: "撤回")),
                                      expectedVersion: nil)
                    throw Failed()
                }
            } catch is Failed {}
            try s.commitPoint()
            try act(1, .unitReported(text: "已上报"), at: t(3, 4, 9))
            try act(2, .assessed(level: .general, historical: false, note: nil), at: t(3, 4, 9))
        }
        let commands = try tables(s)
        if kind != .memory { #expect(commands["case_extensions"]?.isEmpty == false) }
        try s.rebuild()
        let rebuilt = try tables(s)
        for (name, rows) in rebuilt { #expect(commands[name] == rows, "\(name)") }
        #expect(try s.verifyChain().isIntact)
    }
}
