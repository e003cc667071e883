import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

/// A projector with fixed rules, so store tests do not depend on the policy: a claim is due 1 h after collection
/// (met when claimed), a verification report 5 days after the claim (met when verified); a closed case's open
/// entries are waived.
struct StubProjector: CaseProjector {
    func dueEntries(for c: CaseFile) -> [DueEntry] {
        var out = [DueEntry(caseID: c.id, rule: "claim", due: c.collectedAt.adding(.hours(1)), metAt: c.claimedAt,
                            dept: c.dept ?? c.suggestedDept, waived: c.isClosed && c.claimedAt == nil)]
        if let claimed = c.claimedAt {
            out.append(DueEntry(caseID: c.id, rule: "verify", due: claimed.adding(.days(5)), metAt: c.verifiedAt,
                                dept: c.dept, waived: c.isClosed && c.verifiedAt == nil))
        }
        return out
    }
}

/// The stores every contract test runs against: memory, SQLite, and PostgreSQL when a test server is configured
/// (`YUQING_TEST_PG`, see `TestPostgres`; without it the PostgreSQL cases are skipped with a note).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case memory, sqlite, postgres
    var testDescription: String { rawValue }

    static var allCases: [StoreKind] { TestPostgres.available ? [.memory, .sqlite, .postgres] : [.memory, .sqlite] }
    /// The stores that several processes can share.
    static var shared: [StoreKind] { TestPostgres.available ? [.sqlite, .postgres] : [.sqlite] }

    func make(projector: any CaseProjector = StubProjector()) throws -> any Store {
        switch self {
        case .memory: MemoryStore(projector: projector)
        case .sqlite: try SQLiteStore.temporary(projector: projector)
        case .postgres: try TestPostgres.makeStore(projector: projector)
        }
    }
}

enum Refusal: Error, Equatable {
    case alreadyClaimed
    case planned
}

let patrol = Actor(name: "王敏", role: .patrol, dept: "open-gov")
let liaison = Actor(name: "李强", role: .liaison, dept: "police")
let coordinator = Actor(name: "赵静", role: .coordinator, dept: "open-gov")

/// 2019-12-`day` `hour`:`minute` in Shanghai.
func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Instant {
    Instant(date: CivilDate(year: 2019, month: 12, day: day) ?? CivilDate(dayNumber: 0), hour: hour, minute: minute)
}

func item(_ title: String, url: String?, source: Source = .weibo, category: Category? = .demand) -> Item {
    Item(title: title, url: url, source: source, category: category, excerpt: nil)
}

/// Collects a new case in its own write, as the `collect` verb does.
@discardableResult
func collect(_ store: any Store, _ title: String, url: String? = nil, at t: Instant, source: Source = .weibo,
             category: Category? = .demand, dept: String? = nil) throws -> EntityID {
    try store.write { tx throws in
        let id = try tx.nextID(.caseFile)
        try tx.append(NewEvent(caseID: id, actor: patrol, effective: t, recorded: t,
                               body: .collected(item: item(title, url: url, source: source, category: category),
                                                dept: dept)),
                      expectedVersion: 0)
        return id
    }
}

func claim(_ store: any Store, _ id: EntityID, dept: String = "police", at t: Instant) throws {
    try store.write { tx throws in
        let c = try tx.caseFile(id)
        try tx.append(NewEvent(caseID: id, actor: Actor(name: "李强", role: .liaison, dept: dept), effective: t,
                               recorded: t, body: .claimed(dept: dept)),
                      expectedVersion: c?.version)
    }
}

@discardableResult
func append(_ store: any Store, _ id: EntityID?, _ body: EventBody, at t: Instant, by a: Actor = coordinator,
            subject: EntityID? = nil) throws -> Event {
    try store.write { tx throws in
        try tx.append(NewEvent(caseID: id, subject: subject, actor: a, effective: t, recorded: t, body: body),
                      expectedVersion: nil)
    }
}

func temporaryPath() -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("yuqing-test-\(UUID().uuidString)/store.sqlite").path
}
