import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

/// Full-text search (`text ~`, `title ~`, `search`): two-character Chinese words are found, every backend gives the
/// same answers in the same order, and the index follows the cases through events, savepoints, rebuilds and copies.
@Suite("full-text search")
struct SearchTests {
    /// Six cases whose texts hold 水质 in the title, in an excerpt, in a later item, in a unit report, or not at all.
    func populate(_ s: any Store) throws {
        func collected(_ title: String, excerpt: String? = nil, url: String? = nil, _ t: Instant) throws -> EntityID {
            try s.write { tx in
                let id = try tx.nextID(.caseFile)
                try tx.append(NewEvent(caseID: id, actor: patrol, effective: t, recorded: t,
                                       body: .collected(item: Item(title: title, url: url, source: .weibo,
                                                                   category: .demand, excerpt: excerpt), dept: nil)),
                              expectedVersion: 0)
                return id
            }
        }
        _ = try collected("网传某小区自来水水质发黄", excerpt: "居民称水质差，水质检测未公开", at(19, 9))  // C1
        _ = try collected("小区停水三天", excerpt: "物业称管道检修，水质无碍", at(19, 9, 1))                // C2
        let c3 = try collected("夜间施工噪音扰民", at(19, 9, 2))                                          // C3
        _ = try collected("Water quality: 水质 report", excerpt: "WATER water", at(19, 9, 3))          // C4
        let c5 = try collected("某路段积水", at(19, 9, 4))                                              // C5
        _ = try collected("无关：道路拥堵", excerpt: "早高峰", at(19, 9, 5))                               // C6
        _ = try s.write { tx in
            try tx.append(NewEvent(caseID: c3, actor: patrol, effective: at(19, 10), recorded: at(19, 10),
                                   body: .itemAdded(item: Item(title: "施工用水污染水质？", url: nil, source: .forum,
                                                               category: nil, excerpt: nil))), expectedVersion: 1)
        }
        try claim(s, c5, at: at(19, 10))
        try append(s, c5, .unitReported(text: "已报送：积水系排水管堵塞，与水质无关"), at: at(19, 11), by: liaison)
    }

    func ids(_ xs: [Int]) -> [EntityID] { xs.map { EntityID(.caseFile, $0) } }

    func found(_ s: any Store, _ q: String) throws -> [EntityID] {
        try s.read { try $0.search(q, limit: 50).hits.map(\.summary.id) }
    }

    func filtered(_ s: any Store, _ f: CaseFilter) throws -> [EntityID] {
        try s.read { try $0.cases(CaseQuery(filter: f, now: at(19, 12))).map(\.id) }
    }

    @Test(arguments: StoreKind.allCases)
    func twoCharacterWordsAreFoundAndRanked(kind: StoreKind) throws {
        let s = try kind.make()
        try populate(s)
        // In the title first (C1 three times, C4 once), then by occurrences elsewhere, newest first.
        #expect(try found(s, "水质") == ids([1, 4, 5, 3, 2]))
        #expect(try filtered(s, .contains(.text, "水质")) == ids([1, 2, 3, 4, 5]))
        #expect(try filtered(s, .contains(.title, "水质")) == ids([1, 4]))
        #expect(try found(s, "噪音") == ids([3]))
        #expect(try found(s, "水质检测") == ids([1]))
        // One character: any text holding it.
        #expect(try found(s, "拥").isEmpty == false)
        #expect(try filtered(s, .contains(.text, "堵")) == ids([5, 6]))
        // As written: case-sensitive, like `title ~`.
        #expect(try filtered(s, .contains(.text, "WATER")) == ids([4]))
        #expect(try filtered(s, .contains(.text, "ater")) == ids([4]))
        #expect(try filtered(s, .contains(.title, "water")).isEmpty)
        // Punctuation alone has no grams: the text is scanned.
        #expect(try filtered(s, .contains(.text, "：")) == ids([5, 6]))
        #expect(try filtered(s, .contains(.text, "？")) == ids([3]))
        // Words split by punctuation in the query still match only where the query occurs as written.
        #expect(try found(s, "水质？").isEmpty == false)
        #expect(try filtered(s, .contains(.text, "污染水质？")) == ids([3]))
        #expect(try found(s, "没有这个词").isEmpty)
        // Combined with other conditions and negated.
        #expect(try filtered(s, .and(.contains(.text, "水质"), .compare(.stage, .eq, .text("reported")))) == ids([5]))
        #expect(try filtered(s, .not(.contains(.text, "水质"))) == ids([6]))
        #expect(try filtered(s, .or(.contains(.title, "噪音"), .contains(.title, "拥堵"))) == ids([3, 6]))
    }

