@testable import YuqingCore

/// One event body of every kind, for tests that must cover them all (a test checks that they do).
enum EventSamples {
    static let c7 = EntityID(.caseFile, 7)
    static let m2 = EntityID(.meeting, 2)
    static let x1 = EntityID(.extensionRequest, 1)
    static let l1 = EntityID(.instruction, 1)
    static let t = Instant(date: CivilDate(year: 2019, month: 12, day: 19)!, hour: 9)
    static let item = Item(title: "网传自来水发黄", url: "https://weibo.com/1", source: .weibo, category: .demand, excerpt: nil)

    static let all: [EventBody] = [
        .collected(item: item, dept: "water"), .itemAdded(item: item),
        .metricsUpdated(item: 1, url: nil, metrics: MetricsUpdate(reposts: 5)), .claimed(dept: "water"),
        .assigned(dept: "water", designated: true, note: nil), .assessed(level: .highAttention, historical: true, note: "热议"),
        .unitReported(text: "已报"), .verified(summary: "水质达标", file: nil),
        .extensionApplied(ext: x1, days: 3, reason: "检测"), .extensionApproved(ext: x1, days: 3, note: nil),
        .extensionRejected(ext: x1, reason: "理由不足"), .escalated(note: nil),
        .instructed(instruction: l1, leader: "李市长", text: "尽快核实", due: nil),
        .instructionUndertaken(instruction: l1, dept: "water", note: nil), .instructionSupervised(instruction: l1, note: "催办"),
        .instructionCompleted(instruction: l1, note: nil), .responseDrafted(text: "通报", channel: nil),
        .responseReviewed(approved: false, note: "补充"), .responded(channel: "weibo", url: nil, text: "通报"),
        .followed(note: "平稳"), .linked(to: c7, kind: .recurrence, newer: true), .guidanceArranged(note: nil),
        .closed(note: nil), .meetingOpened(meeting: m2, topic: "水质", cases: [c7], place: nil),
        .meetingAttended(meeting: m2, depts: ["water", "police"]), .agendaChanged(meeting: m2, caseID: c7, added: true),
        .remarked(meeting: m2, text: "先核实"),
        .riskJudged(meeting: m2, nature: "民生", trend: .rising, impact: .high, risks: nil, suggest: nil),
        .decided(meeting: m2, action: "escalate", text: nil), .meetingClosed(meeting: m2),
        .meetingJoined(meeting: m2), .meetingLeft(meeting: m2),
        .departmentSaved(department: Department(code: "water", nameZH: "市水务局", nameEN: "Water Bureau")),
        .patrolled(dept: "water", note: nil), .denied(verb: "claim", reason: "may not"),
        .calendarLoaded(years: [2027], source: "2027.txt"), .policyChanged(name: "national"),
        .liaised(note: "已与网宣办核实"),
        .personSaved(person: Person(name: "李敏", role: .liaison, dept: "water", login: "limin")),
        .clockSimulated(to: Instant(seconds: 1_577_000_000)),
    ]
}
