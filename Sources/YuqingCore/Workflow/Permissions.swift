/// Who may do what (brief sections 6a and 7): the one permission table. Every verb of the language names one of
/// these (the shell's `CommandPermissions`), and every check goes through `Access.check`, so `help`, the tests and
/// the denials read the same rules.
///
/// A department acts only on its own cases; only coordinators assign, approve extensions, escalate and review;
/// only administrators change the rules, the calendar, the score formula, the people and the store.
public enum Permission: String, Sendable, CaseIterable {
    /// Anyone, even an operator the directory does not know: `help`, `lang`, `format`, `quit`.
    case open
    /// The shell for people in the directory: variables, history, scripts, `as`, showing the clock.
    case shell
    /// Looking: cases, timelines, meetings, the rules, the calendar, reports and scores.
    case read
    case collect, claim, assign, assess, report, verify, extendApply, extendDecide, escalate, instruct
    case instructionUndertake, instructionSupervise, instructionComplete
    case respond, review, follow, link, close
    /// Convening, attending, changing the agenda of and closing a meeting.
    case meeting
    /// A remark in a meeting.
    case remark
    case decide, patrol
    /// Running and checking drills (each in its own memory store).
    case drill
    /// `dept add`, `dept contact` (Art. 10: contacts are reported to the coordinators).
    case manageDirectory
    /// `user add|list|show|disable`.
    case manageUsers
    /// `policy use|set|name|cutoff|rule|remove`.
    case changePolicy
    /// `calendar load`.
    case loadCalendar
    /// `score formula KEY VALUE|--load|--reset`.
    case changeScoreFormula
    /// `store rebuild`, `store init --shared`.
    case maintainStore
    /// `audit …`: verify the chain and list on-behalf, back-dated and refused entries.
    case audit
    /// `clock set|advance|real` on a real store (drills and scratch stores keep their simulated clocks freely).
    case simulateClock

    /// Roles allowed to perform the action at all.
    public var roles: Set<Role> {
        switch self {
        case .open, .shell, .read: Set(Role.allCases)
        case .collect: [.patrol, .liaison, .leader, .coordinator]
        case .claim: [.liaison, .leader, .coordinator]
        case .assign, .extendDecide, .escalate, .review, .decide, .instructionSupervise: [.coordinator]
        case .assess: [.liaison, .leader, .coordinator]
        case .report, .verify, .extendApply, .respond, .instructionUndertake: [.liaison, .leader]
        case .instruct: [.cityLeader, .coordinator]
        case .instructionComplete: [.liaison, .leader, .coordinator]
        case .follow, .link, .close: [.liaison, .leader, .coordinator]
        case .meeting: [.coordinator]
        case .remark: [.patrol, .liaison, .leader, .coordinator, .cityLeader]
        case .patrol: [.patrol, .liaison, .leader, .coordinator]
        case .drill: [.trainer, .coordinator, .admin]
        case .manageDirectory, .audit: [.coordinator, .admin]
        case .manageUsers, .changePolicy, .loadCalendar, .changeScoreFormula, .maintainStore, .simulateClock: [.admin]
        }
    }

    /// Whether the action, done by a department role, must concern that department's own case.
    public var ownCaseOnly: Bool {
        switch self {
        case .assess, .report, .verify, .extendApply, .respond, .instructionUndertake, .instructionComplete, .follow,
             .link, .close:
            true
        default:
            false
        }
    }

    /// Settings of the installation rather than acts of a person: checked against the operator's own role, whoever
    /// they record for at the moment (an administrator back-filling as a liaison may still set the clock).
    public var operatorLevel: Bool {
        switch self {
        case .drill, .simulateClock, .manageUsers, .changePolicy, .loadCalendar, .changeScoreFormula, .maintainStore,
             .audit:
            true
        default:
            false
        }
    }

    /// Actions that record events of the real store dated by the session's clock (so a simulated clock matters):
    /// not the shell, reading, auditing, drills (their own store), store maintenance, nor the clock itself.
    public var recordsEvents: Bool {
        switch self {
        case .open, .shell, .read, .audit, .drill, .maintainStore, .simulateClock: false
        default: true
        }
    }

    /// Actions that leave the state as it was (reading, the shell itself): allowed to whoever acts, on behalf or not.
    public var writesNothing: Bool { self == .open || self == .shell || self == .read }

