import Foundation
import YuqingCore
import YuqingStore

/// Who is signed in on a workspace and where its store stands. The login comes from the system (the OS user
/// running yuqing; the database role on PostgreSQL), never from `$USER` or anything typed.
struct TrustState {
    var login: String
    var scene: Scene
    /// The people of the directory, folded from `personSaved` events, and when they were read.
    var people: People?
    var peopleReadAt: UInt64 = 0
    /// In a drill: the trainer who runs it (the operator of the drill's own store).
    var drillTrainer: Person?
    /// A simulated clock on this (real) store was allowed and logged.
    var simulatedClockLogged = false

    /// The operator of a PostgreSQL store is its database role; of a file or memory store, the OS login (tests of
    /// a debug build may name another on a personal store: `TestOperator`).
    init(store: any Store) {
        login = store.currentRole ?? TestOperator.login(for: store) ?? SecureFiles.login()
        scene = store is MemoryStore ? .scratch : .real
    }

    /// How long a read of the directory is trusted before it is read again (another desk may add or disable
    /// someone); scripts of many commands then read it a few times a second at most.
    static let peopleTTL: UInt64 = 2_000_000_000
}

extension Workspace {
    // MARK: the directory of people

    /// The people of the directory (read again after `TrustState.peopleTTL`).
    func people() throws(ShellError) -> People {
        let now = ScriptBatcher.monotonicNanos()
        if let p = trust.people, now - trust.peopleReadAt < TrustState.peopleTTL { return p }
        let p = try read(Self.people(in:))
        trust.people = p
        trust.peopleReadAt = now
        return p
    }

    func invalidatePeople() { trust.people = nil }

    /// The directory of people kept in a store (folded from its `personSaved` events).
    static func people(in r: any StoreReader) throws -> People {
        People.fold(try r.directoryChanges())
    }

    /// A maintenance verb that opens another store (`store copy --from|--to`) reads or fills all of it, so the
    /// operator must be that store's administrator too — as that store knows them (its own database role on
    /// PostgreSQL, the OS login for a file). A store whose directory is still empty has nobody to ask yet (a new
    /// target, or a store from before operators). A refusal is logged here, like any other.
    func authorizeMaintenance(of other: any Store, _ session: Session, _ inv: Invocation, range: SourceRange?) throws(ShellError) {
        guard other !== store else { return }
        let people = try ShellError.at(range) { try other.read(Self.people(in:)) }
        guard !people.isEmpty else { return }
        let login = other.currentRole ?? SecureFiles.login()
        let them = OperatorContext(login: login, person: people.signedIn(as: login))
        do throws(WorkflowError) {
            try Access.check(AccessRequest(.maintainStore, by: them, actor: them.person?.actor ?? session.actor, scene: .real))
        } catch {
            let reason = Localized(zh: "另一数据库：" + error.message.zh, en: "the other store: " + error.message.en)
            try refuse(reason, hint: error.next, range: range ?? inv.verbRange, session, inv)
        }
    }

    /// The department whose cases the operator may see, nil for every case (`Access.visibleDepartment`, the rule
    /// `show` is checked by): what every listing applies — `cases`, `count`, `search`, `overdue`, `due`, `watch` and
    /// their exports. A drill's store is its trainer's.
    func visibleDepartment() throws(ShellError) -> String? {
        guard trust.scene != .drill else { return nil }
        return Access.visibleDepartment(try operatorContext())
    }

    /// `visibleDepartment`, closed on failure: an operator who cannot be resolved sees only the unclaimed ("").
    func visibleScope() -> String? {
        do { return try visibleDepartment() } catch { return "" }
    }

    /// Whether the operator may see a case of department `dept` (nil: not claimed): `Access.maySee` in this
    /// workspace's scope (`visibleScope`).
    func maySee(caseOf dept: String?) -> Bool { Access.maySee(caseOf: dept, scope: visibleScope()) }

    /// `visibleDepartment` as a listing's condition: the department's cases, and those not claimed yet.
    func visibleCases(and filter: CaseFilter?) throws(ShellError) -> CaseFilter? {
        guard let mine = try visibleDepartment() else { return filter }
        let scope = CaseFilter.or(.compare(.dept, .eq, .text(mine)), .compare(.dept, .eq, .null))
        return filter.map { .and(scope, $0) } ?? scope
    }

