/// What the minutes are made of. The shell gathers it (cases as they stood when the meeting closed, their
/// obligations then); the builder only writes.
public struct MinutesInput: Sendable {
    public var meeting: Meeting
    /// The cases on the agenda, in agenda order, as they stood at the close (or now, for an open meeting).
    public var cases: [CaseFile]
    /// Each case's obligations at the same moment.
    public var obligations: [EntityID: [Obligation]]
    public var directory: Directory
    public var policy: Policy
    /// The number of the minutes (明舆纪〔2019〕1号), kept by the store so it never repeats.
    public var number: DocumentNumber?
    /// A title given with `--title`; otherwise built from the topic or the agenda.
    public var title: String?

    public init(meeting: Meeting, cases: [CaseFile], obligations: [EntityID: [Obligation]], directory: Directory,
                policy: Policy, number: DocumentNumber? = nil, title: String? = nil) {
        self.meeting = meeting
        self.cases = cases
        self.obligations = obligations
        self.directory = directory
        self.policy = policy
        self.number = number
        self.title = title
    }
}

/// Writes the minutes of a joint consultation meeting (会议纪要): meeting facts, attendance and absences of the
/// mandated members (Art. 1), then per case its facts, the risk judgement (Art. 7), remarks, decisions and the
/// follow-up obligations with due times and responsible departments. Pure and deterministic.
public enum MinutesBuilder {
    public static func document(_ input: MinutesInput, language lang: Language) -> OfficialDocument {
        let m = input.meeting
        let L = DocumentVoice(lang, input.directory)
        var blocks: [DocumentBlock] = []

        // Meeting facts.
        let day = DocumentText.date(m.openedAt.date, lang)
        var time = "\(day) \(Meeting.clock(m.openedAt))"
        if let end = m.closedAt {
            time += end.date == m.openedAt.date ? "—\(Meeting.clock(end))" : "—\(DocumentText.date(end.date, lang)) \(Meeting.clock(end))"
        } else {
            time += L(" 起（会议进行中）", " (in progress)")
        }
        let chair = m.chair ?? {
            let d = m.openedBy.dept.map(L.department)
            return d.map { L("\(m.openedBy.name)（\($0)）", "\(m.openedBy.name) (\($0))") } ?? m.openedBy.name
        }()
        let caseDepts = input.cases.compactMap(\.dept)
        let absent = m.absent(in: input.directory, caseDepts: caseDepts)
        let members = Set(input.directory.members.map(\.code))
        var fields = [
            DocumentField(L("时间", "Time"), time),
            DocumentField(L("地点", "Place"), m.place ?? L("（未记录）", "(not recorded)")),
            DocumentField(L("主持", "Chair"), chair),
            DocumentField(L("召集", "Convened by"), L.coordinators.joined(separator: L.separator)),
            DocumentField(L("出席单位", "Attending"), m.attendance.isEmpty ? L("（未记录）", "(not recorded)") : m.attendance.map(L.department).joined(separator: L.separator)),
        ]
        // Who took part from their own terminals (`meeting join`), the facilitator first; only when anyone joined.
        if m.participants.count > 1 {
            let people = m.participants.map { p in
                p.actor.dept.map { d in L("\(L.department(d)) \(p.actor.name)", "\(p.actor.name) (\(L.department(d)))") } ?? p.actor.name
            }
            fields.append(DocumentField(L("出席人员", "Participants"), people.joined(separator: L.separator)))
        }
        if absent.isEmpty {
            fields.append(DocumentField(L("缺席", "Absent"), L("无（第一条规定的成员单位和涉事部门均已出席）", "none (all members of Art. 1 and the departments concerned attended)")))
        } else {
            let named = absent.map { d in
                L.department(d) + (members.contains(d) ? "" : L("（涉事部门）", " (department concerned)"))
            }
            fields.append(DocumentField(L("缺席", "Absent"), named.joined(separator: L.separator) + L("（第一条规定应参加）", " (required by Art. 1)")))
        }
        fields.append(DocumentField(L("议题", "Agenda"), input.cases.isEmpty ? L("（无）", "(none)")
            : input.cases.map { "\($0.id) \($0.title)" }.joined(separator: L("；", "; "))))
        blocks.append(.fields(fields))
        let about = Subject(topic: m.topic, cases: input.cases)
        blocks.append(.paragraph(L(
            "\(day)，\(L.coordinators.joined(separator: "、"))召集有关单位召开政务舆情回应会商联席会议，就\(about.intro)进行会商研判（第七条）。现将会议议定事项纪要如下：",
            "On \(day) the coordinating offices convened the joint meeting \(about.introEN) to analyse and judge the cases below (Art. 7). The meeting agreed as follows.")))

        // Per case.
        for (i, c) in input.cases.enumerated() {
            blocks.append(.heading(DocumentText.section(i + 1, lang) + "\(c.id) \(c.title)"))
            var sub = 0
            func subheading(_ zh: String, _ en: String) -> DocumentBlock {
                sub += 1
                return .subheading(DocumentText.subsection(sub, lang) + L(zh, en))
            }
            blocks.append(subheading("基本情况", "Facts"))
            blocks.append(.fields(facts(c, lang: lang, dname: L.department)))

            blocks.append(subheading("风险研判", "Risk judgement (Art. 7)"))
            if let r = m.risk(for: c.id) {
                blocks.append(.fields(riskFields(nature: r.nature, trend: r.trend, impact: r.impact, risks: r.risks,
                                                 suggest: r.suggest, lang: lang)))
            } else if let r = c.risk {
                blocks.append(.fields(riskFields(nature: r.nature, trend: r.trend, impact: r.impact, risks: r.risks,
                                                 suggest: r.suggest, lang: lang)))
                blocks.append(.paragraph(L("（\(r.at) 研判，非本次会议作出）", "(judged at \(r.at), outside this meeting)")))
            } else {
                blocks.append(.paragraph(L("本次会议未作风险研判。", "No risk judgement was made in this meeting.")))
            }

            let said = m.remarks(about: c.id)
            if !said.isEmpty {
                blocks.append(subheading("会商发言", "Remarks"))
                blocks.append(.bullets(said.map { remarkLine($0, lang: lang, dname: L.departmentName) }))
            }

            blocks.append(subheading("会议决定", "Decisions"))
            let ds = m.decisions(for: c.id)
            if ds.isEmpty {
                blocks.append(.paragraph(L("本次会议未作决定。", "No decision was taken.")))
            } else {
                blocks.append(.numbered(ds.map { d in
                    var what = d.action.map { $0.describe(deptName: L.departmentName).text(lang) } ?? d.rawAction
                    // English minutes read "Judged major sensitive: …. (09:55)", not "judged …: ….（09:55）".
                    if lang == .en, let first = what.first { what = first.uppercased() + what.dropFirst() }
                    let text = d.text.map { L("：\($0)", ": \($0)") } ?? ""
                    return "\(what)\(text)\(L("。（\(Meeting.clock(d.at))）", ". (\(Meeting.clock(d.at)))"))"
                }))
            }

            blocks.append(subheading("后续工作与时限", "Follow-up and deadlines"))
            let open = (input.obligations[c.id] ?? []).filter { $0.isOpen && !$0.optional }
                .sorted { a, b in
                    switch (a.due, b.due) {
                    case let (x?, y?): x != y ? x < y : a.ruleID < b.ruleID
                    case (nil, _?): false
                    case (_?, nil): true
                    case (nil, nil): a.ruleID < b.ruleID
                    }
                }
            if open.isEmpty {
                blocks.append(.paragraph(L("无待办时限。", "Nothing is outstanding.")))
            } else {
                blocks.append(.table(DocumentTable(
                    headers: [L("事项", "Obligation"), L("责任单位", "Responsible"), L("完成时限", "Due"), L("依据", "Rule"), L("状态", "Status")],
                    rows: open.map { o in
                        let who: String = switch o.responsible {
                        case .department(let d): L.department(d)
                        case .coordinators: L.coordinators.joined(separator: L.separator)
                        case .unassigned: Responsible.unassigned.name.text(lang)
                        }
                        let title = o.title.text(lang) + (o.subject.map { " \($0)" } ?? "")
                        let cite = input.policy.rule(o.ruleID)?.citation ?? Article.cite(o.article)
                        return [title, who, o.due?.deadlineDescription ?? L("无法计算", "unknown"), cite.text(lang),
                                o.status.name.text(lang)]
                    })))
            }
        }

        let general = m.generalRemarks
        if !general.isEmpty {
            blocks.append(.heading(DocumentText.section(input.cases.count + 1, lang) + L("其他发言", "Other remarks")))
            blocks.append(.bullets(general.map { remarkLine($0, lang: lang, dname: L.departmentName) }))
        }

        blocks.append(.paragraph(L(
            "请各成员单位和涉事部门按照会议决定抓好落实，在规定时限内办结，并及时向政务公开办、网宣办反馈办理情况。",
            "Members and the departments concerned are to carry out these decisions within the limits above and report back to the coordinating offices.")))
        var recipients: [String] = []
        for d in m.mandated(in: input.directory, caseDepts: caseDepts) + m.attendance where !recipients.contains(d) {
            recipients.append(d)
        }
        var copies: [DocumentCopy] = []
        if m.decisions.contains(where: { $0.action == .escalate }) {
            copies.append(DocumentCopy(L("报", "To"), [L("市领导", "the city leaders")]))
        }
        copies.append(DocumentCopy(L("分送", "Distribution"), recipients.map(L.department)))
        let header = DocumentHeader(
            issuers: [L("政务舆情回应会商联席会议纪要", "Joint Consultation Minutes")], number: input.number,
            signature: L.coordinators, date: (m.closedAt ?? m.openedAt).date, copies: copies, printer: L.coordinators.first)
        let title = input.title ?? Self.title(topic: m.topic, cases: input.cases, lang)
        return OfficialDocument(kind: .minutes, title: title, language: lang, header: header, blocks: blocks)
    }