    /// What a coordinator may record on behalf of a meeting's participants: remarks, risk notes and the facts
    /// reported at the table (a claim, a judgement, a unit report, a verification, a follow-up).
    public var recordableInMeeting: Bool {
        switch self {
        case .remark, .assess, .claim, .report, .verify, .follow: true
        default: false
        }
    }

    public var title: Localized {
        switch self {
        case .open: Localized(zh: "查看帮助", en: "read the help")
        case .shell: Localized(zh: "使用外壳命令", en: "use the shell")
        case .read: Localized(zh: "查看", en: "look")
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
        case .remark: Localized(zh: "会商发言", en: "speak in a meeting")
        case .decide: Localized(zh: "会商决定", en: "decide")
        case .patrol: Localized(zh: "巡查", en: "patrol")
        case .drill: Localized(zh: "组织演练", en: "run a drill")
        case .manageDirectory: Localized(zh: "维护部门名录", en: "manage the directory")
        case .manageUsers: Localized(zh: "管理用户", en: "manage users")
        case .changePolicy: Localized(zh: "修改时限制度", en: "change the policy")
        case .loadCalendar: Localized(zh: "载入日历", en: "load a calendar")
        case .changeScoreFormula: Localized(zh: "修改计分公式", en: "change the score formula")
        case .maintainStore: Localized(zh: "维护数据库", en: "maintain the store")
        case .audit: Localized(zh: "审计", en: "audit")
        case .simulateClock: Localized(zh: "在正式数据库上使用模拟时钟", en: "simulate the clock on a real store")
        }
    }

    /// An administrator keeps the directory and the store, not cases: the way on is to record as someone who does
    /// (the first operator of a new store is an administrator and meets this first).
    public static let adminHint = Localized(
        zh: "管理员不办理案件：用 `as 姓名 --role 角色 --dept 部门` 以办事人员的身份记录（名录中没有的人员一并登记）",
        en: "administrators do not work cases: record as the person who does with `as NAME --role ROLE --dept DEPT` (someone new is added to the directory)")

    /// Throws a denial naming the rule when `actor` may not do this to `c` (nil: not about a case). The role and
    /// department part of `Access.check`; kept on its own for the drills' scoring of what trainees attempted.
    /// `names`: the directory's department names, so a refusal names departments as a reader knows them.
    public func check(_ actor: Actor, on c: CaseFile?, names: [String: Localized] = [:]) throws(WorkflowError) {
        guard roles.contains(actor.role) else {
            let who = roles.sorted { $0.rawValue < $1.rawValue }
            throw WorkflowError(.denied, Localized(
                zh: "\(actor.role.name.zh)不能\(title.zh)：只有\(who.map(\.name.zh).joined(separator: "、"))可以",
                en: "\(actor.role.withArticle) may not \(title.en): only \(who.map(\.name.en).joined(separator: ", "))"),
                next: actor.role == .admin ? Permission.adminHint
                    : Localized(zh: "请由有权限的人操作（`user list` 查看用户）",
                                en: "ask someone who may (`user list` shows who is who)"))
        }
        // Coordinators work across departments; the role check above already kept them from departments' own work.
        guard ownCaseOnly, let c, actor.role != .coordinator else { return }
        guard let mine = actor.dept else {
            throw WorkflowError(.denied, Localized(zh: "没有所属部门，不能\(title.zh)", en: "you have no department, so you may not \(title.en)"),
                                next: Localized(zh: "请管理员在用户名录中登记部门", en: "ask an administrator to record your department"))
        }
        if let code = c.dept, code != mine {
            let owner = names[code] ?? Localized(code), me = names[mine] ?? Localized(mine)
            throw WorkflowError(.denied, Localized(
                zh: "\(c.id) 由\(owner.zh)负责，\(me.zh)只能处理本部门的案件",
                en: "\(c.id) belongs to \(owner.en); \(me.en) acts on its own cases only"))
        }
        if c.dept == nil {
            throw WorkflowError(.wrongStage, Localized(zh: "\(c.id) 尚未认领", en: "\(c.id) is not claimed yet"),
                                next: Localized(zh: "先 `claim \(c.id)`", en: "claim it first: `claim \(c.id)`"))
        }
    }
}