    /// Whether the operator may follow a meeting — join it, `meeting show`, its minutes, its live lines, the board:
    /// everyone who sees every case (coordinators, city leaders, administrators, the patrol office, trainers); a
    /// department's people when a case on the agenda is one they see (`Access.visibleDepartment`: their
    /// department's, or one not claimed yet), or their department was recorded as attending (the facilitator's roll
    /// call, `meeting attend`, or one of its people took part). Decided by the signed-in operator, so `as` cannot
    /// widen it.
    func seesMeeting(_ m: Meeting) -> Bool {
        seesMeeting(attendance: m.attendance + m.rollCall, participants: m.participants.map(\.actor), agenda: m.agenda)
    }

    /// The meeting in progress if the operator may follow it (`seesMeeting`), for what names it unasked — the
    /// prompt, the start-up board, `meeting show` and `meeting minutes` without a number: a liaison is not told the
    /// number of a meeting that does not concern their department, nor refused for a look they did not ask for.
    func shownMeeting() -> EntityID? {
        guard let id = openMeeting else { return nil }
        if visibleScope() == nil { return id }
        guard let m = try? meeting(id), seesMeeting(m) else { return nil }
        return id
    }

    /// Refuses (and logs) a look at a meeting the operator may not follow (`seesMeeting`); the refusal names no
    /// topic, agenda or remark of it.
    func requireSeesMeeting(_ m: Meeting, _ session: Session, _ inv: Invocation, range: SourceRange?) throws(ShellError) {
        guard !seesMeeting(m) else { return }
        let mine = visibleScope() ?? ""
        let reason = Localized(
            zh: "\(m.id) 的议程没有\(deptName(mine, .zh))的案件，也未请\(deptName(mine, .zh))出席：部门人员只能参加和查看涉及本部门的会商",
            en: "\(m.id) has no case of \(deptName(mine, .en)) on its agenda and \(deptName(mine, .en)) was not asked to attend: a department's people take part in and see the meetings that concern their department only")
        try refuse(reason, hint: Localized(zh: "请召集的协调员记录本部门出席（meeting attend）", en: "ask the coordinator who convened it to record your department as attending (`meeting attend`)"),
                   range: range ?? inv.verbRange, session, inv)
    }

    /// The rule of `seesMeeting(_:)`, from a meeting's parts (the live line announcing a meeting has only its
    /// opening).
    func seesMeeting(attendance: [String], participants: [Actor], agenda: [EntityID]) -> Bool {
        guard let mine = visibleScope() else { return true }
        if attendance.contains(mine) || participants.contains(where: { $0.dept == mine }) { return true }
        guard !agenda.isEmpty, let cases = try? read({ try $0.cases(ids: agenda) }) else { return false }
        return cases.contains { Access.maySee(caseOf: $0.dept, scope: mine) }
    }

    /// The signed-in operator as the permission table sees them.
    func operatorContext() throws(ShellError) -> OperatorContext {
        if let t = trust.drillTrainer { return OperatorContext(login: trust.login, person: t, role: .trainer) }
        return OperatorContext(login: trust.login, person: try people().signedIn(as: trust.login))
    }

    /// Tells the store who writes (real stores also take the system clock for `recorded`) and the session whom
    /// to show in the prompt. Drills keep their own simulated, operator-free log, so a drill replays byte for byte
    /// whoever runs it.
    func applyOperator(to session: Session) {
        let ctx = (try? operatorContext()) ?? OperatorContext(login: trust.login, person: nil)
        switch trust.scene {
        case .real: store.attribution = Attribution(recordedBy: ctx.recordedBy, clock: SystemClock())
        case .scratch: store.attribution = Attribution(recordedBy: ctx.recordedBy, clock: nil)
        case .drill: store.attribution = nil
        }
        session.operatorName = ctx.person?.name ?? (trust.scene == .drill ? nil : trust.login + "?")
    }

    /// The actor a session starts with: the operator's own person, or the bare login when the directory does not
    /// know it (such an operator can read nothing but `help`).
    func startingActor() -> Actor {
        if let p = try? operatorContext().person { return p.actor }
        return Actor(name: trust.login, role: .patrol, dept: nil)
    }