    @Test
    func everyBackendGivesTheSameAnswers() throws {
        var answers: [[[EntityID]]] = []
        for kind in StoreKind.allCases {
            let s = try kind.make()
            try populate(s)
            answers.append(try ["水质", "水", "质", "检测", "水质检测", "water", "r", "：", "与水质无关"].map { q in
                try found(s, q) + [EntityID(.meeting, 1)] + filtered(s, .contains(.text, q))
                    + [EntityID(.meeting, 2)] + filtered(s, .contains(.title, q))
            })
        }
        #expect(answers.dropFirst().allSatisfy { $0 == answers[0] }, "\(answers)")
    }

    /// A listing in case order with `text ~`/`title ~` is read from the index in case order (SQLite stops it at the
    /// limit): the same cases, in the same order, as every other backend, ascending and descending, limited, and
    /// with the other terms of the filter (on either side of the searched term, or- and not-terms among them).
    @Test
    func listingsInCaseOrderGiveTheSameAnswersOnEveryBackend() throws {
        let filters: [CaseFilter] = [
            .contains(.text, "水质"), .contains(.title, "水质"), .contains(.text, "水"),
            .and(.compare(.stage, .eq, .text("reported")), .contains(.text, "水质")),
            .and(.contains(.text, "水质"), .not(.contains(.title, "水质"))),
            .and(.contains(.title, "小区"), .or(.contains(.text, "检测"), .contains(.text, "管道"))),
            .and(.and(.contains(.text, "水质"), .contains(.text, "施工")), .compare(.stage, .ne, .text("closed"))),
            .and(.contains(.text, "：无关"), .contains(.text, "水质")),
        ]
        var answers: [[[EntityID]]] = []
        for kind in StoreKind.allCases {
            let s = try kind.make()
            try populate(s)
            var got: [[EntityID]] = []
            for f in filters {
                for order in [[], [(field: CaseField.id, descending: false)], [(field: CaseField.id, descending: true)]] {
                    for limit in [nil, 1, 2] as [Int?] {
                        got.append(try s.read { try $0.cases(CaseQuery(filter: f, order: order, limit: limit,
                                                                       now: at(19, 12))).map(\.id) })
                    }
                }
            }
            answers.append(got)
        }
        #expect(answers.dropFirst().allSatisfy { $0 == answers[0] }, "\(answers)")
        // Spot checks of the expected answers (the first backend: memory).
        #expect(answers[0][0] == ids([1, 2, 3, 4, 5]))
        #expect(answers[0][8] == ids([5, 4]))
        #expect(answers[0][9 + 1] == ids([1]))
        #expect(answers[0][27] == ids([5]))
    }

