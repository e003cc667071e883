/// The kind of an event, one per case of `EventBody`, named exactly as the case: the name is the verb stored (and
/// hashed) with the event, so a kind is never renamed. Code that picks events by kind (`events(kinds:)`, the daily
/// log, a drill's expected actions) names them here, so a typo is a compile error rather than an empty result.
public enum EventKind: String, CaseIterable, Sendable, Hashable {
    // The case workflow.
    case collected, itemAdded, metricsUpdated, claimed, assigned, assessed, unitReported, verified
    case extensionApplied, extensionApproved, extensionRejected, escalated
    case instructed, instructionUndertaken, instructionSupervised, instructionCompleted
    case responseDrafted, responseReviewed, responded, followed, linked, guidanceArranged, closed
    // Joint consultation meetings.
    case meetingOpened, meetingAttended, agendaChanged, remarked, riskJudged, decided, meetingClosed
    case meetingJoined, meetingLeft
    // The directory, supervision and administration.
    case departmentSaved, patrolled, denied, calendarLoaded, policyChanged
    // Added later, so listed last: `allCases` keeps the order of the first release.
    case liaised
    // Operators and trust.
    case personSaved, clockSimulated
}
