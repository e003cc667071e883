import Testing
import YuqingCore
@testable import YuqingStore

@Suite("queries: filters, order, limit, counts, dues")
struct QueryTests {
    /// Five cases: C1 claimed by police and assessed high-attention; C2 claimed by gov-office; C3 and C4 unclaimed
    /// (C3's claim overdue at 19 12:00, C4's not); C5 closed.
    func seeded(_ kind: StoreKind) throws -> any Store {
        let s = try kind.make()
        let c1 = try collect(s, "自来水发黄", url: "https://weibo.com/a", at: at(19, 9), source: .weibo)
        let c2 = try collect(s, "道路积水", url: "https://bbs.x.cn/b", at: at(19, 9, 10), source: .forum,
                             category: .suggestion)
        try collect(s, "水价上涨", url: "https://x.cn/c", at: at(19, 10), source: .wechat, category: nil)
        try collect(s, "学校食堂", url: nil, at: at(19, 11, 30), source: .news, category: .hotspot)
        let c5 = try collect(s, "噪音扰民", at: at(18, 9), source: .website)
        try claim(s, c1, dept: "police", at: at(19, 9, 20))
        try claim(s, c2, dept: "gov-office", at: at(19, 9, 40))
        try append(s, c1, .assessed(level: .highAttention, historical: true, note: nil), at: at(19, 10))
        try claim(s, c5, dept: "police", at: at(18, 9, 30))
        try append(s, c5, .verified(summary: "已核实", file: nil), at: at(18, 15))
        try append(s, c5, .closed(note: nil), at: at(18, 16))
        return s
    }

    func ids(_ s: any Store, _ filter: CaseFilter?, order: [(field: CaseField, descending: Bool)] = [],
             limit: Int? = nil, now: Instant = at(19, 12)) throws -> [Int] {
        try s.read { try $0.cases(CaseQuery(filter: filter, order: order, limit: limit, now: now)) }.map(\.id.number)
    }

    @Test(arguments: StoreKind.allCases)
    func filtersCompareStoredCodes(kind: StoreKind) throws {
        let s = try seeded(kind)
        #expect(try ids(s, .compare(.stage, .eq, .text("claimed"))) == [2])
        #expect(try ids(s, .compare(.stage, .eq, .text("已认领"))) == [2])
        #expect(try ids(s, .compare(.dept, .eq, .text("police"))) == [1, 5])
        #expect(try ids(s, .compare(.level, .eq, .text("high-attention"))) == [1])
        #expect(try ids(s, .compare(.dept, .eq, .null)) == [3, 4])
        #expect(try ids(s, .compare(.dept, .ne, .text("police"))) == [2])  // SQL: a missing dept is not "not police"
        #expect(try ids(s, .not(.compare(.dept, .eq, .text("police")))) == [2])
        #expect(try ids(s, .oneOf(.source, [.text("weibo"), .text("论坛")])) == [1, 2])
        #expect(try ids(s, .oneOf(.dept, [.text("gov-office"), .null])) == [2, 3, 4])
        #expect(try ids(s, .oneOf(.dept, [])) == [])
        #expect(try ids(s, .contains(.title, "水")) == [1, 2, 3])
        #expect(try ids(s, .contains(.url, "weibo")) == [1])
        #expect(try ids(s, .and(.contains(.title, "水"), .compare(.stage, .lt, .text("claimed")))) == [3])
        #expect(try ids(s, .compare(.stage, .ge, .text("assessed"))) == [1, 5])
        #expect(try ids(s, .or(.compare(.historical, .eq, .bool(true)), .compare(.category, .eq, .null))) == [1, 3])
        #expect(try ids(s, .compare(.collected, .ge, .time(at(19, 10)))) == [3, 4])
        #expect(try ids(s, .compare(.claimed, .lt, .time(at(19, 0)))) == [5])
        #expect(try ids(s, .compare(.id, .gt, .text("C3"))) == [4, 5])
    }

    @Test(arguments: StoreKind.allCases)
    func overdueIsMeasuredAgainstTheGivenNow(kind: StoreKind) throws {
        let s = try seeded(kind)
        // At 12:00, C3's claim (due 11:00) is overdue; C4's (due 12:30) is not; C5 is closed (waived).
        #expect(try ids(s, .compare(.overdue, .eq, .bool(true)), now: at(19, 12)) == [3])
        #expect(try ids(s, .compare(.overdue, .eq, .bool(true)), now: at(19, 13)) == [3, 4])
        #expect(try ids(s, .compare(.overdue, .eq, .bool(false)), now: at(19, 12)) == [1, 2, 4, 5])
        #expect(try ids(s, .compare(.overdue, .eq, .bool(true)), now: at(31, 0)) == [1, 2, 3, 4])
        let due = try s.read { try $0.openDues(before: at(19, 12, 30), limit: nil) }
        #expect(due.map(\.caseID.number) == [3])
        let soon = try s.read { try $0.openDues(before: at(19, 13), limit: 1) }
        #expect(soon.map(\.caseID.number) == [3])
        let all = try s.read { try $0.openDues(before: at(31, 0), limit: nil) }
        #expect(all.map(\.caseID.number) == [3, 4, 1, 2])
        #expect(all.map(\.rule) == ["claim", "claim", "verify", "verify"])
        let period = try s.read { try $0.dues(from: at(18, 0), to: at(19, 0)) }
        // Only C5's claim (due 18 10:00, met) falls on the 18th; its verification was due on the 23rd.
        #expect(period.map(\.rule) == ["claim"])
        #expect(period.first?.metAt == at(18, 9, 30))
    }