    /// On PostgreSQL such a page walks the cases in number order a window at a time, and asks the index for the
    /// rest when the word proves rare (`casesInSearchOrder`). With windows of a few cases, every way the walk can
    /// go — a common word filled within the first window, over several growing windows, a word handed to the index
    /// after a window (always, with a candidate costing nothing), a word in no case, a store walked to its end —
    /// gives the memory store's page, row for row, ascending and descending, with other terms.
    @Test(.enabled(if: TestPostgres.available, TestPostgres.note))
    func postgresPagesWalkedInCaseOrderEqualTheMemoryStores() throws {
        let pg = try StoreKind.postgres.make()
        let memory = try StoreKind.memory.make()
        for s in [pg, memory] {
            for n in 1...40 {
                // 水质 in one title of three and in the excerpt of one case of five; 噪音 only in C37's title.
                let title = n == 37 ? "夜间施工噪音\(n)" : (n % 3 == 0 ? "自来水水质\(n)" : "道路\(n)")
                let excerpt: String? = n % 5 == 0 ? "居民担心水质" : nil
                try s.write { tx in
                    let id = try tx.nextID(.caseFile)
                    try tx.append(NewEvent(caseID: id, actor: patrol, effective: at(19, 9, n), recorded: at(19, 9, n),
                                           body: .collected(item: Item(title: title, url: nil, source: .weibo,
                                                                       category: .demand, excerpt: excerpt), dept: nil)),
                                  expectedVersion: 0)
                }
                if n % 4 == 0 { try claim(s, EntityID(.caseFile, n), at: at(19, 10, n)) }
            }
        }
        let filters: [CaseFilter] = [
            .contains(.title, "水质"), .contains(.text, "水质"), .contains(.title, "噪音"), .contains(.text, "没有的词"),
            .and(.compare(.stage, .eq, .text("claimed")), .contains(.text, "水质")),
            .and(.contains(.text, "水质"), .not(.contains(.title, "水质"))),
        ]
        let orders: [[(field: CaseField, descending: Bool)]] = [[], [(.id, false)], [(.id, true)]]
        var walked = 0
        for f in filters {
            for order in orders {
                for limit in [1, 3, 7, 50] {
                    let q = CaseQuery(filter: f, order: order, limit: limit, now: at(19, 12))
                    let expected = try memory.read { try $0.cases(q).map(\.id) }
                    for (window, cost) in [(2, 1), (1, 0), (3, 1_000), (500, 2)] as [(Int64, Int64)] {
                        let got = try pg.read { r -> [EntityID]? in
                            let tx = try #require(r as? PostgresTransaction)
                            return try tx.casesInSearchOrder(q, firstWindow: window, candidateCost: cost)?.map(\.id)
                        }
                        #expect(got == expected, "\(f) \(order) limit \(limit) window \(window) cost \(cost)")
                        walked += 1
                    }
                    #expect(try pg.read { try $0.cases(q).map(\.id) } == expected)
                }
            }
        }
        #expect(walked == filters.count * orders.count * 4 * 4)
        // Not a page in case order: the one-query plan answers.
        let byTitle = CaseQuery(filter: .contains(.title, "水质"), order: [(.title, false)], limit: 3, now: at(19, 12))
        let unlimited = CaseQuery(filter: .contains(.title, "水质"), now: at(19, 12))
        for q in [byTitle, unlimited] {
            #expect(try pg.read { r in try #require(r as? PostgresTransaction).casesInSearchOrder(q) } == nil)
        }
    }

