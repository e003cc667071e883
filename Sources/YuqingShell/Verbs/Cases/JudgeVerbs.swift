import YuqingCore
import YuqingStore

enum JudgeVerbs {
    static let entries: [CommandEntry] = [Assess.entry, Report.entry, Verify.entry, Liaise.entry, Escalate.entry, Extend.entry, Extensions.entry]

    struct Assess: Verb {
        static let spec = CommandSpec(
            name: "assess", alias: "研判", group: .cases,
            summary: Localized(zh: "研判定级（第七条）", en: "judge a case's level (Art. 7)"),
            synopsis: "assess CASE --level general|high-attention|major-sensitive [--historical] [--note TEXT] [--at TIME]",
            help: Localized(
                zh: "根据内容、公众反应、媒体介入程度和发展态势研判（第七条）。定为重大敏感即开始 2 小时上报市领导的时限（第八条第三款）；关注度高的回应须经会商审定、5 个工作日内发布（第九条）；--historical 标记历史遗留问题，核实调查报告时限为 15 个工作日（第八条第二款）。",
                en: "Judge by content, public reaction, media involvement and trend (Art. 7). Major-sensitive starts the 2-hour escalation to city leaders (Art. 8 ¶3); high-attention responses are reviewed by the coordinators and published within 5 working days (Art. 9); --historical marks a long-standing issue with 15 working days for the verification report (Art. 8 ¶2)."),
            examples: ["assess C7 --level high-attention", "研判 C7 --level 重大敏感 --note \"转发量激增，已有媒体关注\""],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要研判定级的案件", en: "the case to assess")) var caseID: EntityID
        @Option(choices(Level.self), help: Localized(zh: "级别", en: "level")) var level: Level
        @Flag(help: Localized(zh: "历史遗留问题", en: "a historical (long-standing) issue")) var historical: Bool
        @Option(.text, help: Localized(zh: "研判意见", en: "judgement note")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let lv = level
            let acted = try ws.act(session, inv, .assess, caseID: caseID, range: $caseID.range) { c, _, _ in
                [Step(body: try CaseRules.assess(c, level: lv, historical: historical || c.historical, note: note))]
            }
            let c = acted.after
            return ws.answer(Localized(
                zh: "\(c.id) 研判为\(lv.name.zh)\(c.historical ? "（历史遗留问题）" : "")。",
                en: "\(c.id) judged \(lv.name.en)\(c.historical ? " (historical issue)" : "")."), acted, session)
        }
    }

    struct Report: Verb {
        static let spec = CommandSpec(
            name: "report", alias: "报送", group: .cases,
            summary: Localized(zh: "2 小时内向本单位领导报送舆情及处置建议（第八条第一款）", en: "the 2-hour report to the unit's leaders (Art. 8 ¶1)"),
            synopsis: "report CASE [--text TEXT | <<END … END] [--at TIME] | report special CASE | report monthly MONTH | report daily [DATE]",
            help: Localized(
                zh: "认领后 2 小时内，将舆情及处置建议报送本单位主要领导和分管领导，同时抄送政务公开办、网宣办（第八条第一款），形成本单位的网络舆情日志或专报。",
                en: "Within 2 hours of the claim, report the opinion and the disposal suggestion to the unit's main and supervising leaders, copying the coordinators (Art. 8 ¶1): the unit's opinion log entry or special report."),
            examples: ["report C7 --text \"已核查，拟由供水公司发布水质检测结果\"", "报送 C7 <<END\n舆情概况：……\n处置建议：……\nEND"],
            subverbs: [SpecialReport.entry, PeriodReports.Monthly.entry, PeriodReports.Daily.entry],
            mutates: true, textBlock: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要报告的案件", en: "the case to report")) var caseID: EntityID
        @Option(.text, help: Localized(zh: "报送内容", en: "report text"), fromBlock: true) var text: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let text = self.text
            let acted = try ws.act(session, inv, .report, caseID: caseID, range: $caseID.range) { c, _, _ in [Step(body: try CaseRules.unitReport(c, text: text))] }
            return ws.answer(Localized(zh: "\(acted.after.id) 已向单位领导报送，并抄送政务公开办、网宣办。",
                                       en: "\(acted.after.id) reported to the unit's leaders, copied to the coordinators."), acted, session)
        }
    }

