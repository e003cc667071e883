import Foundation
import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

/// SQLite's full-text index (`case_search`, contentless FTS5) is what `search` and `text ~` look cases up in. An
/// entry deleted from it hid the case from every search, and `audit verify` said the store was intact (it checked the
/// text in `case_text`, not the index). A missing, extra or resized entry is now reported with its case, and `store
/// rebuild` repairs it — as PostgreSQL's search words (`case_text.grams`) were already checked.
@Suite("audit verify: the SQLite search index")
struct SearchIndexAuditTests {
    struct Tampered {
        let store: SQLiteStore
        let queue: DatabaseQueue
        func sql(_ s: String, _ args: StatementArguments = []) throws { try queue.write { try $0.execute(sql: s, arguments: args) } }
        func text(_ n: Int) throws -> String {
            try queue.read { try String.fetchOne($0, sql: "SELECT body FROM case_text WHERE num = ?", arguments: [n]) } ?? ""
        }
        func findings() throws -> [String] { try StoreAudit.verify(store).findings.map(\.message.en) }
    }

    static func tampered() throws -> Tampered {
        let s = try TamperTests.anchored(.sqlite)
        let store = try #require(s.store as? SQLiteStore)
        #expect(try StoreAudit.verify(store).isIntact)
        return Tampered(store: store, queue: try DatabaseQueue(path: store.path ?? ""))
    }

    /// The case can no longer be found, and the report says which and how to repair it.
    @Test func aDeletedEntryIsFound() throws {
        let t = try Self.tampered()
        #expect(try t.store.read { try $0.cases(CaseQuery(filter: .contains(.text, "案件2"), now: at(19, 12))) }.count == 1)
        try t.sql("INSERT INTO case_search(case_search, rowid, grams) VALUES ('delete', 2, ?)", [SearchGrams.document(try t.text(2))])
        #expect(try t.store.read { try $0.cases(CaseQuery(filter: .contains(.text, "案件2"), now: at(19, 12))) }.isEmpty)
        let found = try t.findings()
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.contains("case C2's projection does not match its events") == true, "\(found)")
        #expect(found.first?.contains("full-text index (case_search): the case's entry is missing") == true, "\(found)")
        #expect(found.first?.contains("store rebuild") == true)
        #expect(try StoreAudit.verify(t.store).findings.first?.message.zh.contains("全文索引（case_search）：缺少这个案件的条目") == true)
        try t.store.rebuild()
        #expect(try StoreAudit.verify(t.store).isIntact)
        #expect(try t.store.read { try $0.cases(CaseQuery(filter: .contains(.text, "案件2"), now: at(19, 12))) }.count == 1)
    }

    @Test func anEmptiedIndexIsFound() throws {
        let t = try Self.tampered()
        try t.sql("INSERT INTO case_search(case_search) VALUES ('delete-all')")
        let found = try t.findings()
        #expect(found.count == 4, "\(found)")
        for n in 1...4 { #expect(found.contains { $0.contains("case C\(n)'s projection") && $0.contains("entry is missing") }) }
        try t.store.rebuild()
        #expect(try StoreAudit.verify(t.store).isIntact)
    }

    /// An entry replaced by another text's words, and one added under a case the log does not hold.
    @Test func alteredAndExtraEntriesAreFound() throws {
        let t = try Self.tampered()
        try t.sql("INSERT INTO case_search(case_search, rowid, grams) VALUES ('delete', 3, ?)", [SearchGrams.document(try t.text(3))])
        try t.sql("INSERT INTO case_search(rowid, grams) VALUES (3, ?)", [SearchGrams.document("毫不相干")])
        try t.sql("INSERT INTO case_search(rowid, grams) VALUES (99, ?)", [SearchGrams.document("水质")])
        let found = try t.findings()
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.contains("case C3's projection") && $0.contains("the entry holds 4 words, 10 expected") }, "\(found)")
        #expect(found.contains { $0.contains("the full-text index (case_search) holds an entry under C99, a case the log does not hold") }, "\(found)")
        try t.store.rebuild()
        #expect(try StoreAudit.verify(t.store).isIntact)
    }

    /// Words outside the plain ASCII and CJK ranges are counted by FTS5's own tokenizer, so an untouched store with
    /// such texts passes (no false alarm), and a deleted entry among them is still found.
    @Test func textsBeyondCJKAndASCIIAreCountedAsFTS5CountsThem() throws {
        let store = try SQLiteStore.temporary(projector: StubProjector())
        for title in ["Café résumé – naïve", "Ελληνικά κείμενα", "𠀀𠀁 ext-B 㐀㐁", "ＦＵＬＬ　ｗｉｄｔｈ ①②", "emoji 🙂 mixed 水质"] {
            try collect(store, title, at: at(19, 9))
        }
        let clean = try StoreAudit.verify(store)
        #expect(clean.isIntact, "\(clean.findings.map(\.message.en))")
        let queue = try DatabaseQueue(path: store.path ?? "")
        let text = try queue.read { try String.fetchOne($0, sql: "SELECT body FROM case_text WHERE num = 2") } ?? ""
        try queue.write { try $0.execute(sql: "INSERT INTO case_search(case_search, rowid, grams) VALUES ('delete', 2, ?)",
                                         arguments: [SearchGrams.document(text)]) }
        #expect(try StoreAudit.verify(store).findings.map(\.message.en).contains { $0.contains("C2") && $0.contains("entry is missing") })
    }
}
