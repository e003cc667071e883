import Testing
@testable import YuqingCore

/// The meeting fold, decision actions and the minutes builder: pure values in, values and text out.
struct MeetingTests {
    static let day = CivilDate(year: 2019, month: 12, day: 30)!
    static func at(_ h: Int, _ m: Int) -> Instant { Instant(date: day, hour: h, minute: m) }
    static let m1 = EntityID(.meeting, 1)
    static let c1 = EntityID(.caseFile, 1)
    static let c2 = EntityID(.caseFile, 2)
    static let chair = Actor(name: "李明", role: .coordinator, dept: "open-gov")
    static let police = Actor(name: "市公安局", role: .liaison, dept: "police")

    static func ev(_ seq: Int64, _ body: EventBody, case c: EntityID? = nil, at t: Instant = at(9, 30),
                   actor: Actor = chair) -> Event {
        Event(seq: seq, caseID: c, subject: m1, actor: actor, effective: t, recorded: t, body: body, prevHash: "", hash: "")
    }

    static var events: [Event] {
        [
            ev(1, .meetingOpened(meeting: m1, topic: "关于XX小区水质的舆情会商", cases: [c1, c2], place: "3号会议室", chair: nil)),
            ev(2, .meetingAttended(meeting: m1, depts: ["propaganda", "police"])),
            ev(3, .meetingAttended(meeting: m1, depts: ["police", "gov-office"])),
            ev(4, .remarked(meeting: m1, text: "C1 已取样送检"), at: at(9, 42), actor: police),
            ev(5, .remarked(meeting: m1, text: "总体情况平稳"), at: at(9, 43), actor: police),
            ev(6, .riskJudged(meeting: m1, nature: "民生诉求", trend: .rising, impact: .high, risks: "聚集", suggest: "发布检测结果"),
               case: c1, at: at(9, 50)),
            ev(7, .decided(meeting: m1, action: "assign police", text: "牵头核查"), case: c2, at: at(9, 55)),
            ev(8, .decided(meeting: EntityID(.meeting, 9), action: "escalate", text: nil), case: c2, at: at(9, 56)),
            ev(9, .meetingClosed(meeting: m1), at: at(10, 40)),
        ]
    }

    @Test func foldsTheMeeting() throws {
        let m = try #require(Meeting.fold(Self.events.reversed()))
        #expect(m.id == Self.m1)
        #expect(m.topic == "关于XX小区水质的舆情会商")
        #expect(m.place == "3号会议室")
        #expect(m.agenda == [Self.c1, Self.c2])
        #expect(m.attendance == ["propaganda", "police", "gov-office"])
        #expect(m.remarks.map(\.text) == ["C1 已取样送检", "总体情况平稳"])
        #expect(m.risk(for: Self.c1)?.impact == .high)
        #expect(m.risk(for: Self.c2) == nil)
        // The decision of another meeting is not this meeting's.
        #expect(m.decisions.count == 1)
        #expect(m.decisions.first?.action == .assign(dept: "police"))
        #expect(m.closedAt == Self.at(10, 40))
        #expect(m.closedSeq == 9)
        #expect(!m.isOpen)
    }

    @Test func withoutItsOpeningThereIsNoMeeting() {
        #expect(Meeting.fold(Array(Self.events.dropFirst())) == nil)
    }

    @Test func agendaChangesAddAndRemove() throws {
        var evs = Self.events.filter { $0.seq < 9 }
        let c3 = EntityID(.caseFile, 3)
        evs.append(Self.ev(10, .agendaChanged(meeting: Self.m1, caseID: c3, added: true), case: c3))
        evs.append(Self.ev(11, .agendaChanged(meeting: Self.m1, caseID: Self.c1, added: false), case: Self.c1))
        let m = try #require(Meeting.fold(evs))
        #expect(m.agenda == [Self.c2, c3])
        #expect(m.isOpen)
    }

    @Test func absentMandatedMembersIncludeTheDepartmentsConcerned() throws {
        let m = try #require(Meeting.fold(Self.events))
        let dir = Directory()
        var withWater = dir
        withWater.save(Department(code: "water", nameZH: "市水务局", nameEN: "Water Bureau"))
        // Coordinators are never "departments concerned": they convene.
        #expect(m.absent(in: withWater, caseDepts: ["water", "police", "open-gov"]) == ["emergency", "petitions", "water"])
        #expect(m.absent(in: dir, caseDepts: []) == ["emergency", "petitions"])
    }

    @Test func remarksAreFiledUnderTheCasesTheyName() throws {
        let m = try #require(Meeting.fold(Self.events))
        #expect(m.remarks(about: Self.c1).count == 1)
        #expect(m.remarks(about: Self.c2).isEmpty)
        #expect(m.generalRemarks.map(\.text) == ["总体情况平稳"])
        let r = MeetingRemark(at: Self.at(9, 0), speaker: Self.police, text: "C10 和c1都要关注")
        #expect(r.mentions(Self.c1))
        #expect(!r.mentions(EntityID(.caseFile, 0 + 100)))
        #expect(!MeetingRemark(at: Self.at(9, 0), speaker: Self.police, text: "C12").mentions(Self.c1))
    }

