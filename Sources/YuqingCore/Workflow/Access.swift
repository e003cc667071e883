/// Where a command runs: the city's real store, a scratch store (in memory, for trying things out), or a drill's
/// own store. Simulated clocks and acting for trainees belong to the last two.
public enum Scene: String, Sendable, Hashable {
    case real, scratch, drill
}

/// The meeting in progress as the permission check needs it: who takes part.
public struct MeetingScene: Hashable, Sendable {
    public var id: EntityID
    /// Department codes recorded as attending (`meeting attend`).
    public var participants: Set<String>
    public init(id: EntityID, participants: Set<String>) {
        self.id = id
        self.participants = participants
    }
}

/// The signed-in operator as the permission check sees them: the login from the system and the person the
/// directory maps it to (nil when it does not know the login). In a drill the operator is the drill's trainer.
public struct OperatorContext: Hashable, Sendable {
    public var login: String
    public var person: Person?
    /// The role the operator acts in: the person's, or `trainer` in a drill (the controller of its own store).
    public var role: Role?

    public init(login: String, person: Person?, role: Role? = nil) {
        self.login = login
        self.person = person
        self.role = role ?? person?.role
    }

    public var recordedBy: Operator { Operator(login: login, name: person?.name) }
}

/// One question to the permission table: may this operator, acting as `actor`, do this here, to this case?
public struct AccessRequest: Sendable {
    public var permission: Permission
    /// The signed-in operator.
    public var by: OperatorContext
    public var actor: Actor
    public var scene: Scene
    public var meeting: MeetingScene?
    public var caseFile: CaseFile?
    /// What the action is about inside the case, when it matters (the extension `X3` being decided).
    public var subject: EntityID?
    /// The directory's department names, for refusals that name departments (code → name).
    public var deptNames: [String: Localized]

    public init(_ permission: Permission, by: OperatorContext, actor: Actor, scene: Scene,
                meeting: MeetingScene? = nil, caseFile: CaseFile? = nil, subject: EntityID? = nil,
                deptNames: [String: Localized] = [:]) {
        self.permission = permission
        self.by = by
        self.actor = actor
        self.scene = scene
        self.meeting = meeting
        self.caseFile = caseFile
        self.subject = subject
        self.deptNames = deptNames
    }

    /// The operator records for someone else: the actor is not the operator's own person.
    public var onBehalf: Bool { by.person?.actor != actor }
}

/// The one authorization path (brief section 6a): who signs in, on whose behalf, with which role, on which case.
public enum Access {
    /// Throws the denial, with its reason in both languages and what to do instead; returns when allowed.
    public static func check(_ r: AccessRequest) throws(WorkflowError) {
        if r.permission == .open { return }
        let op = r.by
        guard let me = op.person, !me.disabled else {
            throw WorkflowError(.denied, Localized(
                zh: "操作员 \(op.login) 不在用户名录中（或已停用），只能查看 help",
                en: "the operator \(op.login) is not in the directory (or is disabled): only `help` is open"),
                next: Localized(zh: "请管理员执行 `user add \(op.login) --name 姓名 --role 角色 --dept 部门`",
                                en: "ask an administrator to run `user add \(op.login) --name NAME --role ROLE --dept DEPT`"))
        }
        // A simulated clock is the drills' and scratch stores' own business.
        if r.permission == .simulateClock && r.scene != .real { return }
        // The installation's settings and the drills are the operator's, whoever they act as at the moment (a
        // trainee at a drill's prompt, a liaison whose paper record an administrator back-fills).
        if r.permission.operatorLevel {
            try r.permission.check(Actor(name: me.name, role: op.role ?? me.role, dept: me.dept), on: nil)
            return
        }
        if r.onBehalf && !r.permission.writesNothing { try checkOnBehalf(r, me) }
        // Looking at a case is a department's for its own cases (`visibleDepartment`): `show C5` of another's case
        // is refused like the listings leave it out. A drill's store is the trainer's, trainees act at its prompt.
        if r.permission == .read, r.scene != .drill, let c = r.caseFile, !maySee(caseOf: c.dept, op) {
            let owner = c.dept.map { r.deptNames[$0] ?? Localized($0) } ?? Localized("")
            let mine = me.dept.map { r.deptNames[$0] ?? Localized($0) } ?? Localized("")
            throw WorkflowError(.denied, Localized(
                zh: "\(c.id) 由\(owner.zh)负责，\(mine.zh)的\(me.role.name.zh)只能查看本部门的案件（以及尚未认领的案件）",
                en: "\(c.id) belongs to \(owner.en); \(me.role.withArticle) of \(mine.en) sees its own department's cases only (and those not yet claimed)"),
                next: Localized(zh: "请协调员查看或交办", en: "ask a coordinator to look at it, or to assign it"))
        }
        try r.permission.check(r.actor, on: r.caseFile, names: r.deptNames)
        try separationOfDuties(r)
    }