    /// On a store whose directory is empty, the first operator becomes its administrator; the notice tells them.
    func enrollIfEmpty(_ session: Session) throws(ShellError) -> Localized? {
        guard trust.scene != .drill, try people().isEmpty else { return nil }
        let me = Person(name: trust.login, role: .admin, dept: nil, login: trust.login)
        let at = session.now()
        store.attribution?.recordedBy = Operator(login: trust.login, name: me.name)
        try storeCall {
            try store.write { tx in
                try tx.append(NewEvent(caseID: nil, actor: me.actor, effective: at, recorded: at,
                                       body: .personSaved(person: me), recordedBy: Operator(login: trust.login, name: me.name)),
                              expectedVersion: nil)
                // A new store's index is of today's form: no recompute at its next start (`Workspace.indexKey`).
                if try tx.lastNumber(.caseFile) == 0 { try tx.setMeta(Workspace.indexKey, Workspace.indexVersion) }
            }
        }
        invalidatePeople()
        applyOperator(to: session)
        session.actor = me.actor
        return Localized(
            zh: "你（\(trust.login)）是此数据库的第一位操作员，已登记为管理员。用 `user add 登录名 --name 姓名 --role 角色 --dept 部门` 登记其他人员。",
            en: "You (\(trust.login)) are the first operator of this store and are now its administrator. Add the others with `user add LOGIN --name NAME --role ROLE --dept DEPT`.")
    }

    // MARK: the one authorization path

    /// The meeting in progress and the departments a coordinator may record for: those the facilitator recorded at
    /// the table (`meeting attend`), not those that joined from their own terminals — they speak for themselves.
    func meetingScene() -> MeetingScene? {
        if openMeeting == nil { restoreOpenMeeting() }
        guard let id = openMeeting, let m = try? meeting(id) else { return nil }
        return MeetingScene(id: id, participants: Set(m.rollCall))
    }

    /// Checks a parsed command against the permission table before its handler runs (installed as
    /// `Session.authorize`). A simulated clock on a real store is an administrator's, and logged once.
    func authorizeVerb(_ session: Session, _ inv: Invocation) throws(ShellError) {
        let p = CommandPermissions.permission(for: inv.spec)
        if p == .open { return }
        // Before anyone is in the directory the shell itself is open (`echo`, `set`, `run`…); the first command that
        // reads or writes the store makes the operator its administrator.
        if p == .shell, trust.scene != .drill, try people().isEmpty { return }
        if let notice = try enrollIfEmpty(session) { session.operatorNotice(notice) }
        // A command on a case is checked with its case (folded from its events), so the department and the duties
        // are decided here too and the denial names the case; a case that does not exist is the handler's to report.
        let c = inv.caseArgument.flatMap { a in try? read { try $0.caseFile(a.id) } }
        try authorize(session, inv, p, caseFile: c)
        if trust.scene == .real, p.recordsEvents, session.clock is SimulatedClock, !trust.simulatedClockLogged {
            try authorize(session, inv, .simulateClock)
            try logSimulatedClock(session, to: session.now())
        }
    }

    /// Records that a simulated clock is in force on this real store (`clock set`, `YUQING_NOW`), or that the
    /// system clock is back (`to` nil).
    func logSimulatedClock(_ session: Session, to: Instant?) throws(ShellError) {
        guard trust.scene == .real else { return }
        let at = session.now()
        try storeCall {
            try store.write { tx in
                try tx.append(NewEvent(caseID: nil, actor: session.actor, effective: at, recorded: at,
                                       body: .clockSimulated(to: to)), expectedVersion: nil)
            }
        }
        trust.simulatedClockLogged = to != nil
    }