    struct Verify: Verb {
        static let spec = CommandSpec(
            name: "verify", alias: "核实", group: .cases,
            summary: Localized(zh: "形成核实调查报告（第八条第二款）", en: "file the verification investigation report (Art. 8 ¶2)"),
            synopsis: "verify CASE --summary TEXT [--file PATH] [--at TIME]",
            help: Localized(
                zh: "认领后 5 个工作日内（历史遗留问题 15 个工作日，获批延期的顺延）形成核实调查报告（第八条第二款）。回应时限从此起算（第九条）。",
                en: "Within 5 working days of the claim (15 for historical issues, plus approved extensions) the department files its verification investigation report (Art. 8 ¶2). The response clock starts here (Art. 9)."),
            examples: ["verify C7 --summary \"经检测水质达标，发黄系管网检修所致\" --file 核实报告.docx"],
            mutates: true, textBlock: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要核实的案件", en: "the case to verify")) var caseID: EntityID
        @Option(.text, help: Localized(zh: "报告摘要", en: "summary"), fromBlock: true) var summary: String
        @Option(.path, help: Localized(zh: "报告文件", en: "report file")) var file: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let acted = try ws.act(session, inv, .verify, caseID: caseID, range: $caseID.range) { c, _, _ in
                [Step(body: try CaseRules.verify(c, summary: summary, file: file))]
            }
            return ws.answer(Localized(zh: "\(acted.after.id) 已形成核实调查报告。", en: "\(acted.after.id): verification report filed."), acted, session)
        }
    }

    struct Liaise: Verb {
        static let spec = CommandSpec(
            name: "liaise", alias: "衔接", group: .cases,
            summary: Localized(zh: "重大敏感舆情与政务公开办、网宣办核实衔接（第八条第三款）",
                               en: "record the verification and liaison with the coordinators on a major-sensitive case (Art. 8 ¶3)"),
            synopsis: "liaise CASE [--note TEXT] [--at TIME]",
            help: Localized(
                zh: "重大敏感舆情，相关部门单位及时主动与政务公开办、网宣办核实衔接后，由政务公开办、网宣办于 2 小时内统筹报送市领导（第八条第三款）。设置 `policy reading escalation-from liaison` 时，2 小时自此起算（默认自研判起算）。",
                en: "For a major-sensitive case the department verifies and liaises with the coordinators, who then report to the city leaders within 2 hours (Art. 8 ¶3). With `policy reading escalation-from liaison` the 2 hours run from this (by default from the judgement)."),
            examples: ["liaise C7 --note \"已与网宣办核实事实\""],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要会商的案件", en: "the case to liaise on")) var caseID: EntityID
        @Option(.text, help: Localized(zh: "说明", en: "note")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let acted = try ws.act(session, inv, .assess, caseID: caseID, range: $caseID.range) { c, _, _ in
                [Step(body: try CaseRules.liaise(c, note: note))]
            }
            let c = acted.after
            return ws.answer(Localized(zh: "\(c.id) 已与政务公开办、网宣办核实衔接。", en: "\(c.id): verified and liaised with the coordinators."),
                             acted, session)
        }
    }

    struct Escalate: Verb {
        static let spec = CommandSpec(
            name: "escalate", alias: "上报", group: .cases,
            summary: Localized(zh: "重大敏感舆情报市领导（第八条第三款）", en: "report a major-sensitive case to city leaders (Art. 8 ¶3)"),
            synopsis: "escalate CASE [--note TEXT] [--at TIME]",
            help: Localized(
                zh: "研判为重大敏感的舆情，由政务公开办、网宣办在 2 小时内统筹报送市领导（第八条第三款）。仅协调员可以上报。",
                en: "Major-sensitive cases are reported to the city leaders by the coordinating offices within 2 hours of the judgement (Art. 8 ¶3). Coordinators only."),
            examples: ["escalate C7 --note \"已报分管副市长\""],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要升级的案件", en: "the case to escalate")) var caseID: EntityID
        @Option(.text, help: Localized(zh: "说明", en: "note")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let acted = try ws.act(session, inv, .escalate, caseID: caseID, range: $caseID.range) { c, _, _ in
                [Step(body: try CaseRules.escalate(c, note: note))]
            }
            let c = acted.after
            let extra = escalationTiming(acted).map { [$0] } ?? []
            return ws.answer(Localized(zh: "\(c.id) 已报送市领导。", en: "\(c.id) reported to the city leaders."), acted, session, extra: extra)
        }
    }

    /// How long after the major-sensitive judgement an escalation came, against its 2 hours (Art. 8 ¶3).
    /// Shared by `escalate` and `decide … escalate`.
    static func escalationTiming(_ acted: Acted) -> Localized? {
        guard let start = acted.after.majorSensitiveAt else { return nil }
        let took = acted.at - start
        let t = SpanText.of(took, dayParts: true)
        return took <= .hours(2)
            ? Localized(zh: "研判后 \(t.zh)上报，在 2 小时时限内。", en: "Escalated \(t.en) after the judgement, within the 2 hours.")
            : Localized(zh: "研判后 \(t.zh)才上报，超过 2 小时时限（第八条第三款）。", en: "Escalated \(t.en) after the judgement: later than the 2 hours (Art. 8 ¶3).")
    }