    /// Whose cases the operator may see — the one rule every view and listing applies (`show`, `timeline`, `why`
    /// through `check`; `cases`, `count`, `search`, `overdue`, `due`, `watch`, the live lines and their exports through
    /// this scope): nil, every case (coordinators, city leaders, administrators, the patrol office, trainers); a
    /// department's code for a department's own people (liaisons, department leaders), who see that department's
    /// cases and those no department holds yet (collected, to be claimed). Decided by the signed-in operator's own
    /// person, never by whom they record for: `as` cannot widen it. A department role without a department sees
    /// only the unclaimed cases ("").
    public static func visibleDepartment(_ op: OperatorContext) -> String? {
        guard let me = op.person else { return "" }
        switch op.role ?? me.role {
        case .liaison, .leader: return me.dept ?? ""
        case .patrol, .coordinator, .cityLeader, .trainer, .admin: return nil
        }
    }

    /// Whether the operator may see a case of department `dept` (nil: not claimed by any).
    public static func maySee(caseOf dept: String?, _ op: OperatorContext) -> Bool {
        maySee(caseOf: dept, scope: visibleDepartment(op))
    }

    /// Whether a case of department `dept` (nil: not claimed by any) is among those of `scope` (a
    /// `visibleDepartment`: nil, every case): the scope's own cases and the unclaimed. The one test every view,
    /// listing and store applies, as the SQL stores' `dept = ? OR dept IS NULL`.
    public static func maySee(caseOf dept: String?, scope: String?) -> Bool {
        guard let scope, let dept else { return true }
        return dept == scope
    }

