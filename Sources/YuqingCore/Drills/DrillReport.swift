/// What the after-action report is made of; the shell gathers it, the core writes it.
public struct DrillReportInput: Sendable {
    public var script: DrillScript
    /// The script's file name (without directories, so a replay from another folder gives the same report).
    public var scriptName: String
    public var scriptHash: String
    /// The last event's chained hash in the drill store: one value that fixes the whole log.
    public var stateHash: String
    public var end: Instant
    public var timeline: [TimelineEntry]
    public var notes: [DrillNote]
    public var score: DrillScore
    /// Department code → display names, for every department the report mentions.
    public var departmentNames: [String: Localized]

    public init(script: DrillScript, scriptName: String, scriptHash: String, stateHash: String, end: Instant,
                timeline: [TimelineEntry], notes: [DrillNote], score: DrillScore, departmentNames: [String: Localized]) {
        self.script = script
        self.scriptName = scriptName
        self.scriptHash = scriptHash
        self.stateHash = stateHash
        self.end = end
        self.timeline = timeline
        self.notes = notes
        self.score = score
        self.departmentNames = departmentNames
    }
}

/// The after-action report (演练评估报告), Chinese by default: header, merged timeline, expectations, objective
/// ratings, policy deadlines, department response times, strengths and areas for improvement, and an improvement plan.
/// Built as an `OfficialDocument` (Markdown, HTML, .docx). Everything is sorted and in whole seconds, so the same run
/// gives the same bytes.
public struct DrillReport {
    public let input: DrillReportInput
    public let lang: Language

    public init(_ input: DrillReportInput, language: Language = .zh) {
        self.input = input
        self.lang = language
    }

    var zh: Bool { lang == .zh }
    func t(_ zh: String, _ en: String) -> String { self.zh ? zh : en }
    func dept(_ code: String?) -> String {
        guard let code else { return "—" }
        return input.departmentNames[code]?.text(lang) ?? code
    }
    /// A table in the report's style: empty cells show `—`.
    static func table(_ headers: [String], _ rows: [[String]]) -> DocumentBlock {
        .table(DocumentTable(headers: headers, rows: rows.map { $0.map { $0.isEmpty ? "—" : $0 } }, compactRule: true))
    }
    /// `（x）` in Chinese, ` (x)` in English.
    func paren(_ s: String) -> String { zh ? "（\(s)）" : " (\(s))" }
    func latency(_ l: Int64) -> String { "\(l)" + paren(DrillTimes.latencyText(l)) }
    func actor(_ e: TimelineEntry) -> String {
        guard let name = e.actor else { return "—" }
        return name + (e.dept.map { paren(dept($0)) } ?? "")
    }

    func offset(_ t: Instant) -> String { DrillTimes.offsetText(t - input.script.header.epoch) }

    /// The report as Markdown (what the drill log's `report-sha256` fixes).
    public func render() -> String {
        MarkdownWriter.write(document())
    }

    public func document() -> OfficialDocument {
        let h = input.script.header
        let s = input.score
        var rows = [
            [t("演练", "Drill"), h.title + (h.version.map { t("（版本 \($0)）", " (version \($0))") } ?? "")],
            [t("脚本", "Script"), input.scriptName],
            [t("脚本 SHA-256", "Script SHA-256"), "`\(input.scriptHash)`"],
            [t("随机种子", "Seed"), String(h.seed)],
            [t("模拟开始", "Simulated start"), h.epoch.description],
            [t("模拟结束", "Simulated end"), input.end.description + paren(offset(input.end))],
            [t("导调身份", "Exercise control"), h.control.name],
        ]
        if !h.trainees.isEmpty {
            rows.append([t("参演人员", "Trainees"), h.trainees.map { tr in
                let role = tr.role.name.text(lang)
                return tr.name + (zh ? "（\(role)\(tr.dept.map { "，" + dept($0) } ?? "")）" : " (\(role)\(tr.dept.map { ", " + dept($0) } ?? ""))")
            }.joined(separator: zh ? "；" : "; ")])
        }
        rows += [
            [t("最终状态哈希", "Final state hash"), "`\(input.stateHash)`"],
            [t("得分", "Points"), "\(s.earned) / \(s.possible)"],
            [t("总体评定", "Overall rating"), "\(s.percent)% — \(s.rating.name.text(lang))"],
        ]
        var blocks = [DrillReport.table([t("项目", "Item"), t("内容", "Value")], rows)]
        blocks += timeline()
        blocks += expectations()
        blocks += objectives()
        blocks += policy()
        blocks += departments()
        blocks += findings()
        blocks += plan()
        let header = DocumentHeader(issuers: [t("政务舆情应急演练", "Public Opinion Response Drill")], date: input.end.date)
        return OfficialDocument(kind: .drill, title: t("演练评估报告：", "After-action report: ") + h.title, language: lang,
                                header: header, blocks: blocks)
    }