    /// The open deadlines of a scope, chosen in the query, so a limit applies to what the scope holds: a
    /// department's cases and the unclaimed (`overdue` and `due` of a liaison), and what a department answers for
    /// (its `watch` board, which took the city's first entries and then filtered them, and came up empty behind a
    /// backlog of others').
    @Test(arguments: StoreKind.allCases)
    func openDuesOfAScope(kind: StoreKind) throws {
        let s = try seeded(kind)
        let police = try s.read { try $0.openDues(before: at(31, 0), limit: nil, scope: .casesOf("police")) }
        #expect(police.map(\.caseID.number) == [3, 4, 1])
        let answered = try s.read { try $0.openDues(before: at(31, 0), limit: 1, scope: .answeredBy("gov-office")) }
        #expect(answered.map(\.caseID.number) == [2], "behind three entries of others, not cut by the limit")
        #expect(try s.read { try $0.openDues(before: at(31, 0), limit: nil, scope: .answeredBy("water")) }.isEmpty)
        var streamed: [Int] = []
        try s.read { r in
            try r.forEachOpenDue(before: at(31, 0), scope: .casesOf("gov-office")) { streamed.append($0.caseID.number) }
        }
        #expect(streamed == [3, 4, 2])
    }

    @Test(arguments: StoreKind.allCases)
    func orderAndLimit(kind: StoreKind) throws {
        let s = try seeded(kind)
        #expect(try ids(s, nil, order: [(.collected, true)]) == [4, 3, 2, 1, 5])
        #expect(try ids(s, nil, order: [(.collected, true)], limit: 2) == [4, 3])
        // Missing values sort first ascending, last descending; ties by case number.
        #expect(try ids(s, nil, order: [(.dept, false)]) == [3, 4, 2, 1, 5])
        #expect(try ids(s, nil, order: [(.due, false)]) == [5, 3, 4, 1, 2])
        #expect(try ids(s, nil, order: [(.stage, true)]) == [5, 1, 2, 3, 4])
        #expect(try ids(s, nil, order: [(.overdue, true), (.id, true)], now: at(19, 12)) == [3, 5, 4, 2, 1])
        #expect(try ids(s, nil, limit: 0) == [])
    }

    @Test(arguments: StoreKind.allCases)
    func countsGroupByField(kind: StoreKind) throws {
        let s = try seeded(kind)
        func count(_ f: CaseField, _ filter: CaseFilter? = nil, now: Instant = at(19, 12)) throws -> [String] {
            try s.read { try $0.count(by: f, filter: filter, now: now) }.map { "\($0.key)=\($0.count)" }
        }
        #expect(try count(.dept) == ["=2", "police=2", "gov-office=1"])
        #expect(try count(.stage) == ["collected=2", "assessed=1", "claimed=1", "closed=1"])
        #expect(try count(.overdue) == ["false=4", "true=1"])
        #expect(try count(.collected) == ["2019-12-19=4", "2019-12-18=1"])
        #expect(try count(.source, .compare(.dept, .eq, .text("police"))) == ["website=1", "weibo=1"])
        #expect(try count(.historical) == ["false=4", "true=1"])
    }

    @Test(arguments: StoreKind.allCases)
    func badQueriesAreRefusedWithAReason(kind: StoreKind) throws {
        let s = try seeded(kind)
        #expect(throws: StoreError.badQuery("unknown stage: foo")) { try ids(s, .compare(.stage, .lt, .text("foo"))) }
        #expect(throws: StoreError.self) { try ids(s, .compare(.collected, .eq, .text("yesterday"))) }
        #expect(throws: StoreError.self) { try ids(s, .compare(.due, .lt, .null)) }
        #expect(throws: StoreError.self) { try ids(s, .contains(.collected, "1")) }
    }

    /// A value that looks like SQL is only ever a bound parameter.
    @Test
    func valuesAreNeverSpliced() throws {
        let s = try seeded(.sqlite)
        #expect(try ids(s, .compare(.title, .eq, .text("x' OR '1'='1"))) == [])
        #expect(try ids(s, .contains(.title, "%")) == [])
        #expect(try s.read { try $0.eventCount() } == 11)
    }
}
