import Testing
@testable import YuqingCore

/// Meetings joined from several terminals, and `@` mentions: pure folds and parsing.
struct LiveMeetingTests {
    static let m1 = MeetingTests.m1
    static let zhang = Actor(name: "张伟", role: .liaison, dept: "police")
    static let liu = Actor(name: "刘洋", role: .liaison, dept: "water")

    @Test func joiningMakesAParticipantAndItsDepartmentAttends() throws {
        let ev = MeetingTests.ev
        let events = [
            ev(1, .meetingOpened(meeting: Self.m1, topic: "会商", cases: [], place: nil, chair: nil), nil, MeetingTests.at(9, 30), MeetingTests.chair),
            ev(2, .meetingJoined(meeting: Self.m1), nil, MeetingTests.at(9, 31), Self.zhang),
            ev(3, .meetingJoined(meeting: Self.m1), nil, MeetingTests.at(9, 32), Self.liu),
            ev(4, .meetingLeft(meeting: Self.m1), nil, MeetingTests.at(9, 40), Self.liu),
            ev(5, .meetingJoined(meeting: EntityID(.meeting, 2)), nil, MeetingTests.at(9, 41), MeetingTests.police),
        ]
        let m = try #require(Meeting.fold(events))
        #expect(m.participants.map(\.actor.name) == ["李明", "张伟", "刘洋"])
        #expect(m.attendance == ["police", "water"], "the facilitator's own office convenes; it is not listed as attending")
        #expect(m.isParticipant("张伟") && m.isParticipant("李明") && !m.isParticipant("刘洋"))
        #expect(m.participants[2].leftAt == MeetingTests.at(9, 40))
        // Coming back keeps one entry.
        let back = try #require(Meeting.fold(events + [ev(6, .meetingJoined(meeting: Self.m1), nil, MeetingTests.at(9, 45), Self.liu)]))
        #expect(back.participants.count == 3 && back.isParticipant("刘洋"))
        #expect(events[1].meetingID == Self.m1 && events[4].meetingID == EntityID(.meeting, 2))
    }

    static let reader = MentionReader(directory: Directory(), people: ["王芳", "王芳芳", "张伟"])

    @Test(arguments: [
        ("@police 请核实", [Mention.department("police")]),
        ("请@市公安局、@市应急办核实", [.department("police"), .department("emergency")]),
        ("@王芳请核实", [.person("王芳")]),
        ("@王芳芳请核实", [.person("王芳芳")]),
        ("@Police 大写也算", [.department("police")]),
        ("@policeman 不是部门", [.person("policeman")]),
        ("＠张伟，全角也算", [.person("张伟")]),
        ("@李雷 未登记的人到标点为止。", [.person("李雷")]),
        ("写信到 li@police.gov 不是提及", []),
        ("@ 空的不算", []),
        ("@police @police 只算一次", [.department("police")]),
    ])
    func readsMentions(_ text: String, _ expected: [Mention]) {
        #expect(Self.reader.mentions(in: text) == expected)
    }

    @Test func reachesThePersonOrTheirDepartment() {
        #expect(Self.reader.reaches("@police 请核实", person: "张伟", dept: "police"))
        #expect(Self.reader.reaches("@张伟 请回电", person: "张伟", dept: "police"))
        #expect(!Self.reader.reaches("@water 请核实", person: "张伟", dept: "police"))
        #expect(!Self.reader.reaches("张伟 没有 @", person: "张伟", dept: "police"))
    }
}