    /// A department's `search` on PostgreSQL walks the department's cases (and the unclaimed) newest first, a window
    /// at a time, and hands a rare word to the index of grams (`newestTexts(holding:limit:dept:)`). With windows of
    /// a few cases and budgets that force every way — filled in the first window, over several, handed to the index
    /// after a window, a word in no case, walked to the end — it gives the memory store's cases and texts.
    @Test(.enabled(if: TestPostgres.available, TestPostgres.note))
    func postgresDepartmentSearchWalkEqualsTheMemoryStores() throws {
        let pg = try StoreKind.postgres.make()
        let memory = try StoreKind.memory.make()
        for s in [pg, memory] {
            for n in 1...40 {
                let title = n == 37 ? "夜间施工噪音\(n)" : (n % 3 == 0 ? "自来水水质\(n)" : "道路\(n)")
                try s.write { tx in
                    let id = try tx.nextID(.caseFile)
                    try tx.append(NewEvent(caseID: id, actor: patrol, effective: at(19, 9, n), recorded: at(19, 9, n),
                                           body: .collected(item: Item(title: title, url: nil, source: .weibo,
                                                                       category: .demand, excerpt: nil), dept: nil)),
                                  expectedVersion: 0)
                }
                // One case in four the police's (`claim`), the rest unclaimed or the water bureau's.
                if n % 4 == 0 { try claim(s, EntityID(.caseFile, n), at: at(19, 10, n)) }
                if n % 4 == 1 { try claim(s, EntityID(.caseFile, n), dept: "water", at: at(19, 10, n)) }
            }
        }
        var tried = 0
        for query in ["水质", "噪音", "没有的词", "道路"] {
            for dept in ["police", "water", "nobody"] {
                for limit in [1, 3, 7, 50] {
                    let expected = try memory.read { try $0.newestTexts(holding: query, limit: limit, visibleTo: dept) }
                    for (window, budget) in [(2, 0), (2, 1_000), (1, 3), (5_000, 40_000)] {
                        let got = try pg.read { r -> [(id: EntityID, text: String)] in
                            let tx = try #require(r as? PostgresTransaction)
                            return try tx.newestTexts(holding: query, limit: limit, dept: dept, window: window, probeBudget: budget)
                        }
                        #expect(got.map(\.id) == expected.map(\.id), "\(query) \(dept) limit \(limit) window \(window) budget \(budget)")
                        #expect(got.map(\.text) == expected.map(\.text))
                        tried += 1
                    }
                }
            }
        }
        #expect(tried == 4 * 3 * 4 * 4)
    }