    /// Whether the operator may record as `actor` at all (the `as` verb asks before switching).
    public static func mayActAs(_ op: OperatorContext, _ actor: Actor, scene: Scene, meeting: MeetingScene?) throws(WorkflowError) {
        guard let me = op.person, !me.disabled else {
            throw WorkflowError(.denied, Localized(zh: "操作员 \(op.login) 不在用户名录中", en: "the operator \(op.login) is not in the directory"),
                                next: Localized(zh: "请管理员执行 `user add \(op.login) …`", en: "ask an administrator to run `user add \(op.login) …`"))
        }
        if me.actor == actor { return }
        switch op.role {
        case .admin?: return
        case .trainer? where scene == .drill: return
        case .coordinator?:
            guard let m = meeting else {
                throw WorkflowError(.denied, Localized(
                    zh: "协调员只能在会商进行中代为记录（发言、风险研判、会上通报的情况）",
                    en: "a coordinator records on behalf of others only during a meeting (remarks, risk notes, facts reported at the table)"),
                    next: Localized(zh: "先 `meeting open …`，或以本人身份操作", en: "open a meeting first, or act as yourself"))
            }
            // The table speaks as its departments' people: never as an administrator or a trainer, whose
            // powers a coordinator does not hold (`as zz --role admin --dept police` was accepted in a meeting).
            guard actor.role != .admin, actor.role != .trainer else {
                throw WorkflowError(.denied, Localized(
                    zh: "会商中只能代出席单位的人员记录，不能以\(actor.role.name.zh)的身份",
                    en: "in a meeting you record for the attending departments' people, not as \(actor.role.withArticle)"),
                    next: Localized(zh: "例如 `as police` 或 `as 王芳`", en: "e.g. `as police` or `as 王芳`"))
            }
            guard let d = actor.dept, m.participants.contains(d) else {
                throw WorkflowError(.denied, Localized(
                    zh: "\(actor.name) 不是 \(m.id) 的出席单位，不能代为记录",
                    en: "\(actor.name) is not attending \(m.id): you may record only for its participants"),
                    next: Localized(zh: "先 `meeting attend \(actor.dept ?? "部门")`", en: "record attendance first: `meeting attend \(actor.dept ?? "DEPT")`"))
            }
        case .trainer?:
            throw WorkflowError(.denied, Localized(zh: "培训师只能在演练中代学员操作", en: "a trainer acts for trainees inside a drill only"),
                                next: Localized(zh: "用 `drill run 脚本` 开始演练", en: "start one with `drill run SCRIPT`"))
        default:
            throw WorkflowError(.denied, Localized(
                zh: "\(op.role?.name.zh ?? "操作员")只能以本人身份操作",
                en: "\(op.role?.withArticle ?? "an operator") acts only as themselves"),
                next: Localized(zh: "代为记录须由管理员（补录）或会商中的协调员进行",
                                en: "recording for others is for administrators (back-filling) and coordinators in a meeting"))
        }
    }

    private static func checkOnBehalf(_ r: AccessRequest, _ me: Person) throws(WorkflowError) {
        try mayActAs(r.by, r.actor, scene: r.scene, meeting: r.meeting)
        guard r.by.role == .coordinator else { return }
        guard r.permission.recordableInMeeting else {
            throw WorkflowError(.denied, Localized(
                zh: "会商中代为记录限于发言、风险研判和会上通报的情况（认领、研判、报送、核实、跟踪），不能代为\(r.permission.title.zh)",
                en: "in a meeting a coordinator records remarks, risk notes and facts reported at the table (claim, assess, report, verify, follow) for others, not \(r.permission.title.en)"),
                next: Localized(zh: "用 `as \(me.name)` 回到本人身份", en: "return to yourself with `as \(me.name)`"))
        }
    }

    /// Nobody approves or rejects their own extension application, nor reviews their own draft response: not the
    /// person who applied or drafted, nor the operator who typed it (unless an administrator is back-filling both
    /// sides of a paper record, which `audit behalf` lists).
    static func separationOfDuties(_ r: AccessRequest) throws(WorkflowError) {
        guard let c = r.caseFile else { return }
        let backFilling = r.by.role == .admin && r.onBehalf
        func same(person: String?, operator login: String?) -> Bool {
            if let person, person == r.actor.name { return true }
            if let login, login == r.by.login, !backFilling { return true }
            return false
        }
        switch r.permission {
        case .extendDecide:
            guard let x = c.extensions.first(where: { $0.id == r.subject }) else { return }
            if same(person: x.appliedBy, operator: x.appliedOperator) {
                throw WorkflowError(.denied, Localized(
                    zh: "不能审批自己提出（或录入）的延期申请 \(x.id)",
                    en: "you may not decide the extension \(x.id) you applied for (or recorded)"),
                    next: Localized(zh: "须由另一位协调员审批", en: "another coordinator must decide it"))
            }
        case .review:
            guard c.draft != nil else { return }
            if same(person: c.draftBy, operator: c.draftOperator) {
                throw WorkflowError(.denied, Localized(
                    zh: "不能审定自己提交（或录入）的 \(c.id) 回应稿",
                    en: "you may not review the \(c.id) draft you submitted (or recorded)"),
                    next: Localized(zh: "须由另一位协调员审定", en: "another coordinator must review it"))
            }
        default:
            return
        }
    }
}
