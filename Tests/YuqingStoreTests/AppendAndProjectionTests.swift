import Testing
import YuqingCore
@testable import YuqingStore

@Suite("append, fold and projection")
struct AppendAndProjectionTests {
    @Test(arguments: StoreKind.allCases)
    func collectThenClaimFoldsAndProjects(kind: StoreKind) throws {
        let store = try kind.make()
        let id = try collect(store, "某小区自来水发黄", url: "https://weibo.com/1", at: at(19, 9), dept: "police")
        #expect(id == EntityID(.caseFile, 1))
        try claim(store, id, at: at(19, 9, 30))

        try store.read { r throws in
            let c = try #require(try r.caseFile(id))
            #expect(c.version == 2)
            #expect(c.stage == .claimed)
            #expect(c.dept == "police")
            #expect(c.claimedAt == at(19, 9, 30))
            #expect(try r.caseID(forURL: "https://weibo.com/1") == id)
            #expect(try r.caseID(forURL: "https://weibo.com/2") == nil)
            #expect(try r.lastNumber(.caseFile) == 1)
            #expect(try r.lastSeq() == 2)
            #expect(try r.eventCount() == 2)

            let events = try r.events(forCase: id)
            #expect(events.map(\.seq) == [1, 2])
            #expect(events[0].prevHash == EventHashing.genesis)
            #expect(events[1].prevHash == events[0].hash)
            #expect(events[0].hash.count == 64)
            #expect(CaseFile.fold(events) == c)

            let listed = try r.cases(ids: [id, EntityID(.caseFile, 99)])
            #expect(listed.count == 1)
            // The claim is met; the verification report (5 days after the claim) is next.
            #expect(listed.first?.nextDue == at(24, 9, 30))
            #expect(listed.first?.nextDueRule == "verify")
            #expect(try r.openDues(before: at(31, 0), limit: nil).map(\.rule) == ["verify"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func eventsWithoutCaseAreChainedAndDepartmentsProjected(kind: StoreKind) throws {
        let store = try kind.make()
        let water = Department(code: "water", nameZH: "市水务局", nameEN: "Water Bureau", keywords: ["自来水"])
        try append(store, nil, .departmentSaved(department: water), at: at(18, 8), by: Actor(name: "admin", role: .admin, dept: nil))
        try append(store, nil, .patrolled(dept: "open-gov", note: "微博、微信"), at: at(19, 9), by: patrol)
        try append(store, nil, .patrolled(dept: "police", note: nil), at: at(20, 9), by: liaison)
        try store.read { r throws in
            #expect(try r.directory().find("市水务局")?.code == "water")
            #expect(try r.directory().find("police") != nil)
            #expect(try r.lastSeq() == 3)
            let patrols = try r.events(kinds: [.patrolled], from: at(19, 0), to: at(20, 0))
            #expect(patrols.map(\.seq) == [2])
            let page = try r.events(from: 2, limit: 5)
            #expect(page.map(\.seq) == [2, 3])
            #expect(page[0].prevHash == (try r.events(from: 1, limit: 1)).first?.hash)
        }
    }

    /// `forEachEvent` hands over what `events(kinds:from:to:)` lists, in log order, across PostgreSQL's pages
    /// (`PostgresTransaction.eventPage`): `report monthly` counts a month's steps with it instead of listing them.
    @Test(arguments: StoreKind.allCases)
    func eventsOfSomeKindsStreamInLogOrder(kind: StoreKind) throws {
        let store = try kind.make()
        try store.batch {
            for n in 0..<(PostgresTransaction.eventPage + 5) {
                try append(store, nil, .patrolled(dept: n % 2 == 0 ? "police" : "open-gov", note: nil),
                           at: at(19, 9, n % 60), by: n % 2 == 0 ? liaison : patrol)
                if n % 500 == 0 {
                    try append(store, nil, .patrolled(dept: "police", note: "窗口外"), at: at(20, 9), by: liaison)
                }
            }
        }
        try store.read { r throws in
            let listed = try r.events(kinds: [.patrolled], from: at(19, 0), to: at(20, 0))
            var streamed: [Int64] = []
            try r.forEachEvent(kinds: [.patrolled], from: at(19, 0), to: at(20, 0)) { streamed.append($0.seq) }
            #expect(listed.count == PostgresTransaction.eventPage + 5)
            #expect(streamed == listed.map(\.seq))
            #expect(streamed == streamed.sorted())
            var none = 0
            try r.forEachEvent(kinds: [.collected], from: at(19, 0), to: at(20, 0)) { _ in none += 1 }
            #expect(none == 0)
        }
    }

    @Test
    func bothStoresChainIdenticalHashes() throws {
        let stores: [any Store] = [MemoryStore(projector: StubProjector()),
                                   try SQLiteStore(inMemoryWith: StubProjector())]
        var hashes: [[String]] = []
        for s in stores {
            let id = try collect(s, "路灯不亮", url: "https://bbs.example.cn/t/9", at: at(19, 20), source: .forum)
            try claim(s, id, dept: "gov-office", at: at(19, 21))
            try append(s, id, .assessed(level: .highAttention, historical: false, note: "关注度高"), at: at(19, 22))
            hashes.append(try s.read { r in try r.events(from: 1, limit: 10).map(\.hash) })
        }
        #expect(hashes[0].count == 3)
        #expect(hashes[0] == hashes[1])
    }

    @Test(arguments: StoreKind.allCases)
    func eventsForUnknownCaseOrSecondCollectAreRefused(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(throws: StoreError.unknownCase(EntityID(.caseFile, 5))) {
            try claim(store, EntityID(.caseFile, 5), at: at(19, 9))
        }
        let id = try collect(store, "a", at: at(19, 9))
        #expect(throws: StoreError.self) {
            try store.write { tx throws in
                try tx.append(NewEvent(caseID: id, actor: patrol, effective: at(19, 10), recorded: at(19, 10),
                                       body: .collected(item: item("b", url: nil), dept: nil)), expectedVersion: nil)
            }
        }
        #expect(try store.read { try $0.eventCount() } == 1)
    }

