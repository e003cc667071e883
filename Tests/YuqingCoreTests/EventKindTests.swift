import Foundation
import Testing
@testable import YuqingCore

/// `EventKind` names each event the way it is stored: the verb column and the hashed form hold these exact words,
/// so they must never change.
struct EventKindTests {
    /// The verbs stored since the first release, then those added later (part of every event's hash).
    static let stored = [
        "collected", "itemAdded", "metricsUpdated", "claimed", "assigned", "assessed", "unitReported", "verified",
        "extensionApplied", "extensionApproved", "extensionRejected", "escalated", "instructed", "instructionUndertaken",
        "instructionSupervised", "instructionCompleted", "responseDrafted", "responseReviewed", "responded", "followed",
        "linked", "guidanceArranged", "closed", "meetingOpened", "meetingAttended", "agendaChanged", "remarked",
        "riskJudged", "decided", "meetingClosed", "meetingJoined", "meetingLeft", "departmentSaved", "patrolled", "denied", "calendarLoaded", "policyChanged",
        "liaised",
        // Operators and trust (issue 10).
        "personSaved", "clockSimulated",
    ]

    @Test func theStoredVerbsAreUnchanged() {
        #expect(EventKind.allCases.map(\.rawValue) == Self.stored)
    }

    @Test func theSamplesCoverEveryKind() {
        #expect(EventSamples.all.map(\.kind) == EventKind.allCases)
    }

    /// The kind of a body is the key its payload is encoded under (the case name), which is what was stored before.
    @Test(arguments: EventSamples.all)
    func theKindIsTheEncodedCaseName(_ body: EventBody) throws {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(body)) as? [String: Any]
        #expect(json?.keys.sorted() == [body.kind.rawValue])
        #expect(body.verb == body.kind.rawValue)
    }

    @Test func drillActionsAndTheDailyLogNameKinds() {
        #expect(ExpectedAction.meeting.eventKinds == [.meetingOpened, .agendaChanged])
        #expect(DailyLogKind.eventKinds.contains(.assigned))
    }
}

/// One renderer of events serves the case timeline, the drill timeline and the drill report.
struct EventTextTests {
    static let text = EventText(departmentNames: ["water": Localized(zh: "市水务局", en: "Water Bureau")])

    @Test(arguments: EventSamples.all)
    func everyKindSaysSomethingInBothLanguages(_ body: EventBody) {
        let l = Self.text.describe(body)
        #expect(!l.zh.isEmpty && !l.en.isEmpty)
        #expect(l.zh != l.en)
    }

    @Test func departmentsAreNamedAndUnknownCodesShownAsWritten() {
        #expect(Self.text.describe(.claimed(dept: "water")) == Localized(zh: "市水务局认领", en: "claimed by Water Bureau"))
        #expect(Self.text.describe(.claimed(dept: "police")) == Localized(zh: "police认领", en: "claimed by police"))
    }

    /// In a timeline of several cases each line says which case it is about.
    @Test func anEventOfACaseNamesTheCase() {
        let e = Event(seq: 1, caseID: EventSamples.c7, subject: nil, actor: Actor(name: "李敏", role: .liaison, dept: "water"),
                      effective: EventSamples.t, recorded: EventSamples.t, body: .claimed(dept: "water"), prevHash: "", hash: "")
        #expect(Self.text.describe(e) == Localized(zh: "C7：市水务局认领", en: "C7: claimed by Water Bureau"))
        var meeting = e
        meeting.caseID = nil
        meeting.subject = EventSamples.m2
        meeting.body = .meetingClosed(meeting: EventSamples.m2)
        #expect(Self.text.describe(meeting) == Localized(zh: "M2 结束", en: "M2 closed"))
    }

    @Test func metricsUpdatesListTheCounts() {
        let l = Self.text.describe(.metricsUpdated(item: 2, url: nil, metrics: MetricsUpdate(reposts: 1200, comments: 35)))
        #expect(l == Localized(zh: "第 2 条信息传播数据更新：转发 1200，评论 35", en: "item 2 counts updated: 1200 reposts, 35 comments"))
    }
}
