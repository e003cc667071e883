import YuqingCore
import YuqingStore

/// The columns shared by every listing of cases, so `cases`, `due` and `overdue` read alike (and JSON keys agree).
enum CaseColumns {
    static let columns: [Column] = [
        Column("id", Localized(zh: "编号", en: "id")),
        Column("title", Localized(zh: "标题", en: "title"), wraps: true),
        Column("stage", Localized(zh: "阶段", en: "stage")),
        // A long department name wraps before any column is left out (docs/language.md).
        Column("dept", Localized(zh: "部门", en: "department"), wraps: true),
        Column("level", Localized(zh: "级别", en: "level"), dropRank: 2),
        Column("source", Localized(zh: "来源", en: "source"), dropRank: 1),
        Column("collected", Localized(zh: "收集时间", en: "collected"), dropRank: 3),
        Column("next_due", Localized(zh: "最近时限", en: "next due")),
        // The rule id is for data (CSV); a person reads what is owed in `show` and `why`.
        Column("next_rule", Localized(zh: "时限规则", en: "rule"), dataOnly: true),
    ]

    static func row(_ s: CaseSummary, _ ws: Workspace, _ lang: Language) -> [Cell] {
        [.id(s.id), .text(s.title), .localized(s.stage.name), .text(s.dept.map { ws.deptName($0, lang) } ?? ""),
         s.level.map { .localized($0.name) } ?? .empty, .localized(s.source.name), .time(s.collectedAt),
         s.nextDue.map { .deadline($0) } ?? .empty, s.nextDueRule.map { .text($0) } ?? .empty]
    }
}

enum CaseViews {
    static let entries: [CommandEntry] = [Show.entry, TimelineVerb.entry, Why.entry, RemindVerb.entry]

    struct Show: Verb {
        static let spec = CommandSpec(
            name: "show", alias: "查看", group: .queries,
            summary: Localized(zh: "查看案件详情和时限", en: "show a case and its deadlines"),
            synopsis: "show CASE",
            examples: ["show C7", "show C7 --format json"])

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要查看的案件", en: "the case to show")) var caseID: EntityID

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let id = caseID
            let c = try ws.caseFile(id, range: $caseID.range)
            let now = session.now()
            let lang = session.language
            let obligations = ws.obligations(c, now: now)
            func L(_ zh: String, _ en: String) -> Localized { Localized(zh: zh, en: en) }
            var facts: [(Localized, String)] = [
                (L("标题", "title"), c.title),
                (L("阶段", "stage"), c.stage.name.text(lang)),
                (L("部门", "department"), c.dept.map { ws.deptName($0, lang) } ?? (c.suggestedDept.map { (lang == .zh ? "待认领（建议 " : "unclaimed (suggested ") + ws.deptName($0, lang) + (lang == .zh ? "）" : ")") } ?? (lang == .zh ? "待认领" : "unclaimed"))),
                (L("级别", "level"), (c.level?.name.text(lang) ?? (lang == .zh ? "未研判" : "not judged")) + (c.historical ? (lang == .zh ? "，历史遗留问题" : ", historical") : "")),
                (L("来源", "source"), c.source.name.text(lang) + (c.category.map { " · " + $0.name.text(lang) } ?? "")),
                (L("链接", "url"), c.url ?? ""),
                (L("收集", "collected"), c.collectedAt.minuteDescription + (c.collectedBy.map { " · \($0)" } ?? "")),
                (L("认领", "claimed"), c.claimedAt.map { $0.minuteDescription + (c.designated ? (lang == .zh ? "（指定认领）" : " (designated)") : "") } ?? ""),
                (L("反响", "reaction"), lang == .zh ? "转发 \(c.metrics.reposts) · 评论 \(c.metrics.comments) · 阅读 \(c.metrics.views)"
                                                     : "\(c.metrics.reposts) reposts · \(c.metrics.comments) comments · \(c.metrics.views) views"),
            ]
            if c.items.count > 1 { facts.append((L("信息条数", "items"), "\(c.items.count)")) }
            if let r = c.risk {
                facts.append((L("风险研判", "risk"), "\(r.nature) · \(r.trend.name.text(lang)) · \(r.impact.name.text(lang))"))
            }
            for l in c.links { facts.append((L("关联", "link"), "\(l.other) \(l.kind.name.text(lang))")) }
            let factTable = Table(title: Localized(zh: "\(c.id) 案件", en: "Case \(c.id)"),
                                  columns: [Column("field", L("项目", "field")), Column("value", L("内容", "value"), wraps: true)],
                                  rows: facts.filter { !$0.1.isEmpty }.map { [.localized($0.0), .text($0.1)] })
            let obTable = ObligationTable.table(obligations, ws: ws, lang: lang)
            var out = CommandOutput(tables: [factTable, obTable])
            out.json = CaseJSON.caseObject(c, obligations: obligations, ws: ws)
            return out
        }
    }

    struct TimelineVerb: Verb {
        static let spec = CommandSpec(
            name: "timeline", alias: "时间线", group: .queries,
            summary: Localized(zh: "按时间列出案件的事件和时限", en: "events and deadlines of a case in time order"),
            synopsis: "timeline CASE",
            examples: ["timeline C7"])

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要查看时间线的案件", en: "the case whose timeline to show")) var caseID: EntityID

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let id = caseID
            let c = try ws.caseFile(id, range: $caseID.range)
            let events = try ws.read { try $0.events(forCase: id) }
            let now = session.now()
            let obligations = ws.obligations(c, now: now)
            let rows = try Timeline.rows(c, events: events, obligations: obligations, ws: ws, lang: session.language)
            let table = Table(title: Localized(zh: "\(id) 时间线", en: "\(id) timeline"), columns: [
                Column("time", Localized(zh: "时间", en: "time")), Column("kind", Localized(zh: "类型", en: "kind")),
                Column("what", Localized(zh: "内容", en: "what"), wraps: true), Column("who", Localized(zh: "经办", en: "by"), wraps: true),
            ], rows: rows.map { [.text($0.time), .localized($0.kind), .text($0.what), .text($0.who)] })
            var out = CommandOutput(tables: [table])
            if inv.format == .table {
                let lang = session.language
                out.layout = { width in Timeline.picture(obligations, now: now, lang: lang, width: width) }
            }
            out.json = .object([("case", .string(id.description)),
                                ("events", .array(events.map { CaseJSON.event($0) })),
                                ("obligations", .array(obligations.map { CaseJSON.obligation($0) }))])
            return out
        }
    }

    struct Why: Verb {
        static let spec = CommandSpec(
            name: "why", alias: "依据", group: .queries,
            summary: Localized(zh: "解释每项时限的依据和算法", en: "explain every deadline: rule, article and arithmetic"),
            synopsis: "why CASE",
            help: Localized(zh: "逐项列出时限：状态、截止时间，以及依据的条款、起算时刻和算法（计入的工作日、节假日、延期、所用解读）。时间精确到分，与其他屏幕一致；--format json 给出到秒的时间。",
                            en: "Lists every deadline: its status and due time, the article, the moment it counts from and the arithmetic (the working days counted, holidays, extensions, the reading used). Times are in minutes, as on every screen; --format json gives them to the second."),
            examples: ["why C7"])

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要解释时限的案件", en: "the case whose deadlines to explain")) var caseID: EntityID

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let id = caseID
            let c = try ws.caseFile(id, range: $caseID.range)
            let obligations = ws.obligations(c, now: session.now())
            let lang = session.language
            // On a terminal the explanation folds under its own indent, not back to the margin.
            let width = inv.format == .table ? session.runContext?.sink.terminalWidth : nil
            var lines: [String] = []
            for o in obligations {
                let due = o.due?.deadlineDescription ?? "?"
                lines.append("• [\(o.status.name.text(lang))] \(o.title.text(lang)) — \(due)")
                lines.append(SentenceWrap.text("  " + o.explanation.text(lang), width: width))
            }
            if lines.isEmpty { lines = [lang == .zh ? "\(id) 目前没有时限。" : "\(id) owes nothing yet."] }
            var out = CommandOutput(document: lines.joined(separator: "\n"))
            out.json = .object([("case", .string(id.description)), ("obligations", .array(obligations.map { CaseJSON.obligation($0) }))])
            return out
        }
    }
}