    @Test
    func sqliteStorePersistsAcrossReopen() throws {
        let path = temporaryPath()
        do {
            let s = try SQLiteStore(path: path, projector: StubProjector())
            let id = try collect(s, "噪音扰民", url: "https://x.cn/1", at: at(19, 9))
            try claim(s, id, at: at(19, 10))
            try s.write { tx in try tx.setMeta("profile", "mingguang") }
        }
        let again = try SQLiteStore(path: path, projector: StubProjector())
        try again.read { r throws in
            #expect(try r.caseFile(EntityID(.caseFile, 1))?.stage == .claimed)
            #expect(try r.meta("profile") == "mingguang")
            #expect(try r.lastNumber(.caseFile) == 1)
        }
        #expect(try again.verifyChain().isIntact)
    }
}

@Suite("event encoding")
struct EventEncodingTests {
    /// The append path reads the verb from the payload's top-level key; it must agree with `EventBody.verb`.
    @Test(arguments: [
        EventBody.collected(item: item("t", url: "https://x.cn/a"), dept: nil), .claimed(dept: "police"),
        .closed(note: nil), .guidanceArranged(note: "网评引导"), .linked(to: EntityID(.caseFile, 2), kind: .duplicate, newer: true),
        .meetingOpened(meeting: EntityID(.meeting, 1), topic: "会商", cases: [], place: nil),
        .departmentSaved(department: Department(code: "water", nameZH: "市水务局", nameEN: "Water")),
    ])
    func verbFromPayloadMatchesTheBody(body: EventBody) throws {
        let payload = try EventHashing.payload(body)
        #expect(EventHashing.verb(of: body, payload: payload) == body.verb)
        #expect(try EventHashing.body(fromPayload: payload, seq: 1) == body)
    }
}
