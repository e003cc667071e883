import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

/// `audit verify` against edits of the projection tables other than the snapshot and the deadlines: the logging
/// times of the due rows and cases (which answers as of a past time filter on), the case row's listed columns, the
/// extension applications, the post identities, the search text, and rows filed under no case of the log — each
/// made with SQL as an intruder with sqlite3 (or a desk's role with psql, which docs/deploy.md grants UPDATE on
/// these tables) would, each named by case, table, column and values, each repaired by `store rebuild`.
@Suite("audit verify: edited projection tables")
struct ProjectionTamperTests {
    /// The anchored store of `TamperTests` (four cases, C1–C4, each with a post) with an extension application on C1.
    static func store(_ kind: StoreKind) throws -> TamperTests.Anchored {
        let s = try TamperTests.anchored(kind)
        try append(s.store, s.cases[0], .extensionApplied(ext: EntityID(.extensionRequest, 1), days: 5, reason: "需要现场核查"),
                   at: at(20, 15), by: liaison)
        let r = try s.audit()
        #expect(r.isIntact, "\(r.findings)")
        return s
    }

    /// Each edit (statements run in order on one connection), and what the findings must name.
    static let edits: [(sql: [String], names: [String])] = [
        // The logging times: an as-of assessment takes a row whose last_recorded is not after T as known at T.
        (["UPDATE dues SET last_recorded = 0 WHERE case_id = 'C2'"],
         ["case C2's projection", "deadlines table (dues)", "last_recorded stored 1970-01-01 08:00"]),
        (["UPDATE dues SET first_recorded = first_recorded + 86400 WHERE case_id = 'C3' AND rule = 'claim'"],
         ["case C3's projection", "claim: first_recorded stored"]),
        (["UPDATE cases SET first_recorded = 0, last_recorded = 0 WHERE id = 'C1'"],
         ["case C1's projection", "case row (cases)", "first_recorded stored 1970-01-01 08:00", "last_recorded stored 1970-01-01 08:00"]),
        // The listed columns, and the number listings join and order by.
        (["UPDATE cases SET level = 'major-sensitive', num = 40 WHERE id = 'C4'"],
         ["case C4's projection", "case row (cases): num stored 40, expected 4, level stored major-sensitive, expected general"]),
        // Extension applications (what `extensions` lists).
        (["UPDATE case_extensions SET days = 60, state = 'approved', dept = 'gov-office'"],
         ["case C1's projection", "extension applications (case_extensions): 1: dept stored gov-office, expected police, days stored 60, expected 5, state stored approved, expected pending"]),
        (["DELETE FROM case_extensions"], ["case C1's projection", "extension applications (case_extensions): 1: 0 rows stored, 1 expected"]),
        // Post identities: moved to another case, the post re-collected lands there.
        (["UPDATE case_urls SET num = 1, case_id = 'C1' WHERE num = 3"],
         ["case C3's projection", "post identities (case_urls)", "0 rows stored, 1 expected",
          "the post identities (case_urls) holds 2 rows under case C1, 1 of them for none of its posts"]),
        (["DELETE FROM case_urls WHERE num = 2"], ["case C2's projection", "post identities (case_urls)", "0 rows stored, 1 expected"]),
        // The search text: an edit hides a case from `search`.
        (["UPDATE case_text SET body = 'x' WHERE num = 2"], ["case C2's projection", "search text (case_text): body stored x, expected"]),
        (["DELETE FROM case_text WHERE num = 4"], ["case C4's projection", "search text (case_text): 0 rows stored, 1 expected"]),
        // Rows filed under a case the log does not hold (a due row there is listed by `overdue` and counted by `score`).
        (["CREATE TEMP TABLE x AS SELECT * FROM cases WHERE id = 'C4'", "UPDATE x SET id = 'C99', num = 99",
          "INSERT INTO cases SELECT * FROM x", "CREATE TEMP TABLE y AS SELECT * FROM dues WHERE case_id = 'C4'",
          "UPDATE y SET case_id = 'C99', num = 99", "INSERT INTO dues SELECT * FROM y"],
         ["the case row (cases) holds 1 row under C99, a case the log does not hold (the last case is C4",
          "the deadlines table (dues) holds ", " rows under C99, a case the log does not hold"]),
        (["CREATE TEMP TABLE z AS SELECT * FROM case_extensions", "UPDATE z SET num = 0", "INSERT INTO case_extensions SELECT * FROM z"],
         ["the extension applications (case_extensions) holds 1 row under C0, a case the log does not hold"]),
    ]

