import YuqingCore

/// `remind CASE` (提醒): what the department responsible for a case must do next, each step with its deadline, the
/// limit that set it and the article it rests on. The steps come from the core (`ObligationEngine.nextSteps`), the
/// same ones every answer on a case ends with, here all of them rather than the first two.
struct RemindVerb: Verb {
    static let spec = CommandSpec(
        name: "remind", alias: "提醒", group: .queries,
        summary: Localized(zh: "责任部门的下一步：每项时限、剩余时间和依据条款", en: "the responsible department's next steps, with deadlines and articles"),
        synopsis: "remind CASE",
        help: Localized(
            zh: "列出案件尚未完成的每项时限，最早的在前：事项、应于何时前完成、还剩多久（或已超期多久）、时限长度和依据条款，以及由谁完成（认领部门；上报市领导等由政务公开办、网宣办；尚未认领的写明建议认领部门；逾期未认领的提醒政务公开办、网宣办指定认领，第六条）。可复制发给责任部门；--format json 供系统对接。",
            en: "Lists every open deadline of the case, earliest first: what is owed, by when, how long is left (or how long overdue), the limit and the article it rests on, and who owes it (the claiming department; the coordinators for escalation; for an unclaimed case, the department suggested to claim it; once its claim is overdue, the reminder goes to the coordinators, who designate who claims it, Art. 6). Ready to pass to the department; --format json for other systems."),
        examples: ["remind C7", "提醒 C7", "remind C7 --format json"])

    @Argument(.id(.caseFile), name: "case",
              help: Localized(zh: "要列出下一步的案件", en: "the case whose next steps to list")) var caseID: EntityID

    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
        let c = try ws.caseFile(caseID, range: $caseID.range)
        let now = session.now()
        let lang = session.language
        let steps = ws.engine.nextSteps(for: c, now: now)
        // Who the reminder is for: the claiming department, else the one suggested to claim it — unless the claim
        // is overdue: then the coordinators owe the next step (Art. 6: they designate who claims it), as the table's
        // responsible column says, and the suggested department is named as their suggestion.
        let dept = c.dept ?? c.suggestedDept
        let designate = c.dept == nil && steps.first?.obligation.responsible == .coordinators
        let to = designate ? SupervisionData.coordinatorsName
            : Localized(zh: dept.map { ws.deptName($0, .zh) } ?? "待认领部门", en: dept.map { ws.deptName($0, .en) } ?? "the department to claim it")
        let designation = !designate ? nil : Localized(
            zh: "逾期未认领，由政务公开办、网宣办指定认领单位并记录在案、纳入考核（第六条）" + (c.suggestedDept.map { "；建议由\(ws.deptName($0, .zh))认领" } ?? "") + "。",
            en: "Unclaimed past its deadline: the coordinators designate the department to claim it, recorded and counted in the assessment (Art. 6)" + (c.suggestedDept.map { "; suggested: \(ws.deptName($0, .en))" } ?? "") + ".")
        var out = CommandOutput()
        if steps.isEmpty {
            out.messages = [c.isClosed ? Localized(zh: "\(c.id) 已办结，没有待办时限。", en: "\(c.id) is closed: nothing is due.")
                                       : Localized(zh: "\(c.id) 目前没有待办时限。", en: "\(c.id) has nothing due now.")]
        } else {
            out.messages = [Localized(zh: "提醒\(to.zh)：\(c.id)“\(c.title)”" + steps.map(\.text.zh).joined(separator: "；") + "。" + (designation?.zh ?? ""),
                                      en: "Reminder to \(to.en) on \(c.id) “\(c.title)”: " + steps.map(\.text.en).joined(separator: "; ") + "." + (designation.map { " " + $0.en } ?? ""))]
            out.tables = [Table(title: Localized(zh: "\(c.id) 下一步", en: "\(c.id) next steps"), columns: [
                // On a narrow terminal the article goes first (the sentence above cites it); the rest wraps.
                Column("rule", Localized(zh: "规则", en: "rule"), dataOnly: true),
                Column("obligation", Localized(zh: "事项", en: "obligation"), wraps: true),
                Column("due", Localized(zh: "时限", en: "due")), Column("left", Localized(zh: "距时限", en: "left"), wraps: true),
                Column("limit", Localized(zh: "时限长度", en: "limit"), wraps: true),
                Column("article", Localized(zh: "依据", en: "article"), dropRank: 1),
                Column("responsible", Localized(zh: "责任方", en: "responsible"), wraps: true),
            ], rows: steps.map { s in
                let o = s.obligation
                return [.text(o.subject.map { "\(o.ruleID) \($0)" } ?? o.ruleID), .localized(ObligationTable.label(o)),
                        o.due.map { .deadline($0) } ?? .empty, o.due.map { .localized(SpanText.left($0 - now)) } ?? .empty,
                        .localized(s.limit), .localized(s.citation), .text(Self.responsible(o.responsible, c, ws, lang))]
            })]
        }
        out.json = .object([
            ("case", .string(c.id.description)), ("title", .string(c.title)), ("dept", CaseJSON.str(dept)),
            ("claimed", .bool(c.dept != nil)),
            ("steps", .array(steps.map { s in
                let o = s.obligation
                return .object([
                    ("rule", .string(o.ruleID)), ("subject", CaseJSON.str(o.subject)),
                    ("title", .string(o.title.en)), ("title_zh", .string(o.title.zh)),
                    ("due", CaseJSON.time(o.due)), ("status", .string(o.status.rawValue)),
                    ("limit", .string(s.limit.en)), ("limit_zh", .string(s.limit.zh)),
                    ("article", .string(o.article)), ("citation", .string(s.citation.en)), ("citation_zh", .string(s.citation.zh)),
                    ("responsible", .string(o.responsible == .unassigned ? (c.suggestedDept ?? "unassigned") : o.responsible.code)),
                ])
            })),
        ])
        return out
    }

    /// The department's name; for an unclaimed case, the one suggested to claim it.
    static func responsible(_ r: Responsible, _ c: CaseFile, _ ws: Workspace, _ lang: Language) -> String {
        guard r == .unassigned, let s = c.suggestedDept else { return ObligationTable.responsibleName(r, ws, lang) }
        return ws.deptName(s, lang) + (lang == .zh ? "（建议认领）" : " (to claim)")
    }
}