    @Test func chatLinesShowTimeAndSpeaker() {
        let names: (String) -> Localized = { $0 == "police" ? Localized(zh: "市公安局", en: "Public Security Bureau") : Localized($0) }
        let r = MeetingRemark(at: Self.at(9, 42), speaker: Actor(name: "张伟", role: .liaison, dept: "police"), text: "已处置")
        #expect(r.chatLine(deptName: names, .zh) == "[09:42 市公安局 张伟] 已处置")
        let d = MeetingRemark(at: Self.at(9, 5), speaker: Self.police, text: "好")
        #expect(d.chatLine(deptName: names, .zh) == "[09:05 市公安局] 好")
        #expect(d.chatLine(deptName: names, .en) == "[09:05 Public Security Bureau] 好")
    }

    @Test(arguments: [DecisionAction.escalate, .assign(dept: "police"), .guidance,
                      .approveExtension(X: EntityID(.extensionRequest, 3), days: 5),
                      .approveExtension(X: EntityID(.extensionRequest, 3), days: nil), .approveResponse,
                      .level(.majorSensitive)])
    func decisionActionsRoundTrip(a: DecisionAction) {
        #expect(DecisionAction(stored: a.stored) == a)
    }

    @Test func decisionActionCodesAcceptChinese() {
        #expect(DecisionAction.code(of: "上报") == "escalate")
        #expect(DecisionAction.code(of: "Approve-Response") == "approve-response")
        #expect(DecisionAction.code(of: "批准延期") == "approve-extension")
        #expect(DecisionAction.code(of: "nonsense") == nil)
        #expect(DecisionAction(stored: "level nonsense") == nil)
        #expect(DecisionAction(stored: "approve-extension C3") == nil)
    }

    @Test func minutesTitle() throws {
        #expect(MinutesBuilder.title(topic: "关于XX小区水质的舆情会商", cases: [], .zh) == "关于XX小区水质的舆情会商研判会议纪要")
        #expect(MinutesBuilder.title(topic: "XX小区水质", cases: [], .zh) == "关于XX小区水质的舆情会商研判会议纪要")
        #expect(MinutesBuilder.title(topic: "关于交通事故的会商研判会议", cases: [], .zh) == "关于交通事故的舆情会商研判会议纪要")
        #expect(MinutesBuilder.title(topic: "Water", cases: [], .en) == "Minutes of the Joint Consultation: Water")
        // A topic that is only a label gives way to the agenda.
        let cases = try Self.input().cases
        #expect(MinutesBuilder.title(topic: "临时", cases: cases, .zh) == "关于“网传某小区自来水发黄”等2起舆情的会商研判会议纪要")
        #expect(MinutesBuilder.title(topic: "临时", cases: Array(cases.prefix(1)), .zh) == "关于“网传某小区自来水发黄”舆情的会商研判会议纪要")
        #expect(MinutesBuilder.title(topic: "临时", cases: cases, .en) == "Minutes of the Joint Consultation on “网传某小区自来水发黄” and 1 other case")
        // A topic that names opinion keeps its own subject.
        #expect(MinutesBuilder.title(topic: "自来水舆情", cases: cases, .zh) == "关于自来水的舆情会商研判会议纪要")
    }

    static func input() throws -> MinutesInput {
        let m = try #require(Meeting.fold(Self.events))
        var c1 = CaseFile(id: Self.c1, collectedAt: Self.at(8, 30))
        c1.apply(Event(seq: 1, caseID: Self.c1, subject: nil, actor: Self.chair, effective: Self.at(8, 30), recorded: Self.at(8, 30),
                       body: .collected(item: Item(title: "网传某小区自来水发黄", url: "https://weibo.com/123", source: .weibo,
                                                   category: .demand, excerpt: nil, metrics: Metrics(reposts: 1320, comments: 85, views: 12000)),
                                        dept: nil), prevHash: "", hash: ""))
        c1.apply(Event(seq: 2, caseID: Self.c1, subject: nil, actor: Self.police, effective: Self.at(8, 40), recorded: Self.at(8, 40),
                       body: .claimed(dept: "police"), prevHash: "", hash: ""))
        var c2 = CaseFile(id: Self.c2, collectedAt: Self.at(8, 31))
        c2.apply(Event(seq: 3, caseID: Self.c2, subject: nil, actor: Self.chair, effective: Self.at(8, 31), recorded: Self.at(8, 31),
                       body: .collected(item: Item(title: "交通事故 <多人> 受伤", url: nil, source: .news, category: nil, excerpt: nil), dept: nil),
                       prevHash: "", hash: ""))
        let due = Self.at(10, 40)
        let o = Obligation(ruleID: "verify", article: "8 ¶2", title: Localized(zh: "核实调查报告", en: "verification report"),
                           due: Instant(date: CivilDate(year: 2020, month: 1, day: 8)!), originalDue: nil, status: .pending,
                           responsible: .department("police"), explanation: Localized(""))
        let met = Obligation(ruleID: "claim", article: "6", title: Localized(zh: "认领", en: "claim"), due: due, originalDue: nil,
                             status: .met, responsible: .department("police"), explanation: Localized(""))
        return MinutesInput(meeting: m, cases: [c1, c2], obligations: [Self.c1: [o, met]], directory: Directory(), policy: .mingguang)
    }