    struct Extend: Verb {
        static let spec = CommandSpec(
            name: "extend", alias: "延期", group: .cases,
            summary: Localized(zh: "申请或审批延长办理时限（第八条第二款）", en: "apply for or decide an extension (Art. 8 ¶2)"),
            synopsis: "extend CASE --days N --reason TEXT | extend approve X [--days N] | extend reject X --reason TEXT",
            help: Localized(
                zh: "特殊情况需延长办理时限的，部门应在认领后 3 个工作日内向政务公开办、网宣办提出书面申请（第八条第二款），逾期不予受理。协调员批准后核实调查报告时限顺延批准的工作日数，其后的回应时限随之顺延。",
                en: "Where special circumstances need more time, the department applies in writing to the coordinators within 3 working days of the claim (Art. 8 ¶2); later applications are refused. Approval moves the verification deadline by the approved working days, and the response clocks after it follow."),
            examples: ["extend C7 --days 5 --reason \"需第三方检测机构出具报告\"", "extend approve X1", "extend approve X1 --days 3", "extend reject X1 --reason \"理由不充分\""],
            subverbs: [ExtendApprove.entry, ExtendReject.entry],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "申请延期的案件", en: "the case to extend")) var caseID: EntityID
        @Option(.integer(Limits.extensionDays), help: Localized(zh: "延长的工作日数", en: "working days")) var days: Int
        @Option(.text, help: Localized(zh: "理由", en: "reason")) var reason: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let days = self.days, reason = self.reason
            var xid: EntityID?
            let acted = try ws.act(session, inv, .extendApply, caseID: caseID, range: $caseID.range) { c, at, tx in
                let window = try ws.engine.extensionWindow(for: c)
                let id = try tx.nextID(.extensionRequest)
                xid = id
                return [Step(body: try CaseRules.applyExtension(c, id: id, days: days, reason: reason, at: at, window: window), subject: id)]
            }
            let id = xid.map(\.description) ?? "?"
            var out = ws.answer(Localized(zh: "\(acted.after.id) 已提出延期申请 \(id)（\(days) 个工作日），待协调员审批。",
                                          en: "\(acted.after.id): extension \(id) applied for (\(RuleClock.workingDays(days).text.en)), awaiting the coordinators."), acted, session)
            out.created = xid
            return out
        }
    }

    struct ExtendApprove: Verb {
        static let spec = CommandSpec(
            name: "approve", alias: "批准", group: .cases,
            summary: Localized(zh: "批准延期申请", en: "approve an extension"),
            synopsis: "extend approve X [--days N] [--note TEXT] [--at TIME]",
            mutates: true)

        @Argument(.id(.extensionRequest), name: "extension",
                  help: Localized(zh: "延期申请编号", en: "the extension request (such as X3)")) var xid: EntityID
        @Option(.integer(Limits.extensionDays), help: Localized(zh: "批准的工作日数（默认按申请）", en: "approved working days (default: as applied)")) var days: Int?
        @Option(.text, help: Localized(zh: "批准意见", en: "the coordinators' note on the approval")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let xid = self.xid, days = self.days, note = self.note
            let caseID = try ws.caseOf(xid, range: $xid.range)
            let acted = try ws.act(session, inv, .extendDecide, caseID: caseID, range: $xid.range, subject: xid) { c, _, _ in
                [Step(body: try CaseRules.decideExtension(c, id: xid, approve: true, days: days, reason: note), subject: xid)]
            }
            if case let .approved(_, days)? = acted.after.extensions.first(where: { $0.id == xid })?.decision {
                return ws.answer(Localized(zh: "\(xid) 已批准：\(caseID) 核实调查报告时限顺延 \(days) 个工作日。",
                                           en: "\(xid) approved: \(caseID)'s verification deadline moves by \(RuleClock.workingDays(days).text.en)."), acted, session)
            }
            return ws.answer(Localized(zh: "\(xid) 已驳回，\(caseID) 时限不变。", en: "\(xid) rejected; \(caseID)'s deadlines stand."), acted, session)
        }
    }

    struct ExtendReject: Verb {
        static let spec = CommandSpec(
            name: "reject", alias: "驳回", group: .cases,
            summary: Localized(zh: "驳回延期申请", en: "reject an extension"),
            synopsis: "extend reject X --reason TEXT [--at TIME]",
            mutates: true)

