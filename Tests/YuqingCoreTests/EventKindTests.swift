import Foundation
import Testing
@testable import YuqingCore

/// `EventKind` names each event the way it is stored: the verb column and the hashed form hold these exact words,
/// so they must never change.
struct EventKindTests {
    /// The verbs stored since the first release (part of every event's hash).
    static let stored = [
        "collected", "itemAdded", "metricsUpdated", "claimed", "assigned", "assessed", "unitReported", "verified",
        "extensionApplied", "extensionApproved", "extensionRejected", "escalated", "instructed", "instructionUndertaken",
        "instructionSupervised", "instructionCompleted", "responseDrafted", "responseReviewed", "responded", "followed",
        "linked", "guidanceArranged", "closed", "meetingOpened", "meetingAttended", "agendaChanged", "remarked",
        "riskJudged", "decided", "meetingClosed", "departmentSaved", "patrolled", "denied", "calendarLoaded", "policyChanged",
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