    @Test func minutesInChinese() throws {
        let text = MinutesBuilder.document(try Self.input(), language: .zh).text(.markdown) ?? ""
        #expect(text.hasPrefix("# 关于XX小区水质的舆情会商研判会议纪要\n"))
        for part in ["2019年12月30日 09:30—10:40", "3号会议室", "李明（政务公开办）", "出席单位**：市委宣传部、市公安局、市政府办",
                     "缺席**：市应急办、市信访局（第一条规定应参加）", "## 一、C1 网传某小区自来水发黄", "转发 1,320，评论 85，浏览 12,000",
                     "事件性质**：民生诉求", "舆情走势**：上升", "09:42 市公安局：C1 已取样送检", "本次会议未作风险研判。",
                     "1. 指定由市公安局负责办理：牵头核查。（09:55）", "| 核实调查报告 | 市公安局 | 2020-01-07 24:00 | 第八条第二款 | 未到期 |",
                     "## 三、其他发言", "09:43 市公安局：总体情况平稳", "<p align=\"right\">政务公开办</p>\n<p align=\"right\">网宣办</p>",
                     "分送：市委宣传部，"] {
            #expect(text.contains(part), "missing: \(part)")
        }
        // Met obligations are not follow-up work.
        #expect(!text.contains("| 认领 |"))
        // Not escalated in this meeting: no line to the city leaders.
        #expect(!text.contains("报：市领导"))
    }

    @Test func minutesAreDeterministicAndBilingual() throws {
        let input = try Self.input()
        let a = MinutesBuilder.document(input, language: .en).text(.markdown) ?? ""
        let b = MinutesBuilder.document(input, language: .en).text(.markdown) ?? ""
        #expect(a == b)
        #expect(a.contains("Minutes of the Joint Consultation"))
        #expect(a.contains("**Absent**: Emergency Office, Letters and Calls Bureau (required by Art. 1)"))
        #expect(a.contains("Assigned to Public Security Bureau"))
    }

    @Test func htmlIsPrintableAndEscaped() throws {
        let html = MinutesBuilder.document(try Self.input(), language: .zh).text(.html) ?? ""
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\"/>"))
        #expect(html.contains("交通事故 &lt;多人&gt; 受伤"))
        #expect(!html.contains("<多人>"))
        #expect(html.contains("<a href=\"https://weibo.com/123\">"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func specialReport() throws {
        let input = try Self.input()
        var c = input.cases[0]
        c.apply(Self.ev(20, .riskJudged(meeting: nil, nature: "民生诉求", trend: .rising, impact: .high, risks: nil, suggest: "今日发布检测结果"),
                        case: Self.c1))
        var dir = Directory()
        if var p = dir.find("police") {
            p.leader = "张伟"
            p.phone = "0550-8000110"
            dir.save(p)
        }
        let number = DocumentNumber(prefix: Localized(zh: "明舆专", en: "MGYQ-S"), year: 2019, sequence: 3)
        let report = SpecialReportInput(caseFile: c, obligations: input.obligations[Self.c1] ?? [], directory: dir, policy: .mingguang,
                                        at: Self.at(11, 0), number: number, meetings: [try #require(Meeting.fold(Self.events))])
        let text = SpecialReportBuilder.document(report, language: .zh).text(.markdown) ?? ""
        for part in ["# 关于“网传某小区自来水发黄”舆情的专报", "明舆专〔2019〕3号", "\n市领导：\n", "https://weibo.com/123",
                     "| 微博 | 网传某小区自来水发黄 | https://weibo.com/123 | 1,320 | 85 | 12,000 |",
                     "预控处置意见**：今日发布检测结果", "## 四、会商情况", "09:42 市公安局：C1 已取样送检",
                     "会上研判：民生诉求，走势上升，影响高；可能风险：聚集", "| 市公安局 | 张伟 | — | 0550-8000110 |", "抄送：市公安局。"] {
            #expect(text.contains(part), "missing: \(part)")
        }
        // Each fact once: the link and the metrics only in the sources table; no proposal to report to the leaders
        // the report is addressed to; only departments that reported contacts.
        #expect(text.split(separator: "https://weibo.com/123", omittingEmptySubsequences: false).count == 2)
        #expect(!text.contains("报送市领导"))
        #expect(!text.contains("（未报送）"))
        #expect(!text.contains("| 政务公开办 |"))
        // Without any contacts reported, no contacts section at all.
        let bare = SpecialReportBuilder.document(SpecialReportInput(caseFile: c, obligations: [], directory: Directory(), policy: .mingguang,
                                                                    at: Self.at(11, 0)), language: .zh).text(.markdown) ?? ""
        #expect(!bare.contains("联系人"))
    }
}