    /// What the meeting was about, for the title and the opening sentence. A topic that names its subject
    /// (`关于XX小区水质的舆情会商`, or any topic with 舆情 in it) is used without the words the title adds itself; a
    /// topic that is only a label (`临时`, `周例会`) gives way to the agenda: `“网传…”等2起舆情`.
    struct Subject {
        var title: String
        var intro: String
        var titleEN: String
        var introEN: String

        init(topic: String, cases: [CaseFile]) {
            let t = topic.trimmingSpaces
            let named = t.hasPrefix("关于") || t.contains("舆情")
            if !named, let first = cases.first {
                let zh = cases.count == 1 ? "“\(first.title)”" : "“\(first.title)”等\(cases.count)起"
                let others = cases.count - 1
                let en = others == 0 ? "“\(first.title)”" : "“\(first.title)” and \(English.count(others, "other case"))"
                title = "关于\(zh)舆情的会商研判会议纪要"
                intro = "\(zh)舆情"
                titleEN = "Minutes of the Joint Consultation on \(en)"
                introEN = "on \(en)"
            } else {
                let s = MinutesBuilder.subject(t)
                title = "关于\(s)的舆情会商研判会议纪要"
                intro = "\(s)有关舆情"
                titleEN = "Minutes of the Joint Consultation: \(t)"
                introEN = "on “\(t)”"
            }
        }
    }

