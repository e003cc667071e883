/// What the daily opinion log (舆情日志) lists: the steps of the day that Art. 5–9 ask to be recorded.
public enum DailyLogKind: String, CaseIterable, Sendable, Hashable {
    case collected, claimed, designated, unitReported = "unit-reported", verified, responded

    /// The kinds of event to read for the log.
    public static let eventKinds: [EventKind] = [.collected, .claimed, .assigned, .unitReported, .verified, .responded]

    public var name: Localized {
        switch self {
        case .collected: Localized(zh: "收集", en: "collected")
        case .claimed: Localized(zh: "认领", en: "claimed")
        case .designated: Localized(zh: "指定认领", en: "designated")
        case .unitReported: Localized(zh: "报送本单位领导", en: "reported to unit leaders")
        case .verified: Localized(zh: "核实调查报告", en: "verification report")
        case .responded: Localized(zh: "回应发布", en: "response published")
        }
    }
}

/// One line of the daily log.
public struct DailyLogEntry: Sendable, Hashable {
    public var seq: Int64
    public var caseID: EntityID
    public var at: Instant
    public var kind: DailyLogKind
    /// The department the step counts for: the claiming or assigned department, else the actor's.
    public var dept: String?
    public var actor: String
    /// The post title for a collection, the channel for a response, else empty.
    public var detail: String
}

public enum DailyLog {
    /// The log line of one event, if it is a step of the log: a daily log lists them in event order, a monthly
    /// report counts them. Events of trainers (drills) are left out: drill data never enters supervision.
    public static func entry(_ e: Event) -> DailyLogEntry? {
        guard let id = e.caseID, e.actor.role != .trainer else { return nil }
        let kind: DailyLogKind
        var dept = e.actor.dept
        var detail = ""
        switch e.body {
        case let .collected(item, suggested):
            kind = .collected
            detail = item.title
            if dept == nil { dept = suggested }
        case let .claimed(d):
            kind = .claimed
            dept = d
        case let .assigned(d, designated, _):
            kind = designated ? .designated : .claimed
            dept = d
        case .unitReported: kind = .unitReported
        case .verified: kind = .verified
        case let .responded(channel, _, _):
            kind = .responded
            detail = channel
        default: return nil
        }
        return DailyLogEntry(seq: e.seq, caseID: id, at: e.effective, kind: kind, dept: dept, actor: e.actor.name,
                             detail: detail)
    }
}
