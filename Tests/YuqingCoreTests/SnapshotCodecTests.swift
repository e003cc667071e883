import Testing
@testable import YuqingCore

/// The compact snapshot must carry every field of a case: a field it drops makes the stored snapshot differ from
/// the case's fold, and `audit verify` then reports an untouched case as edited (as happened with the fields that
/// operators brought: who applied for an extension, who drafted).
@Suite struct SnapshotCodecTests {
    static func t(_ s: Int64) -> Instant { Instant(seconds: 1_700_000_000 + s) }

    /// A case with every field set to something other than its default, so that each is written and read.
    static func everyFieldSet() -> CaseFile {
        var c = CaseFile(id: EntityID(.caseFile, 7), collectedAt: t(0))
        c.version = 12
        c.items = [Item(title: "水质 \u{1B}", url: "https://x.cn/1", source: .weibo, category: .demand, excerpt: "摘",
                        metrics: Metrics(reposts: 3, comments: 4, views: 5), author: "网友"),
                   Item(title: "二", url: nil, source: .forum, category: nil, excerpt: nil)]
        c.dept = "police"
        c.suggestedDept = "water"
        c.stage = .following
        c.level = .majorSensitive
        c.historical = true
        c.designated = true
        c.collectedBy = "陈晓"
        c.claimedAt = t(1)
        c.assessedAt = t(2)
        c.assessNote = "研判"
        c.majorSensitiveAt = t(3)
        c.majorSensitiveUntil = t(3)
        c.unitReportAt = t(4)
        c.unitReport = "报告"
        c.verifiedAt = t(5)
        c.verification = "核实"
        c.verificationFile = "f.pdf"
        var x1 = ExtensionRecord(id: EntityID(.extensionRequest, 1), appliedAt: t(6), days: 5, reason: "核实中",
                                 dept: "police", decision: .approved(at: t(7), days: 3))
        x1.appliedBy = "李娜"
        x1.appliedOperator = "lina"
        let x2 = ExtensionRecord(id: EntityID(.extensionRequest, 2), appliedAt: t(8), days: 2, reason: "再",
                                 dept: nil, decision: .rejected(at: t(9), reason: "不准"))
        c.extensions = [x1, x2]
        c.escalatedAt = t(10)
        c.liaisedAt = t(11)
        c.instructions = [InstructionRecord(id: EntityID(.instruction, 1), leader: "刘", text: "批示", issuedAt: t(12),
                                            due: t(13), undertakenBy: "police", undertakenAt: t(14),
                                            supervision: [Note(at: t(15), by: "王", text: "督办")], completedAt: t(16))]
        c.draft = "口径"
        c.draftAt = t(17)
        c.draftBy = "李娜"
        c.draftOperator = "lina"
        c.reviewApprovedAt = t(18)
        c.reviewRejectedAt = t(19)
        c.responses = [ResponseRecord(channel: "weibo", url: "https://x.cn/r", text: "回应", at: t(20))]
        c.follows = [Note(at: t(21), by: "王", text: "跟踪")]
        c.reopenedAt = t(22)
        c.earlierClosings = [t(23), t(24)]
        c.links = [CaseLink(other: EntityID(.caseFile, 3), kind: .recurrence, newer: true, at: t(25))]
        c.risk = RiskNote(nature: "性质", trend: .rising, impact: .high, risks: "风险", suggest: "建议", at: t(26),
                          meeting: EntityID(.meeting, 2))
        c.decisions = [DecisionRecord(action: "escalate", text: "上报", at: t(27), meeting: EntityID(.meeting, 2))]
        c.guidanceAt = t(28)
        c.closedAt = t(29)
        c.meetings = [EntityID(.meeting, 2)]
        c.lastEventAt = t(30)
        c.milestoneSeqs = ["claimed": 4, "collected": 1]
        return c
    }

    /// Fails when `CaseFile` gains a field this test does not set: set it above, and write it in `SnapshotCodec`.
    @Test func theTestCaseSetsEveryField() {
        let defaults = CaseFile(id: EntityID(.caseFile, 7), collectedAt: Self.t(0))
        let full = Mirror(reflecting: Self.everyFieldSet()).children
        let plain = Array(Mirror(reflecting: defaults).children)
        for (i, field) in full.enumerated() where !["id", "collectedAt"].contains(field.label ?? "") {
            #expect(String(describing: field.value) != String(describing: plain[i].value),
                    "CaseFile.\(field.label ?? "?") is left at its default in the test case")
        }
    }

    @Test func everyFieldRoundTrips() throws {
        let c = Self.everyFieldSet()
        let decoded = try #require(SnapshotCodec.decode(SnapshotCodec.encode(c)))
        #expect(decoded == c)
        #expect(decoded.extensions.map(\.appliedOperator) == ["lina", nil])
    }

    /// Snapshots written by older versions still read, without the fields they lacked (the audit then reports such
    /// a case until `store rebuild`); a cut snapshot is refused.
    @Test func olderVersionsRead() throws {
        var c = Self.everyFieldSet()
        c.extensions = []
        c.liaisedAt = nil
        c.draftBy = nil
        c.draftOperator = nil
        c.earlierClosings = nil
        c.majorSensitiveUntil = nil
        let v4 = SnapshotCodec.encode(c)
        var v3 = Array(v4.dropLast(1))                          // no majorSensitiveUntil (an absent optional)
        v3[0] = 3
        #expect(SnapshotCodec.decode(v3) == c)
        var v2 = Array(v4.dropLast(6))                          // no extensions' appliers, four absent optionals
        v2[0] = 2
        #expect(SnapshotCodec.decode(v2) == c)
        #expect(SnapshotCodec.decode(Array(v4.dropLast())) == nil)
    }
}
