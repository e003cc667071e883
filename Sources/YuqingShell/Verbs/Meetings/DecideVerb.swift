import YuqingCore
import YuqingStore

/// `decide CASE ACTION [ARG] [TEXT]`: a decision of the meeting that becomes a real event of the case, through the
/// same stage rules as the verbs (so a decision can be refused for the same reasons), plus a `decided` event that
/// keeps the meeting's wording for the minutes. Both in one transaction.
struct DecideVerb: Verb {
    static let actionChoices: [Choice] = DecisionAction.codes.map { Choice($0.code, zh: $0.zh) }

    static let spec = CommandSpec(
        name: "decide", alias: "决定", group: .meetings,
        summary: Localized(zh: "会商决定：上报、指定、网上引导、批准延期、审定回应、定级（协调员）", en: "a meeting's decision: escalate, assign, guidance, approve an extension or a response, set the level (coordinators)"),
        synopsis: "decide CASE escalate|assign DEPT|guidance|approve-extension X [DAYS]|approve-response|level LEVEL [TEXT] [--at TIME]",
        help: Localized(
            zh: "每项决定都成为案件的事件，并按制度开始或结束相应时限：escalate 报市领导（须先研判为重大敏感，第八条第三款）；assign DEPT 指定办理部门（第六条）；guidance 由网宣办安排网评员引导（第七条）；approve-extension X [天数] 批准延期申请（第八条第二款）；approve-response 审定关注度高舆情的回应稿（第九条）；level LEVEL 研判定级（第七条）。只有协调员可以作出决定。",
            en: "Each decision becomes an event of the case and starts or ends clocks as the rules say: escalate to the city leaders (major-sensitive cases, Art. 8 ¶3); assign DEPT (Art. 6); guidance by the network propaganda office's commentators (Art. 7); approve-extension X [DAYS] (Art. 8 ¶2); approve-response for a high-attention draft (Art. 9); level LEVEL (Art. 7). Coordinators only."),
        examples: ["decide C7 escalate \"报分管副市长\"", "decide C9 assign police \"由市公安局牵头核查\"", "决定 C7 引导 \"网宣办安排网评员发布权威信息\"",
                   "decide C7 approve-extension X1 3", "decide C9 approve-response", "decide C7 level major-sensitive"],
        mutates: true, textBlock: true)

    @Argument(.id(.caseFile), name: "case",
              help: Localized(zh: "会议决定所涉的案件", en: "the case the decision is about")) var caseID: EntityID
    @Argument(.choice(actionChoices), name: "action",
              help: Localized(zh: "决定事项（升级、交办、指导、批准延期、批准回应、定级）", en: "what is decided (escalate, assign, guidance, approve an extension or the response, set the level)")) var action: String
    /// What the action takes (a department, an extension and days, a level), then the meeting's wording.
    @Argument(.text, name: "args",
              help: Localized(zh: "决定事项的参数（部门、延期申请及天数、级别）及说明", en: "the decision's arguments (department, extension and days, level) and a note")) var args: [String]

    /// The action as typed, its arguments resolved; `text` is what is left.
    struct Parsed {
        var code: String
        var dept: Department?
        var ext: EntityID?
        var days: Int?
        var level: Level?
        var text: String?
    }