    func timeline() -> [DocumentBlock] {
        [.heading(t("一、时间线", "1. Timeline")),
         DrillReport.table([t("模拟时间", "Time"), t("相对", "Offset"), t("类型", "Kind"), t("执行者", "By"), t("内容", "What")],
                           input.timeline.map { e in
                               [e.at.description, offset(e.at), e.kind.name.text(lang), actor(e), e.text.text(lang)]
                           })]
    }

    func caseText(_ x: Expectation) -> String { x.caseID?.description ?? "—" }

    func expectations() -> [DocumentBlock] {
        let heading = DocumentBlock.heading(t("二、预期行动", "2. Expected actions"))
        guard !input.score.expectations.isEmpty else { return [heading, .paragraph(t("（无）", "(none)"))] }
        return [heading, DrillReport.table(
            [t("编号", "ID"), t("行动", "Action"), t("案件", "Case"), t("部门", "Dept"), t("时限", "Within"),
             t("计时起点", "Window start"), t("完成时间", "Done at"), t("用时（秒）", "Latency (s)"),
             t("结果", "Result"), t("得分", "Points")],
            input.score.expectations.map { r in
                let x = r.expectation
                return [x.id, x.action.title.text(lang), caseText(x), dept(r.dept), x.within.description,
                        r.state.start?.description ?? "—", r.state.doneAt?.description ?? "—",
                        r.state.latency.map(latency) ?? "—",
                        r.state.status.name.text(lang), "\(r.earned) / \(x.points)"]
            })]
    }

    func objectives() -> [DocumentBlock] {
        let th = input.script.header.rating
        return [
            .heading(t("三、目标评定", "3. Objective ratings")),
            DrillReport.table(
                [t("目标", "Objective"), t("说明", "Description"), t("权重", "Weight"), t("得分", "Points"),
                 t("得分率", "Percent"), t("评定", "Rating")],
                input.score.objectives.map { o in
                    [o.objective?.id ?? "—", o.objective?.text ?? t("未归入目标的事项", "items without an objective"),
                     String(o.objective?.weight ?? 1), "\(o.earned) / \(o.possible)", "\(o.percent)%",
                     o.rating.name.text(lang)]
                }),
            .paragraph(t("评定标准：得分率 ≥\(th.p)% 为 P，≥\(th.s)% 为 S，≥\(th.m)% 为 M，其余为 U（目标可自定阈值）；按时完成得全分，超时完成得一半，未完成不得分。",
                         "Ratings: ≥\(th.p)% P, ≥\(th.s)% S, ≥\(th.m)% M, else U (objectives may set their own thresholds); met earns the points, late half, missed none.")),
        ]
    }

    func policy() -> [DocumentBlock] {
        let heading = DocumentBlock.heading(t("四、制度时限", "4. Policy deadlines"))
        guard !input.score.policy.isEmpty else {
            return [heading, .paragraph(t("演练期间没有到期的制度时限。", "No policy deadline fell due during the drill."))]
        }
        return [heading, DrillReport.table(
            [t("案件", "Case"), t("事项", "Obligation"), t("责任部门", "Responsible"), t("期限", "Due"),
             t("完成时间", "Done at"), t("状态", "Status"), t("得分", "Points")],
            input.score.policy.map { p in
                let d = p.deadline
                return [d.caseID.description, d.title.text(lang) + paren(d.ruleID), dept(d.dept),
                        d.due.deadlineDescription, d.metAt?.description ?? "—", d.status.name.text(lang),
                        "\(p.earned) / \(p.possible)"]
            })]
    }