/// The table of a case's obligations (in `show`).
enum ObligationTable {
    static func table(_ obligations: [Obligation], ws: Workspace, lang: Language) -> Table {
        Table(title: Localized(zh: "时限", en: "Deadlines"), columns: [
            Column("rule", Localized(zh: "规则", en: "rule"), dataOnly: true), Column("title", Localized(zh: "事项", en: "obligation"), wraps: true),
            // On a narrow terminal the article goes first (`why` gives it with the arithmetic).
            Column("article", Localized(zh: "依据", en: "article"), dropRank: 1), Column("due", Localized(zh: "时限", en: "due")),
            Column("status", Localized(zh: "状态", en: "status")), Column("met", Localized(zh: "完成时间", en: "done")),
            Column("responsible", Localized(zh: "责任方", en: "responsible"), wraps: true),
        ], rows: obligations.map { o in
            [.text(o.subject.map { "\(o.ruleID) \($0)" } ?? o.ruleID), .localized(label(o)),
             .localized(ws.policy.rule(o.ruleID)?.citation ?? Localized(o.article)),
             o.due.map { .deadline($0) } ?? .text("?"), .localized(o.status.name), o.metAt.map { .deadline($0) } ?? .empty,
             .text(responsibleName(o.responsible, ws, lang))]
        })
    }

    /// What is owed, in words, with the instruction it belongs to: `批示办理（L1）` / `instruction work (L1)`.
    static func label(_ o: Obligation) -> Localized {
        guard let sub = o.subject else { return o.title }
        return Localized(zh: "\(o.title.zh)（\(sub)）", en: "\(o.title.en) (\(sub))")
    }

    /// Who answers, by name: the department's, or the coordinating offices' as the assessment and accountability
    /// name them (English `show`, `overdue`, `due`, `remind` and `timeline` printed the code `coordinators` where
    /// Chinese printed 政务公开办、网宣办 and `accountability` Open Government and Network Propaganda Offices).
    static func responsibleName(_ r: Responsible, _ ws: Workspace, _ lang: Language) -> String {
        switch r {
        case .department(let d): ws.deptName(d, lang)
        case .coordinators: SupervisionData.coordinatorsName.text(lang)
        case .unassigned: r.name.text(lang)
        }
    }
}