    /// The one check: may the operator, acting as `actor` (the session's by default), do this, here, to this
    /// case? A denial is logged — operator, verb and reason in both languages — and thrown; nothing else changes.
    func authorize(_ session: Session, _ inv: Invocation, _ permission: Permission, caseFile: CaseFile? = nil,
                   subject: EntityID? = nil, actor: Actor? = nil) throws(ShellError) {
        let op = try operatorContext()
        // The directory could not be read when the shell started (a server that did not answer in time): the store
        // then stamps the bare login. Now that it was read, events name the operator again, and the prompt too.
        if trust.scene != .drill, let stamped = store.attribution?.recordedBy, stamped != op.recordedBy {
            applyOperator(to: session)
        }
        let acting = actor ?? session.actor
        let onBehalfByCoordinator = op.person?.actor != acting && op.role == .coordinator
        // Names only when a refusal may name another department (the own-cases rule), to keep the path cheap.
        let otherDept = caseFile?.dept != nil && caseFile?.dept != acting.dept
        let request = AccessRequest(permission, by: op, actor: acting, scene: trust.scene,
                                    meeting: onBehalfByCoordinator ? meetingScene() : nil,
                                    caseFile: caseFile, subject: subject,
                                    deptNames: otherDept ? ((try? directory()) ?? Directory([])).names : [:])
        do throws(WorkflowError) {
            try Access.check(request)
        } catch {
            if error.kind == .denied {
                try logDenial(session, verb: inv.verbName, caseID: caseFile?.id, reason: error.message,
                          at: (try? session.effectiveTime(inv)) ?? session.now(), actor: acting)
            }
            throw ShellError(caught: error, range: inv.verbRange)
        }
    }

    /// A denied command changes nothing but is logged (brief section 7): the operator is stamped by the store. A
    /// denial that cannot be logged is not passed over: the store's failure is reported instead of the denial, since
    /// the log would miss it.
    /// In a drill the store stamps no operator (its log replays byte for byte whoever runs it), so the denial names
    /// the drill's operator itself — the trainer's login and name — and the drill log's `drill denied` line carries
    /// both languages and the operator, so a replay writes the same event.
    /// Refuses the command with `reason`, logged first as a denial (`audit denials`): a look or an act the
    /// operator may not have, outside the permission table's own check (`authorizeVerb`).
    func refuse(_ reason: Localized, hint: Localized?, range: SourceRange?, _ session: Session,
                _ inv: Invocation) throws(ShellError) -> Never {
        try logDenial(session, verb: inv.verbName, caseID: nil, reason: reason, at: session.now())
        throw ShellError(reason, range: range, hint: hint, kind: .denied)
    }

    func logDenial(_ session: Session, verb: String, caseID: EntityID?, reason: Localized, at: Instant,
                   actor: Actor? = nil) throws(ShellError) {
        let drillOperator = trust.scene == .drill ? (try? operatorContext())?.recordedBy : nil
        try storeCall {
            try store.write { tx in
                try tx.append(NewEvent(caseID: nil, subject: caseID, actor: actor ?? session.actor, effective: at,
                                       recorded: session.now(),
                                       body: .denied(verb: verb, reason: reason.en, reasonZH: reason.zh),
                                       recordedBy: drillOperator),
                              expectedVersion: nil)
            }
        }
    }

    // MARK: `as`

    /// Saves a person of the directory (an event of the operator's own).
    func savePerson(_ p: Person, _ session: Session, at: Instant) throws(ShellError) {
        let me = try operatorContext().person?.actor ?? session.actor
        try storeCall {
            try store.write { tx in
                try tx.append(NewEvent(caseID: nil, actor: me, effective: at, recorded: session.now(),
                                       body: .personSaved(person: p)), expectedVersion: nil)
            }
        }
        invalidatePeople()
        applyOperator(to: session)
    }
}

extension Session {
    /// A line for the person at the terminal, before the command's own answer (in a script, held with it until
    /// the commit).
    public func notice(_ l: Localized) {
        guard let sink = runContext?.sink else { return }
        sink.out(SentenceWrap.text(say(l), width: sink.isTerminal ? sink.width : nil) + "\n")
    }

    /// A line about the operator rather than an answer (the first operator made administrator): on standard error,
    /// so a script's or `-c`'s standard output holds only the answers (it was printed between two of them); held
    /// with the command's answer until its commit, and in order with it on a terminal.
    public func operatorNotice(_ l: Localized) {
        guard let sink = runContext?.sink else { return }
        sink.err(SentenceWrap.text(say(l), width: sink.errWidth) + "\n")
    }
}