        @Argument(.id(.extensionRequest), name: "extension",
                  help: Localized(zh: "延期申请编号", en: "the extension request (such as X3)")) var xid: EntityID
        @Option(.text, help: Localized(zh: "驳回理由", en: "why it is rejected")) var reason: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let xid = self.xid, reason = self.reason
            let caseID = try ws.caseOf(xid, range: $xid.range)
            let acted = try ws.act(session, inv, .extendDecide, caseID: caseID, range: $xid.range, subject: xid) { c, _, _ in
                [Step(body: try CaseRules.decideExtension(c, id: xid, approve: false, days: nil, reason: reason), subject: xid)]
            }
            return ws.answer(Localized(zh: "\(xid) 已驳回，\(caseID) 时限不变。", en: "\(xid) rejected; \(caseID)'s deadlines stand."), acted, session)
        }
    }

    struct Extensions: Verb {
        static let spec = CommandSpec(
            name: "extensions", alias: "延期申请", group: .queries,
            summary: Localized(zh: "列出待审批的延期申请", en: "list pending extension applications"),
            synopsis: "extensions [--all] [--dept DEPT]",
            help: Localized(
                zh: "列出待审批的延期申请（--all 包括已审批和已驳回的），按案件排列。联络员和部门负责人只看到本部门案件的申请；--dept 只列某部门案件的申请，部门人员指定其他部门会被拒绝并记录。",
                en: "Lists the extension applications waiting for a decision (--all: decided ones too), in case order. Liaisons and department leaders see their own department's cases' applications only; --dept lists one department's, and a department's people naming another department are refused, and it is logged."),
            examples: ["extensions", "extensions --all --dept police", "extensions --format csv"])

        @Flag(help: Localized(zh: "包括已审批的", en: "include decided ones")) var all: Bool
        @Option(.department, help: Localized(zh: "只列此部门案件的申请", en: "only this department's cases' applications")) var dept: String?

        static let columns = [
            Column("id", Localized(zh: "编号", en: "id")), Column("case", Localized(zh: "案件", en: "case")),
            Column("dept", Localized(zh: "部门", en: "department")), Column("days", Localized(zh: "工作日", en: "days"), align: .right),
            Column("reason", Localized(zh: "理由", en: "reason")), Column("applied", Localized(zh: "申请时间", en: "applied")),
            Column("state", Localized(zh: "状态", en: "state")),
        ]

        static func cells(_ x: ExtensionRequest, ws: Workspace, lang: Language) -> [Cell] {
            let state: Localized = switch x.state {
            case .pending: Localized(zh: "待审批", en: "pending")
            case .approved: Localized(zh: "已批准 \(x.approvedDays ?? x.days) 天", en: "approved \(x.approvedDays ?? x.days) days")
            case .rejected: Localized(zh: "已驳回", en: "rejected")
            }
            return [.id(x.id), .id(x.caseID), .text(ws.deptName(x.dept, lang)), .integer(x.days),
                    .text(x.reason), .deadline(x.appliedAt), .localized(state)]
        }

        /// Streamed from the store's index of applications (`RowStream`): no case is decoded, and a city's
        /// applications (`--all`) never sit in memory at once. An empty list is a sentence.
        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let all = all
            // A department's people see the applications of the cases they see (`Access.visibleDepartment`, chosen
            // by the store); naming another department is refused and logged, like `show` of another's case.
            let asked = try dept.map { key throws(ShellError) in try ws.department(key, range: $dept.range).code }
            let mine = try ws.visibleDepartment()
            if let mine, let asked, asked != mine {
                let reason = Localized(zh: "部门人员只能查看本部门（\(ws.deptName(mine, .zh))）案件的延期申请",
                                       en: "a department's people see their own department's (\(ws.deptName(mine, .en))) extension applications only")
                try ws.refuse(reason, hint: Localized(zh: "用 extensions 列出本部门的", en: "`extensions` lists your department's"),
                              range: $dept.range, session, inv)
            }
            let scope = mine ?? asked
            var any = false
            try ws.read { r in try r.forEachExtensionRequest(all: all, visibleTo: scope) { _ in any = true; return false } }
            if !any { return CommandOutput(zh: "没有待审批的延期申请。", en: "No pending extension applications.") }
            // Departments are named inside the cursor: the directory is read now (reading the store there again
            // is not allowed).
            _ = try ws.directory()
            let lang = session.language
            let json = Renderer(language: lang, format: .json)
            return CommandOutput(stream: RowStream(title: Localized(zh: "延期申请", en: "Extension applications"),
                                                   columns: Self.columns) { asJSON, emit throws(ShellError) in
                try ws.read { r in
                    try r.forEachExtensionRequest(all: all, visibleTo: scope) { x in
                        let cells = Self.cells(x, ws: ws, lang: lang)
                        emit(asJSON ? .json(.object(Self.columns.indices.map { (Self.columns[$0].key, json.cellJSON(cells[$0])) }))
                                    : .cells(cells))
                        return true
                    }
                }
            })
        }
    }
}