    /// 关于XX小区水质的舆情会商研判会议纪要; for a topic that is only a label, the agenda names the subject.
    public static func title(topic: String, cases: [CaseFile], _ lang: Language) -> String {
        let s = Subject(topic: topic, cases: cases)
        return lang == .zh ? s.title : s.titleEN
    }

    /// `关于XX小区水质的舆情会商` → `XX小区水质`.
    public static func subject(_ topic: String) -> String {
        var t = topic.trimmingSpaces
        if t.hasPrefix("关于") { t = String(t.dropFirst(2)) }
        for suffix in ["会议纪要", "纪要", "会议", "研判", "会商", "舆情", "的"] where t.hasSuffix(suffix) && t.count > suffix.count {
            t = String(t.dropLast(suffix.count))
        }
        return t
    }

    static func facts(_ c: CaseFile, lang: Language, dname: (String) -> String) -> [DocumentField] {
        func L(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        let m = c.metrics
        var level = c.level?.name.text(lang) ?? L("未研判", "not judged")
        if c.historical { level += L("（历史遗留问题）", " (historical issue)") }
        var source = c.source.name.text(lang)
        if c.items.count > 1 { source += L("等 \(c.items.count) 条", " and others (\(c.items.count) items)") }
        return [
            DocumentField(L("标题", "Title"), c.title),
            DocumentField(L("来源", "Source"), source),
            DocumentField(L("链接", "Link"), c.url ?? L("（无）", "(none)")),
            DocumentField(L("公众反应", "Public reaction"),
                          L("转发 \(DocumentText.grouped(m.reposts))，评论 \(DocumentText.grouped(m.comments))，浏览 \(DocumentText.grouped(m.views))",
                            "\(DocumentText.grouped(m.reposts)) reposts, \(DocumentText.grouped(m.comments)) comments, \(DocumentText.grouped(m.views)) views")),
            DocumentField(L("收集时间", "Collected"), c.collectedAt.minuteDescription),
            DocumentField(L("级别", "Level"), level),
            DocumentField(L("负责部门", "Department"), c.dept.map(dname) ?? L("待认领", "unclaimed")),
            DocumentField(L("办理阶段", "Stage"), c.stage.name.text(lang)),
        ]
    }

    static func riskFields(nature: String, trend: Trend, impact: Impact, risks: String?, suggest: String?,
                           lang: Language) -> [DocumentField] {
        func L(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        return [
            DocumentField(L("事件性质", "Nature of the incident"), nature),
            DocumentField(L("舆情走势", "Trend"), trend.name.text(lang)),
            DocumentField(L("影响程度", "Possible impact"), impact.name.text(lang)),
            DocumentField(L("可能风险", "Possible risks"), risks ?? L("（未提出）", "(none stated)")),
            DocumentField(L("预控处置意见", "Pre-control suggestion"), suggest ?? L("（未提出）", "(none stated)")),
        ]
    }

    static func remarkLine(_ r: MeetingRemark, lang: Language, dname: (String) -> Localized) -> String {
        "\(Meeting.clock(r.at)) \(Meeting.speakerLabel(r.speaker, deptName: dname, lang))\(lang == .zh ? "：" : ": ")\(r.text)" + r.behalfNote(lang)
    }
}

extension String {
    /// Without leading and trailing spaces (the core has no Foundation).
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
