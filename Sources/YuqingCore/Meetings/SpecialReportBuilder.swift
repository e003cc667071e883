/// What the special report is made of; the shell gathers it.
public struct SpecialReportInput: Sendable {
    public var caseFile: CaseFile
    public var obligations: [Obligation]
    public var directory: Directory
    public var policy: Policy
    /// The session's time: the report's date.
    public var at: Instant
    /// 明舆专〔2020〕3号, kept by the store so numbers never repeat.
    public var number: DocumentNumber?
    /// The joint meetings that discussed the case, in the order they were held.
    public var meetings: [Meeting]

    public init(caseFile: CaseFile, obligations: [Obligation], directory: Directory, policy: Policy, at: Instant,
                number: DocumentNumber? = nil, meetings: [Meeting] = []) {
        self.caseFile = caseFile
        self.obligations = obligations
        self.directory = directory
        self.policy = policy
        self.at = at
        self.number = number
        self.meetings = meetings
    }
}

/// Writes the special report (舆情专报) on one case, from the coordinating offices to the city leaders (Art. 8 ¶1,
/// ¶3): what happened, where it was seen and how the public reacted, the risk judgement, what the joint meetings said
/// and decided, what has been done, the deadlines and whom to call (Art. 10). Each fact appears once. Being itself the
/// report to the city leaders, it does not list escalating to them as a step or a deadline. Pure and deterministic.
public enum SpecialReportBuilder {
    public static func document(_ input: SpecialReportInput, language lang: Language) -> OfficialDocument {
        let c = input.caseFile
        let L = DocumentVoice(lang, input.directory)
        var blocks: [DocumentBlock] = []
        var n = 0
        func section(_ zh: String, _ en: String) -> DocumentBlock {
            n += 1
            return .heading(DocumentText.section(n, lang) + L(zh, en))
        }

        // 一、What happened (the numbers are in 二).
        blocks.append(section("舆情概况", "Summary"))
        let when = "\(DocumentText.date(c.collectedAt.date, lang)) \(Meeting.clock(c.collectedAt))"
        let source = c.source.name
        let channels = c.items.count > 1 ? L("在\(source.zh)等\(c.items.count)个渠道", "") : L("在\(source.zh)渠道", "")
        let more = c.items.count > 1 ? " and \(c.items.count - 1) more" : ""
        let category = c.category.map { L("（\($0.name.zh)）", "; \($0.name.en)") } ?? ""
        var lead = L("\(when)，\(channels)发现“\(c.title)”相关信息\(category)。",
                     "At \(when), “\(c.title)” was found (source: \(source.en)\(more)\(category)).")
        if let level = c.level {
            lead += L("经研判为\(level.name.zh)舆情\(c.historical ? "，属历史遗留问题" : "")。",
                      " It was judged \(level.name.en)\(c.historical ? ", a historical issue" : "").")
        } else {
            lead += L("尚未研判定级。", " It has not been judged yet.")
        }
        lead += c.dept.map { L("由\(L.department($0))负责核实处置，目前\(c.stage.name.zh)。", " \(L.department($0)) is handling it; the case is \(c.stage.name.en).") }
            ?? L("尚待有关部门认领。", " No department has claimed it yet.")
        blocks.append(.paragraph(lead))
        if let excerpt = c.items.first?.excerpt, !excerpt.isEmpty {
            blocks.append(.paragraph(L("内容摘要：", "Excerpt: ") + excerpt))
        }

        // 二、Sources and public reaction.
        blocks.append(section("信息来源与公众反应", "Sources and public reaction"))
        var rows = c.items.map { i in
            [i.source.name.text(lang), i.title, i.url ?? "—", DocumentText.grouped(i.metrics.reposts),
             DocumentText.grouped(i.metrics.comments), DocumentText.grouped(i.metrics.views)]
        }
        if c.items.count > 1 {
            let m = c.metrics
            rows.append([L("合计", "Total"), "", "", DocumentText.grouped(m.reposts), DocumentText.grouped(m.comments),
                         DocumentText.grouped(m.views)])
        }
        blocks.append(.table(DocumentTable(
            headers: [L("来源", "Source"), L("标题", "Title"), L("链接", "Link"), L("转发", "Reposts"), L("评论", "Comments"), L("浏览", "Views")],
            rows: rows, alignments: DocumentTable.aligned(right: [3, 4, 5], count: 6))))

        // 三、The risk judgement in force.
        blocks.append(section("研判意见", "Risk judgement (Art. 7)"))
        if let r = c.risk {
            blocks.append(.fields(MinutesBuilder.riskFields(nature: r.nature, trend: r.trend, impact: r.impact,
                                                            risks: r.risks, suggest: r.suggest, lang: lang)))
            let when = "\(DocumentText.date(r.at.date, lang)) \(Meeting.clock(r.at))"
            blocks.append(.paragraph(r.meeting.map { L("以上意见由\(when)会商联席会议（\($0)）研判作出。", "Judged in joint meeting \($0) at \(r.at.minuteDescription).") }
                                     ?? L("以上意见于\(when)研判作出。", "Judged at \(r.at.minuteDescription).")))
        } else if let note = c.assessNote {
            blocks.append(.paragraph(note))
        } else {
            blocks.append(.paragraph(L("尚未作出风险研判。", "No risk judgement has been made yet.")))
        }

        // 四、The joint meetings that discussed it.
        if !input.meetings.isEmpty {
            blocks.append(section("会商情况", "Joint meetings"))
            for m in input.meetings {
                var time = "\(DocumentText.date(m.openedAt.date, lang)) \(Meeting.clock(m.openedAt))"
                if let end = m.closedAt, end.date == m.openedAt.date { time += "—\(Meeting.clock(end))" }
                let attended = m.attendance.isEmpty ? "" : L("，\(m.attendance.map(L.department).joined(separator: "、"))出席",
                                                              "; attended by \(m.attendance.map(L.department).joined(separator: ", "))")
                blocks.append(.paragraph(L("\(time)，\(L.coordinators.joined(separator: "、"))召开会商联席会议（\(m.id)）\(attended)，对本舆情进行会商研判。",
                                           "\(time): joint meeting \(m.id) of the coordinating offices\(attended).")))
                // Earlier judgements of this meeting; the one in force is under 三.
                for r in m.risks where r.caseID == c.id && !(c.risk?.meeting == m.id && c.risk?.at == r.at) {
                    blocks.append(.paragraph(L("会上研判：\(r.nature)，走势\(r.trend.name.zh)，影响\(r.impact.name.zh)\(r.risks.map { "；可能风险：\($0)" } ?? "")\(r.suggest.map { "；预控处置意见：\($0)" } ?? "")。",
                                               "Judged in the meeting: \(r.nature), \(r.trend.name.en), impact \(r.impact.name.en)\(r.risks.map { "; risks: \($0)" } ?? "")\(r.suggest.map { "; suggestion: \($0)" } ?? "").")))
                }
                let said = m.remarks(about: c.id)
                if !said.isEmpty {
                    blocks.append(.bullets(said.map { MinutesBuilder.remarkLine($0, lang: lang, dname: L.departmentName) }))
                }
                let decided = m.decisions(for: c.id).filter { $0.action != .escalate }
                if !decided.isEmpty {
                    blocks.append(.paragraph(L("会议决定：", "The meeting decided:")))
                    blocks.append(.numbered(decided.map { d in
                        let what = d.action.map { $0.describe(deptName: L.departmentName).text(lang) } ?? d.rawAction
                        return what + (d.text.map { L("：\($0)", ": \($0)") } ?? "") + L("。", ".")
                    }))
                }
            }
        }

        // 五、What has been done (decisions of the meetings are under 四; the suggestion of the judgement under 三).
        blocks.append(section("处置情况", "Disposal"))
        var done: [String] = []
        if let s = c.unitReport { done.append(L("部门报送：", "The department's report: ") + s) }
        if let v = c.verification { done.append(L("核实情况：", "Verification: ") + v) }
        for d in c.decisions where d.meeting == nil {
            guard let action = DecisionAction(stored: d.action), action != .escalate else { continue }
            done.append(action.describe(deptName: L.departmentName).text(lang) + (d.text.map { L("：\($0)", ": \($0)") } ?? ""))
        }
        for l in c.instructions {
            done.append(L("\(l.leader)批示（\(l.id)）：\(l.text)", "Instruction \(l.id) by \(l.leader): \(l.text)"))
        }
        for r in c.responses {
            let channel = Source(rawValue: r.channel)?.name.text(lang) ?? r.channel
            done.append(L("\(DocumentText.date(r.at.date, lang)) \(Meeting.clock(r.at)) 在\(channel)发布回应：\(r.text)",
                          "Answered on \(channel) at \(r.at): \(r.text)") + (r.url.map { L("（\($0)）", " (\($0))") } ?? ""))
        }
        if done.isEmpty {
            // After a meeting (四) "a suggestion follows the consultation" would contradict the report itself.
            blocks.append(.paragraph(c.risk?.suggest != nil ? L("按研判意见组织处置。", "Disposal follows the risk judgement.")
                                     : !input.meetings.isEmpty ? L("正在核实处置，处置情况将另行报告。", "Verification and disposal are under way and will be reported separately.")
                                     : L("待会商研判后提出处置意见。", "A suggestion follows the consultation.")))
        } else {
            blocks.append(.bullets(done))
        }

        // 六、Every time limit of the case, each with its article. The report to the city leaders (报送市领导, Art. 8
        // ¶3) is one of them: it was left out as "this report itself", but the table is where the leaders read when it
        // was due and whether it was kept, and the report may come after it or not be the escalation recorded. Only
        // the window for applying for an extension stays out: it is an option, not a limit.
        blocks.append(section("办理时限", "Deadlines"))
        let shown = input.obligations.filter { !$0.optional }.sorted { a, b in
            (a.due ?? Instant(seconds: .max), a.ruleID) < (b.due ?? Instant(seconds: .max), b.ruleID)
        }
        if shown.isEmpty {
            blocks.append(.paragraph(L("无。", "None.")))
        } else {
            blocks.append(.table(DocumentTable(
                headers: [L("事项", "Obligation"), L("完成时限", "Due"), L("依据", "Rule"), L("状态", "Status")],
                rows: shown.map { o in
                    [o.title.text(lang) + (o.subject.map { " \($0)" } ?? ""),
                     o.due?.deadlineDescription ?? L("无法计算", "unknown"),
                     (input.policy.rule(o.ruleID)?.citation ?? Article.cite(o.article)).text(lang),
                     o.status.name.text(lang)]
                })))
        }

        // 七、Contacts the departments reported (Art. 10); none reported, no table.
        var contactDepts: [Department] = []
        if let d = c.dept.flatMap({ input.directory.find($0) }) { contactDepts.append(d) }
        for d in input.directory.coordinators where !contactDepts.contains(where: { $0.code == d.code }) { contactDepts.append(d) }
        let reported = contactDepts.filter { $0.leader != nil || !$0.staff.isEmpty || $0.phone != nil }
        if !reported.isEmpty {
            blocks.append(section("联系人", "Contacts (Art. 10)"))
            blocks.append(.table(DocumentTable(
                headers: [L("单位", "Department"), L("分管负责人", "Responsible leader"), L("工作人员", "Staff"), L("电话", "Phone")],
                rows: reported.map { d in
                    [d.name.text(lang), d.leader ?? "—", d.staff.isEmpty ? "—" : d.staff.joined(separator: L.separator), d.phone ?? "—"]
                })))
        }

        let header = DocumentHeader(
            issuers: L.coordinators, number: input.number,
            urgency: c.level == .majorSensitive ? L("特急", "Extra urgent") : nil,
            addressees: [L("市领导", "The city leaders")], signature: L.coordinators, date: input.at.date,
            copies: c.dept.map { [DocumentCopy(L("抄送", "Copy to"), [L.department($0)])] } ?? [],
            printer: L.coordinators.first)
        return OfficialDocument(kind: .special, title: L("关于“\(c.title)”舆情的专报", "Special report on “\(c.title)”"),
                                language: lang, header: header, blocks: blocks)
    }
}
