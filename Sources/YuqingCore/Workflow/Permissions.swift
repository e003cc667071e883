/// Who may do what (brief section 7). A department acts only on its own cases; only coordinators assign,
/// approve extensions, escalate and review. Kept as one table so `help` and the tests read the same rules.
public enum Permission: String, Sendable, CaseIterable {
    case collect, claim, assign, assess, report, verify, extendApply, extendDecide, escalate, instruct
    case instructionUndertake, instructionSupervise, instructionComplete
    case respond, review, follow, link, close, meeting, decide, patrol, manageDirectory, administer

    /// Roles allowed to perform the action at all.
    public var roles: Set<Role> {
        switch self {
        case .collect: [.patrol, .liaison, .leader, .coordinator]
        case .claim: [.liaison, .leader, .coordinator]
        case .assign, .extendDecide, .escalate, .review, .decide, .instructionSupervise: [.coordinator]
        case .assess: [.liaison, .leader, .coordinator]
        case .report, .verify, .extendApply, .respond, .instructionUndertake: [.liaison, .leader]
        case .instruct: [.cityLeader, .coordinator]
        case .instructionComplete: [.liaison, .leader, .coordinator]
        case .follow, .link, .close: [.liaison, .leader, .coordinator]
        case .meeting: [.coordinator]
        case .patrol: [.patrol, .liaison, .leader, .coordinator]
        case .manageDirectory: [.coordinator, .admin]
        case .administer: [.admin]
        }
    }

    /// Whether the action, done by a department role, must concern that department's own case.
    public var ownCaseOnly: Bool {
        switch self {
        case .claim, .collect, .assign, .extendDecide, .escalate, .review, .decide, .instruct, .instructionSupervise,
             .meeting, .patrol, .manageDirectory, .administer:
            false
        default:
            true
        }
    }

    public var title: Localized {
        switch self {
        case .collect: Localized(zh: "收集", en: "collect")
        case .claim: Localized(zh: "认领", en: "claim")
        case .assign: Localized(zh: "指定认领", en: "assign")
        case .assess: Localized(zh: "研判", en: "assess")
        case .report: Localized(zh: "报送", en: "report")
        case .verify: Localized(zh: "核实", en: "verify")
        case .extendApply: Localized(zh: "申请延期", en: "apply for an extension")
        case .extendDecide: Localized(zh: "审批延期", en: "decide an extension")
        case .escalate: Localized(zh: "上报市领导", en: "escalate")
        case .instruct: Localized(zh: "录入批示", en: "record an instruction")
        case .instructionUndertake: Localized(zh: "承办批示", en: "undertake an instruction")
        case .instructionSupervise: Localized(zh: "督办批示", en: "supervise an instruction")
        case .instructionComplete: Localized(zh: "办结批示", en: "complete an instruction")
        case .respond: Localized(zh: "回应", en: "respond")
        case .review: Localized(zh: "审定回应", en: "review a response")
        case .follow: Localized(zh: "跟踪", en: "follow")
        case .link: Localized(zh: "关联", en: "link")
        case .close: Localized(zh: "办结", en: "close")
        case .meeting: Localized(zh: "主持会商", en: "run a meeting")
        case .decide: Localized(zh: "会商决定", en: "decide")
        case .patrol: Localized(zh: "巡查", en: "patrol")
        case .manageDirectory: Localized(zh: "维护部门名录", en: "manage the directory")
        case .administer: Localized(zh: "系统管理", en: "administer")
        }
    }

    /// Throws a denial naming the rule when `actor` may not do this to `c` (nil: not about a case).
    public func check(_ actor: Actor, on c: CaseFile?) throws(WorkflowError) {
        guard roles.contains(actor.role) else {
            let who = roles.sorted { $0.rawValue < $1.rawValue }
            throw WorkflowError(.denied, Localized(
                zh: "\(actor.role.name.zh)不能\(title.zh)：只有\(who.map(\.name.zh).joined(separator: "、"))可以",
                en: "a \(actor.role.name.en) may not \(title.en): only \(who.map(\.name.en).joined(separator: ", "))"),
                next: Localized(zh: "用 `as 姓名 --role 角色 --dept 部门` 切换身份",
                                en: "switch with `as NAME --role ROLE --dept DEPT`"))
        }
        // Coordinators work across departments; the role check above already kept them from departments' own work.
        guard ownCaseOnly, let c, actor.role != .coordinator else { return }
        guard let mine = actor.dept else {
            throw WorkflowError(.denied, Localized(zh: "没有所属部门，不能\(title.zh)", en: "you have no department, so you may not \(title.en)"),
                                next: Localized(zh: "用 `as 姓名 --dept 部门` 指明部门", en: "name one with `as NAME --dept DEPT`"))
        }
        if let owner = c.dept, owner != mine {
            throw WorkflowError(.denied, Localized(
                zh: "\(c.id) 由 \(owner) 负责，\(mine) 只能处理本部门的案件",
                en: "\(c.id) belongs to \(owner); \(mine) acts on its own cases only"))
        }
        if c.dept == nil {
            throw WorkflowError(.wrongStage, Localized(zh: "\(c.id) 尚未认领", en: "\(c.id) is not claimed yet"),
                                next: Localized(zh: "先 `claim \(c.id)`", en: "claim it first: `claim \(c.id)`"))
        }
    }
}