    func departments() -> [DocumentBlock] {
        let heading = DocumentBlock.heading(t("五、部门响应时间", "5. Response times by department"))
        guard !input.score.departments.isEmpty else { return [heading, .paragraph(t("（无）", "(none)"))] }
        return [heading, DrillReport.table(
            [t("部门", "Department"), t("按时", "Met"), t("超时", "Late"), t("未完成", "Missed"),
             t("平均用时（秒）", "Average (s)"), t("最长用时（秒）", "Longest (s)"), t("制度时限未按时", "Policy deadlines missed")],
            input.score.departments.map { d in
                [dept(d.dept), "\(d.met)", "\(d.late)", "\(d.missed)",
                 d.averageLatency.map(latency) ?? "—", d.maxLatency.map(latency) ?? "—", "\(d.policyMissed)"]
            })]
    }

    func findings() -> [DocumentBlock] {
        var strengths: [String] = []
        var areas: [String] = []
        for r in input.score.expectations {
            let x = r.expectation
            let what = "\(x.action.title.text(lang)) \(caseText(x))"
            switch r.state.status {
            case .met:
                if let l = r.state.latency, l * 2 <= x.within.seconds {
                    strengths.append(t("\(dept(r.dept)) 用时 \(DrillTimes.latencyText(l)) 完成“\(what)”（时限 \(x.within)）",
                                       "\(dept(r.dept)) did “\(what)” in \(DrillTimes.latencyText(l)) (limit \(x.within))"))
                }
            case .late:
                areas.append(t("\(x.id)“\(what)”超时完成：用时 \(DrillTimes.latencyText(r.state.latency ?? 0))，时限 \(x.within)",
                               "\(x.id) “\(what)” was late: \(DrillTimes.latencyText(r.state.latency ?? 0)) against \(x.within)"))
            default:
                areas.append(t("\(x.id)“\(what)”未完成（时限 \(x.within)）", "\(x.id) “\(what)” was not done (limit \(x.within))"))
            }
        }
        for p in input.score.policy where p.deadline.status != .met {
            let d = p.deadline
            areas.append(t("\(d.caseID) \(d.title.zh)未在制度时限内完成（应于 \(d.due.deadlineDescription)，\(d.status.name.zh)）",
                           "\(d.caseID) \(d.title.en) missed its policy deadline (due \(d.due.deadlineDescription), \(d.status.name.en))"))
        }
        for n in input.notes {
            switch n.kind {
            case .strength: strengths.append(t("（导调）", "(trainer) ") + n.text)
            case .improve: areas.append(t("（导调）", "(trainer) ") + n.text)
            case .general: break
            }
        }
        let none = [t("（无）", "(none)")]
        var out: [DocumentBlock] = [
            .heading(t("六、优点与不足", "6. Strengths and areas for improvement")),
            .subheading(t("优点", "Strengths")), .bullets(strengths.isEmpty ? none : strengths),
            .subheading(t("不足", "Areas for improvement")), .bullets(areas.isEmpty ? none : areas),
        ]
        let general = input.notes.filter { $0.kind == .general }
        if !general.isEmpty {
            out += [.subheading(t("导调记录", "Trainer notes")), .bullets(general.map { "\(offset($0.at)) \($0.text)" })]
        }
        return out
    }

    func plan() -> [DocumentBlock] {
        var items: [(String, String, String)] = []
        let defaultDue = input.end.date.adding(days: 30).description
        for n in input.notes where n.kind == .improve {
            items.append((n.text, dept(n.owner), n.due?.description ?? defaultDue))
        }
        for r in input.score.expectations where r.state.status != .met {
            let x = r.expectation
            items.append((t("针对“\(x.action.title.zh) \(caseText(x))”（\(x.id)）组织复训，明确时限 \(x.within) 的责任人和流程",
                             "Retrain “\(x.action.title.en) \(caseText(x))” (\(x.id)): name who acts within \(x.within) and how"),
                          dept(r.dept), defaultDue))
        }
        for p in input.score.policy where p.deadline.status != .met {
            let d = p.deadline
            items.append((t("复核\(d.title.zh)的时限提醒与值守安排（\(d.caseID)，\(d.ruleID)）",
                             "Review reminders and duty cover for \(d.title.en) (\(d.caseID), \(d.ruleID))"),
                          dept(d.dept), defaultDue))
        }
        let heading = DocumentBlock.heading(t("七、改进计划", "7. Improvement plan"))
        guard !items.isEmpty else { return [heading, .paragraph(t("无需改进事项。", "No improvement items."))] }
        return [heading, DrillReport.table([t("序号", "No."), t("改进事项", "Action"), t("责任部门", "Owner"), t("完成时限", "Due")],
                                           items.enumerated().map { ["\($0.offset + 1)", $0.element.0, $0.element.1, $0.element.2] })]
    }
}