    @Test(arguments: StoreKind.shared, ProjectionTamperTests.edits.indices)
    func anEditedProjectionRowIsCaught(_ kind: StoreKind, _ edit: Int) throws {
        let s = try Self.store(kind)
        for sql in Self.edits[edit].sql { try s.intrude(sql) }
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(!r.findings.isEmpty && r.findings.allSatisfy { $0.kind == .projection }, "\(r.findings)")
        let messages = r.findings.map(\.message.en).joined(separator: "\n")
        for name in Self.edits[edit].names { #expect(messages.contains(name), "\(name) in \(messages)") }
        #expect(r.findings.allSatisfy { $0.message.en.contains("store rebuild") && $0.message.zh.contains("store rebuild") })
        try s.reopened().rebuild()
        let repaired = try StoreAudit.verify(s.store)
        #expect(repaired.isIntact, "\(repaired.findings)")
    }

    /// PostgreSQL keeps each case's search words (grams) next to its text, and `search` finds a case by them first:
    /// emptied, the case is found by no search although its text is intact.
    @Test func editedSearchWordsAreCaughtOnPostgres() throws {
        guard TestPostgres.available else { return }
        let s = try Self.store(.postgres)
        #expect(try s.store.read { try $0.search("案件2", limit: 5) }.hits.map(\.summary.id) == [s.cases[1]])
        try s.intrude("UPDATE case_text SET grams = '{}' WHERE num = 2")
        #expect(try s.store.read { try $0.search("案件2", limit: 5) }.hits.isEmpty)
        let r = try s.audit()
        #expect(r.findings.map(\.kind) == [.projection])
        #expect(r.findings.first?.message.en.contains("search text (case_text): grams stored {0 grams}") == true, "\(r.findings)")
        try s.rebuild()
        #expect(try StoreAudit.verify(s.store).isIntact)
    }

    /// A memory store keeps the listed columns, the due rows and the post identities beside each fold: an edit of
    /// them (made here on its values, as a bug could) is caught the same way, also under a case past the last.
    @Test func editedMemoryProjectionsAreCaught() throws {
        let s = try Self.store(.memory)
        let store = try #require(s.store as? MemoryStore)
        let identity = PostURL.identity("https://x.cn/3")
        store.urls[identity] = [1]
        var r = try s.audit()
        #expect(r.findings.map(\.message.en).contains { $0.contains("case C3's projection") && $0.contains("post identities (case_urls)") })
        #expect(r.findings.map(\.message.en).contains { $0.contains("holds 2 rows under case C1, 1 of them for none of its posts") }, "\(r.findings)")
        store.urls[identity] = [3]
        #expect(try s.audit().isIntact)
        store.dues[99] = store.dues[4]
        store.summaries[99] = store.summaries[4]
        r = try s.audit()
        let messages = r.findings.map(\.message.en).joined(separator: "\n")
        #expect(messages.contains("rows under C99, a case the log does not hold"), "\(messages)")
        #expect(messages.contains("the case row (cases) holds 1 row under C99"), "\(messages)")
        try store.rebuild()
        #expect(try s.audit().isIntact)
    }
}

extension TamperTests.Anchored {
    /// `store rebuild` on the store itself (the anchor stays).
    func rebuild() throws { try store.rebuild() }
}

/// The stored settings (`meta`) that decide what yuqing computes, against the log: the profile in force (which
/// every start puts in force and recomputes the deadlines under — so, edited alone, the due rows would be recomputed
/// by yuqing itself and agree with it), the score formula, and the digest of the rules the deadlines were computed
/// under. Edited with SQL (or, on a memory store, its values), each is caught.
@Suite("audit verify: edited settings")
struct SettingsTamperTests {
    static func setMeta(_ s: TamperTests.Anchored, _ key: String, _ value: String?) throws {
        if let memory = s.store as? MemoryStore {
            memory.metaValues[key] = value
        } else if let value {
            try s.intrude("INSERT INTO meta(key, value) VALUES (\(TamperTests.q(key)), \(TamperTests.q(value))) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        } else {
            try s.intrude("DELETE FROM meta WHERE key = \(TamperTests.q(key))")
        }
    }

    /// As `policy use` and `score formula` write them: the setting, then the event.
    static func choose(_ s: TamperTests.Anchored, _ key: String, _ value: String?, _ body: EventBody) throws {
        try s.store.write { tx in try tx.setMeta(key, value) }
        try append(s.store, nil, body, at: at(21, 9))
    }

    @Test(arguments: StoreKind.allCases)
    func anEditedProfileIsCaught(_ kind: StoreKind) throws {
        let s = try TamperTests.anchored(kind)
        // No `policy use` in the log: the setting must be absent.
        try Self.setMeta(s, SettingKeys.policy, "national")
        var r = try s.audit()
        #expect(r.findings.map(\.kind) == [.projection])
        #expect(r.findings.first?.message.en.contains("holds policy = national, expected NULL (the log holds no policy use)") == true, "\(r.findings)")
        // A built-in profile chosen and logged; then set back by hand.
        try Self.choose(s, SettingKeys.policy, "national", .policyChanged(name: "national"))
        #expect(try s.audit().isIntact)
        try Self.setMeta(s, SettingKeys.policy, "mingguang")
        r = try s.audit()
        #expect(r.findings.first?.message.en.contains("holds policy = mingguang, expected national (the log's last policy use (event 21))") == true, "\(r.findings)")
        // A profile file: the stored text must have the fingerprint the event records. `policy set` (a session's
        // line) changes nothing stored.
        let text = "policy name local\n"
        try Self.choose(s, SettingKeys.policy, "file:" + text, .policyChanged(name: "local", fingerprint: SHA256Text.hex(text), source: "local.yq"))
        try append(s.store, nil, .policyChanged(name: "local", fingerprint: nil, source: "policy claim limit 2h"), at: at(21, 10))
        #expect(try s.audit().isIntact)
        try Self.setMeta(s, SettingKeys.policy, "file:" + text + "policy claim limit 200h\n")
        r = try s.audit()
        #expect(r.findings.map(\.kind) == [.projection])
        #expect(r.findings.first?.message.en.contains("expected file: … (sha256 \(SHA256Text.hex(text).prefix(12))) (the log's last policy use (event 22))") == true, "\(r.findings)")
    }

    @Test(arguments: StoreKind.allCases)
    func anEditedScoreFormulaIsCaught(_ kind: StoreKind) throws {
        let s = try TamperTests.anchored(kind)
        try Self.setMeta(s, SettingKeys.scoreFormula, "claim-late 0\n")
        #expect(try s.audit().findings.first?.message.en.contains("the log holds no score formula") == true)
        try Self.choose(s, SettingKeys.scoreFormula, "claim-late 1\n",
                        .policyChanged(name: SettingKeys.scoreFormula, fingerprint: SHA256Text.hex("claim-late 1\n")))
        #expect(try s.audit().isIntact)
        try Self.setMeta(s, SettingKeys.scoreFormula, "claim-late 0\n")
        #expect(try s.audit().findings.first?.message.en.contains("not what the log's last score formula (event 21) stored") == true)
        // Reset: the event records the digest of no text, and the setting is gone.
        try Self.choose(s, SettingKeys.scoreFormula, nil, .policyChanged(name: SettingKeys.scoreFormula, fingerprint: SHA256Text.hex("")))
        #expect(try s.audit().isIntact)
        try Self.setMeta(s, SettingKeys.scoreFormula, "claim-late 0\n")
        #expect(try s.audit().findings.map(\.kind) == [.projection])
    }

    /// The digest of the rules the deadlines were computed under decides whether a start recomputes them: absent
    /// under the default profile, else the digest of the rules in force.
    @Test(arguments: StoreKind.allCases)
    func anEditedRulesDigestIsCaught(_ kind: StoreKind) throws {
        let store = try kind.make(projector: ProjectionTablesTests.projector(ProjectionTablesTests.calendar))
        let s = TamperTests.Anchored(kind: kind, store: store, witness: "", intrude: { _ in }, cases: [])
        #expect(try s.audit().isIntact)
        try store.write { tx in try tx.setMeta(SettingKeys.rulesDigest, Policy.mingguang.deadlineDigest) }
        #expect(try s.audit().isIntact)
        try store.write { tx in try tx.setMeta(SettingKeys.rulesDigest, Policy.national.deadlineDigest) }
        let r = try s.audit()
        #expect(r.findings.map(\.kind) == [.projection])
        #expect(r.findings.first?.message.en.contains("holds projections.rules = \(Policy.national.deadlineDigest.prefix(12))") == true, "\(r.findings)")
    }
}