    /// On SQLite such a listing walks the index in case order and never sorts: a `LIMIT` ends it after a page,
    /// whatever the number of cases holding the word.
    @Test(arguments: [false, true])
    func sqliteListingsReadTheIndexInCaseOrder(descending: Bool) throws {
        var compiler = SQLFilterCompiler(now: at(19, 12))
        let f = CaseFilter.and(.compare(.stage, .ne, .text("closed")), .contains(.text, "水质"))
        let sql = try #require(try compiler.drivenBySearch(f, columns: SQLiteTransaction.summaryColumns,
                                                          descending: descending))
        let path = temporaryPath()
        _ = try SQLiteStore(path: path, projector: StubProjector())
        let plan = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql + " LIMIT 1",
                             arguments: StatementArguments(compiler.arguments)).map { $0["detail"] as String }
        }
        #expect(plan.first?.hasPrefix("SCAN case_search") == true, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        var noSearch = SQLFilterCompiler(now: at(19, 12))
        #expect(try noSearch.drivenBySearch(.contains(.text, "："), columns: "id", descending: false) == nil)
        #expect(try noSearch.drivenBySearch(.or(.contains(.text, "水质"), .contains(.title, "水")), columns: "id",
                                            descending: false) == nil)
    }

    /// `search` ranks the newest matches it reads (the pool) and says whether that was all of them.
    @Test(arguments: StoreKind.allCases)
    func searchRanksTheNewestMatches(kind: StoreKind) throws {
        let s = try kind.make()
        try populate(s)
        let all = try s.read { try $0.search("水质", limit: 50, pool: 5) }
        #expect(all.complete && all.ranked == 5)
        #expect(all.hits.map(\.summary.id) == ids([1, 4, 5, 3, 2]))
        // The newest two hold it (C5 outside its title, C4 in its title): ranked among themselves, and said so.
        let newest = try s.read { try $0.search("水质", limit: 50, pool: 2) }
        #expect(!newest.complete && newest.ranked == 2)
        #expect(newest.hits.map(\.summary.id) == ids([4, 5]))
        let page = try s.read { try $0.search("水质", limit: 1, pool: 5) }
        #expect(page.hits.map(\.summary.id) == ids([1]) && page.complete)
        #expect(page.hits.first?.text.hasPrefix("网传某小区自来水水质发黄") == true)
    }

    @Test(arguments: StoreKind.allCases)
    func textAndOnlyTextIsSearchable(kind: StoreKind) throws {
        let s = try kind.make()
        try populate(s)
        #expect(throws: StoreError.self) { try filtered(s, .compare(.text, .eq, .text("水质"))) }
        #expect(throws: StoreError.self) { try filtered(s, .oneOf(.text, [.text("水质")])) }
    }

    /// A failed command in a script (a savepoint rolled back) leaves the index as it was, and a later command of
    /// the same transaction finds what an earlier one wrote.
    @Test(arguments: StoreKind.allCases)
    func theIndexFollowsSavepointsInABatch(kind: StoreKind) throws {
        let s = try kind.make()
        struct Planned: Error {}
        try s.batch {
            try populate(s)
            #expect(try found(s, "噪音") == ids([3]))
            #expect(throws: Planned.self) {
                try s.write { tx in
                    try tx.append(NewEvent(caseID: EntityID(.caseFile, 6), actor: patrol, effective: at(19, 11),
                                           recorded: at(19, 11),
                                           body: .itemAdded(item: item("又有噪音", url: nil))), expectedVersion: nil)
                    #expect(try tx.search("噪音", limit: 9).hits.map(\.summary.id) == ids([3, 6]))
                    throw Planned()
                }
            }
            #expect(try found(s, "噪音") == ids([3]))
            try s.commitPoint()
            try append(s, EntityID(.caseFile, 6), .itemAdded(item: item("又有噪音", url: nil)), at: at(19, 11))
            #expect(try found(s, "噪音") == ids([3, 6]))
        }
        #expect(try found(s, "噪音") == ids([3, 6]))
        try s.rebuild()
        #expect(try found(s, "噪音") == ids([3, 6]))
    }

    /// The shortcut for CJK Unified Ideographs says what the Unicode table says of every one of them (the grams, and
    /// so every index already built, stay the same).
    @Test
    func ideographShortcutAgreesWithTheTable() {
        for v in UInt32(0x4DF0)...UInt32(0xA010) {
            guard let u = Unicode.Scalar(v) else { continue }
            let table: Bool = switch u.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
                 .letterNumber, .otherNumber: true
            default: false
            }
            #expect(SearchGrams.isTokenCharacter(u) == table, "U+\(String(v, radix: 16))")
        }
    }

    /// The document FTS5 indexes for a text, byte for byte: every index already built holds these grams, so the
    /// grams of a text can never change without `SearchGrams.version` (a run's pairs and its last character alone;
    /// letters of any script and digits make runs, everything else separates them, an emoji included).
    @Test(arguments: [
        ("污水处理", "污水 水处 处理 理"),
        ("疑似河道水质异常，有网友拍到死鱼。", "疑似 似河 河道 道水 水质 质异 异常 常 有网 网友 友拍 拍到 到死 死鱼 鱼"),
        ("ab c", "ab b c"),
        ("Ab12", "Ab b1 12 2"),
        ("é水😀x", "é水 水 x"),
        ("，。 ", ""),
        ("", ""),
        ("水", "水"),
    ])
    func aTextsDocumentIsItsGrams(text: String, document: String) {
        #expect(SearchGrams.document(text) == document)
        #expect(Array(SearchGrams.document(text).utf8) == Array(document.utf8))
    }

    /// The index is a projection: lost or damaged behind yuqing's back, a rebuild brings it back.
    @Test
    func rebuildRestoresADamagedIndex() throws {
        let path = temporaryPath()
        let s = try SQLiteStore(path: path, projector: StubProjector())
        try populate(s)
        let before = try found(s, "水质")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO case_search(case_search) VALUES ('delete-all'); DELETE FROM case_text")
        }
        #expect(try found(s, "水质").isEmpty)
        try s.rebuild()
        #expect(try found(s, "水质") == before)
    }

    /// The rebuild builds the index in a database of its own and copies FTS5's tables in (`SideSearchIndex`): FTS5's
    /// own check passes, and the connection that made the copy goes on using the index — finding what was there,
    /// adding and replacing entries — with the check passing again and a fresh connection agreeing. Chunks of one
    /// case cross every boundary of the hand-over.
    @Test(arguments: [1, 1_000])
    func aRebuiltIndexPassesFTS5sCheckAndTakesWrites(chunk: Int) throws {
        let path = temporaryPath()
        let s = try SQLiteStore(path: path, projector: StubProjector())
        try populate(s)
        let before = try found(s, "水质")
        func integrityCheck() throws {
            try s.write { tx in
                try (tx as! SQLiteTransaction).db.execute(sql: "INSERT INTO case_search(case_search, rank) VALUES ('integrity-check', 1)")
            }
        }
        try s.write { tx in try (tx as! SQLiteTransaction).rebuildProjections(progress: nil, chunk: chunk) }
        try integrityCheck()
        #expect(try found(s, "水质") == before)
        #expect(try found(s, "噪音") == ids([3]))
        let c7 = try collect(s, "水质监测点数据异常", at: at(19, 12))
        try append(s, EntityID(.caseFile, 6), .itemAdded(item: Item(title: "拥堵路段水质", url: nil, source: .forum,
                                                                    category: nil, excerpt: nil)), at: at(19, 12, 1))
        try integrityCheck()
        let after = try found(s, "水质")
        #expect(Set(after) == Set(before + [c7, EntityID(.caseFile, 6)]))
        #expect(try found(SQLiteStore(path: path, projector: StubProjector()), "水质") == after)
        #expect(try s.read { try ($0 as! SQLiteTransaction).searchIndexEntries(unless: 7) } == nil)
    }

    /// A store made before the index existed gets it when first opened.
    @Test
    func anOlderStoreIsIndexedWhenOpened() throws {
        let path = temporaryPath()
        let s = try SQLiteStore(path: path, projector: StubProjector())
        try populate(s)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO case_search(case_search) VALUES ('delete-all'); DELETE FROM case_text;
                DELETE FROM case_extensions; INSERT INTO meta(key, value) VALUES ('projections.stale', 'test')
                """)
        }
        let reopened = try SQLiteStore(path: path, projector: StubProjector())
        #expect(try found(reopened, "水质") == ids([1, 4, 5, 3, 2]))
        #expect(try reopened.read { try $0.meta("projections.stale") } == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func extensionsAreIndexed(kind: StoreKind) throws {
        let s = try kind.make()
        try populate(s)
        let c5 = EntityID(.caseFile, 5), c1 = EntityID(.caseFile, 1)
        try claim(s, c1, at: at(19, 10))
        let (x1, x2) = try s.write { tx in (try tx.nextID(.extensionRequest), try tx.nextID(.extensionRequest)) }
        try append(s, c5, .extensionApplied(ext: x1, days: 5, reason: "需要现场勘查"), at: at(20, 9), by: liaison,
                   subject: x1)
        try append(s, c1, .extensionApplied(ext: x2, days: 3, reason: "等待检测"), at: at(20, 10), by: liaison,
                   subject: x2)
        func pending() throws -> [EntityID] { try s.read { try $0.extensionRequests(all: false).map(\.id) } }
        #expect(try pending() == [x2, x1])
        try append(s, c5, .extensionApproved(ext: x1, days: 4, note: nil), at: at(20, 11), subject: x1)
        #expect(try pending() == [x2])
        let all = try s.read { try $0.extensionRequests(all: true) }
        #expect(all.map(\.id) == [x2, x1])
        #expect(all.map(\.state) == [.pending, .approved])
        #expect(all.map(\.approvedDays) == [nil, 4])
        #expect(all.map(\.dept) == ["police", "police"])
        #expect(all.map(\.reason) == ["等待检测", "需要现场勘查"])
        try append(s, c1, .extensionRejected(ext: x2, reason: "理由不足"), at: at(20, 12), subject: x2)
        #expect(try pending().isEmpty)
        let before = try s.read { try $0.extensionRequests(all: true) }
        try s.rebuild()
        #expect(try s.read { try $0.extensionRequests(all: true) } == before)
    }
}