    func parse(_ inv: Invocation, _ ws: Workspace) throws(ShellError) -> Parsed {
        let code = DecisionAction.code(of: action) ?? action
        let a = $action
        var args = $args.args
        var p = Parsed(code: code)
        func missing(_ zh: String, _ en: String) -> ShellError {
            ShellError(Localized(zh: zh, en: en), range: a.range, hint: Localized(zh: "用法：\(inv.spec.usage)", en: "usage: \(inv.spec.usage)"))
        }
        switch code {
        case "assign":
            guard let d = args.first, let key = d.text else { throw missing("assign 需要部门：decide C7 assign police", "assign needs a department: decide C7 assign police") }
            p.dept = try ws.department(key, range: d.range)
            args.removeFirst()
        case "approve-extension":
            guard let x = args.first, let id = x.text.flatMap({ EntityID(parsing: $0) }), id.kind == .extensionRequest else {
                throw missing("approve-extension 需要延期申请编号：decide C7 approve-extension X1 [天数]",
                              "approve-extension needs the extension id: decide C7 approve-extension X1 [DAYS]")
            }
            p.ext = id
            args.removeFirst()
            // The number of days is checked against the same range as `extend --days`.
            if let d = args.first, Int(d.raw) != nil || d.raw.allSatisfy({ $0.isASCII && $0.isNumber }) {
                p.days = Int.value(try ValueParser.parse(d.raw, kind: .integer(Limits.extensionDays), range: d.range,
                                                         session: nil, name: "DAYS"))
                args.removeFirst()
            }
        case "level":
            guard let l = args.first, let lv = l.text.flatMap({ Level(code: $0) }) else {
                throw missing("level 需要级别：general、high-attention、major-sensitive", "level needs a level: general, high-attention, major-sensitive")
            }
            p.level = lv
            args.removeFirst()
        default:
            break
        }
        // A `<<END` block also fills the last positional; it is added once, below.
        let words = args.filter { inv.textBlock == nil || $0.raw != inv.textBlock }.compactMap(\.text)
        let block = inv.textBlock.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
        let joined = words.isEmpty ? nil : words.joined(separator: " ")
        p.text = [joined, block].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
        if p.text?.isEmpty == true { p.text = nil }
        return p
    }

    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
        let p = try parse(inv, ws)
        if ws.openMeeting == nil { ws.restoreOpenMeeting() }
        let mid = ws.openMeeting
        var agenda: [EntityID] = []
        if let mid { agenda = try ws.meeting(mid).agenda }
        var action: DecisionAction?
        // Approving in a meeting is still approving: nobody decides their own application or reviews their own draft.
        switch p.code {
        case "approve-extension": try ws.authorize(session, inv, .extendDecide, caseID: caseID, range: $caseID.range, subject: p.ext)
        case "approve-response": try ws.authorize(session, inv, .review, caseID: caseID, range: $caseID.range)
        default: break
        }
        var designates = false
        let acted = try ws.act(session, inv, .decide, caseID: caseID, range: $caseID.range) { c, at, _ in
            var steps: [Step] = []
            if let mid, !agenda.contains(c.id) {
                steps.append(Step(body: .agendaChanged(meeting: mid, caseID: c.id, added: true), subject: mid))
            }
            let a: DecisionAction
            switch p.code {
            case "escalate":
                a = .escalate
                steps.append(Step(body: try CaseRules.escalate(c, note: p.text)))
            case "assign":
                guard let d = p.dept else { throw WorkflowError(.usage, Localized(zh: "缺少部门", en: "no department")) }
                let assignment = try CaseRules.assign(c, dept: d, claimDue: try ws.engine.claimDue(of: c), at: at, note: p.text)
                a = .assign(dept: d.code)
                designates = assignment.designates
                steps.append(Step(body: assignment.body))
            case "guidance":
                a = .guidance
                steps.append(Step(body: try MeetingRules.guidance(c, note: p.text)))
            case "approve-extension":
                guard let x = p.ext else { throw WorkflowError(.usage, Localized(zh: "缺少延期申请编号", en: "no extension id")) }
                let body = try CaseRules.decideExtension(c, id: x, approve: true, days: p.days, reason: p.text)
                var days = p.days
                if case let .extensionApproved(_, d, _) = body { days = d }
                a = .approveExtension(X: x, days: days)
                steps.append(Step(body: body, subject: x))
            case "approve-response":
                a = .approveResponse
                steps.append(Step(body: try CaseRules.review(c, approve: true, note: p.text)))
            default:
                guard let lv = p.level else { throw WorkflowError(.usage, Localized(zh: "缺少级别", en: "no level")) }
                a = .level(lv)
                steps.append(Step(body: try CaseRules.assess(c, level: lv, historical: c.historical, note: p.text)))
            }
            action = a
            steps.append(Step(body: .decided(meeting: mid, action: a.stored, text: p.text), subject: mid))
            return steps
        }
        return ws.answer(Self.sentence(action, acted, ws, designates: designates), acted, session, extra: Self.extra(action, acted))
    }

    /// What was decided, in one sentence; `designates`: an assignment that designated the case (Art. 6).
    static func sentence(_ action: DecisionAction?, _ acted: Acted, _ ws: Workspace, designates: Bool) -> Localized {
        let c = acted.after
        let id = c.id
        let prefix = Localized(zh: "会商决定：", en: "Decided: ")
        let body: Localized
        switch action {
        case .escalate?:
            body = Localized(zh: "\(id) 由政务公开办、网宣办报送市领导。", en: "\(id) is reported to the city leaders by the coordinators.")
        case .assign(let d)?:
            body = Localized(zh: "\(id) 指定由\(ws.deptName(d, .zh))办理\(designates ? "（超过认领时限，记为指定认领）" : "")。",
                             en: "\(id) assigned to \(ws.deptName(d, .en))\(designates ? " (past the claim deadline: recorded as designated)" : "").")
        case .guidance?:
            body = Localized(zh: "网宣办安排网评员对 \(id) 开展网上引导。", en: "the network propaganda office arranges online guidance on \(id).")
        case let .approveExtension(x, days)?:
            let n = days.map(String.init) ?? "?"
            body = Localized(zh: "批准 \(x)，\(id) 核实调查报告时限顺延 \(n) 个工作日。", en: "\(x) approved: \(id)'s verification deadline moves by \(days.map { RuleClock.workingDays($0).text.en } ?? "? working days").")
        case .approveResponse?:
            body = Localized(zh: "\(id) 回应稿经会商审定通过，可以发布：`respond \(id) --publish --channel …`。",
                             en: "\(id)'s response draft is approved; publish with `respond \(id) --publish --channel …`.")
        case .level(let l)?:
            body = Localized(zh: "\(id) 定为\(l.name.zh)舆情。", en: "\(id) judged \(l.name.en).")
        case nil:
            body = Localized(zh: "\(id)。", en: "\(id).")
        }
        return Localized(zh: prefix.zh + body.zh, en: prefix.en + body.en)
    }

    /// Timing remarks: an escalation against its 2 hours (Art. 8 ¶3).
    static func extra(_ action: DecisionAction?, _ acted: Acted) -> [Localized] {
        guard case .escalate? = action else { return [] }
        return JudgeVerbs.escalationTiming(acted).map { [$0] } ?? []
    }
}
