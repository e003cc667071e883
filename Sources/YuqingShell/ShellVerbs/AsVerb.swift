import YuqingCore
import YuqingStore

extension ShellVerbs {
    static let roleChoices = Role.allCases.map { Choice($0.rawValue, zh: $0.name.zh, help: $0.name) }

    /// `as`: whom the following events are attributed to. The operator signed in is always recorded next to them;
    /// acting for someone else is a facilitator's tool within limits (docs/security.md): an administrator may act
    /// for anyone (back-filling paper records, replaying a recorded script), a coordinator for a meeting's
    /// participants while it is open, a trainer for trainees inside a drill. Everyone else acts as themselves.
    struct AsVerb: Verb {
        static let spec = CommandSpec(
            name: "as", alias: "身份", group: .shell,
            summary: .both("设定以谁的名义记录（代为记录有限制）", "set on whose behalf you record (within limits)"),
            synopsis: "as [NAME|DEPT|me] [--role ROLE] [--dept DEPT]",
            help: .both("登录的操作员来自系统，不能更改；as 只决定事件记在谁的名下，操作员一并记录（“由 某某 代录”）。管理员可代任何人补录；协调员只能在会商进行中代出席单位记录发言、风险研判和会上通报的情况；培训师只能在演练中代学员操作；其他人只能以本人身份操作。NAME 须是名录中的人员或一个部门（如 police，以该部门联络员名义）；名录中没有的新人员须给出 --role 和 --dept，并记入名录。as me 回到本人身份；不带参数时显示当前身份。",
                        "The signed-in operator comes from the system and cannot be changed; `as` only says whom the events are attributed to, and the operator is recorded with them (\"recorded by …\"). An administrator may act for anyone (back-filling); a coordinator records remarks, risk notes and facts reported at the table for a meeting's participants while it is open; a trainer acts for trainees inside a drill; everyone else acts as themselves. NAME must be a person of the directory or a department (police: as its liaison); a new person needs --role and --dept and is added to the directory. `as me` returns to yourself; without arguments shows who acts."),
            examples: ["as police", "as 张三 --role liaison --dept police", "as me", "身份 李四"])

        @Argument(.word, name: "NAME", help: .both("姓名、部门，或 me（本人）", "a person's name, a department, or me")) var name: String?
        @Option(.choice(roleChoices), help: .both("角色（新人员）", "role (a new person)"), alias: "角色") var role: Role?
        @Option(.department, help: .both("所在部门（新人员；代码或中文名）", "department (a new person; code or Chinese name)"), alias: "部门") var dept: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            guard let ws = session.service(Workspace.self) else { return try unchecked(session) }
            guard let name else { return describe(session) }
            try TextLimits.check(name, TextLimits.name, Localized(zh: "姓名", en: "the name"), range: $name.range)
            if let notice = try ws.enrollIfEmpty(session) { session.operatorNotice(notice) }
            let op = try ws.operatorContext()
            let target: Actor
            var newPerson: Person?
            if ws.trust.scene == .drill {
                // A drill's own store: its roster decides who a name is (a trainee acts with the role and department
                // it declares); without a roster, the trainees are whoever the script names. The trainer acts for them.
                let resolved: Actor?
                do throws(ShellError) {
                    resolved = try ShellError.at($name.range, { try session.domain?.person(named: name, role: role, dept: dept, session: session) })
                } catch {
                    // A name not on the roster (or a trainee's role changed) is a denial like any other: logged.
                    if error.kind == .denied {
                        try ws.logDenial(session, verb: "as", caseID: nil, reason: error.message, at: session.now())
                    }
                    throw error
                }
                if let actor = resolved {
                    target = actor
                } else {
                    target = try unchecked(name, session).actor
                }
            } else if ["me", "本人"].contains(name) || name == op.person?.name || name == ws.trust.login {
                guard let me = op.person else { throw try ws.notInDirectory(session, inv) }
                // `as 李娜 --role admin` typed by 李娜 herself: refused like anyone else's role, not silently ignored.
                if let r = role, r != me.role { throw mismatch(me, session, inv, $role.range) }
                if let d = dept, d != me.dept { throw mismatch(me, session, inv, $dept.range) }
                target = me.actor
            } else if let person = try ws.people().named(name) {
                if let r = role, r != person.role { throw mismatch(person, session, inv, $role.range) }
                if let d = dept, d != person.dept { throw mismatch(person, session, inv, $dept.range) }
                target = person.actor
            } else if let code = try? session.domain?.departmentCode(name) {
                // A department acts through its own people: its liaison (the default) or its leader — not as an
                // administrator or a coordinator (`as police --role admin` recorded 市公安局（管理员）).
                if let r = role, ![Role.liaison, .leader].contains(r) {
                    throw ShellError(Localized(zh: "以部门名义只能作为其联络员或部门领导（--role liaison 或 leader），不能以\(r.name.zh)的角色",
                                               en: "a department acts as its liaison or its leader (--role liaison or leader), not with the role \(r.name.en)"),
                                     range: $role.range, kind: .usage)
                }
                target = Actor(name: session.domain?.departmentName(code, session.language) ?? name, role: role ?? .liaison, dept: code)
            } else if let r = role {
                guard dept != nil || [.cityLeader, .admin, .trainer].contains(r) else {
                    throw ShellError(Localized(zh: "登记新人员 \(name) 须给出 --dept", en: "a new person \(name) needs --dept"),
                                     range: $name.range, kind: .usage)
                }
                newPerson = Person(name: name, role: r, dept: dept)
                target = Actor(name: name, role: r, dept: dept)
            } else {
                let known = try ws.people().all.map(\.name) + ((try? ws.directory().departments.flatMap { [$0.code, $0.nameZH] }) ?? [])
                let hint = Suggest.nearest(name, among: known)
                throw ShellError(Localized(zh: "名录中没有“\(name)”，也没有这个部门", en: "“\(name)” is neither a person of the directory nor a department"),
                                 range: $name.range,
                                 hint: hint.map { Localized(zh: "是否想输入 \($0)？新人员须给出 --role 和 --dept", en: "did you mean \($0)? A new person needs --role and --dept") }
                                    ?? Localized(zh: "新人员须给出 --role 和 --dept（`user list` 查看名录）", en: "a new person needs --role and --dept (`user list` shows the directory)"),
                                 kind: .notFound)
            }
            // Whether this operator may record for them at all; actions are checked again as they happen.
            do throws(WorkflowError) {
                try Access.mayActAs(op, target, scene: ws.trust.scene, meeting: op.role == .coordinator ? ws.meetingScene() : nil)
            } catch {
                try ws.logDenial(session, verb: "as", caseID: nil, reason: error.message, at: session.now(), actor: target)
                throw ShellError(caught: error, range: inv.verbRange)
            }
            if let p = newPerson { try ws.savePerson(p, session, at: session.now()) }
            session.actor = target
            var out = describe(session)
            if let p = newPerson {
                out.messages.insert(Localized(zh: "已将 \(p.name)（\(p.role.name.zh)）记入名录。", en: "\(p.name) (\(p.role.name.en)) added to the directory."), at: 0)
            }
            return out
        }

        /// Who acts now, and who is recording.
        func describe(_ session: Session) -> CommandOutput {
            let a = session.actor
            let deptName = a.dept.map { session.domain?.departmentName($0, session.language) ?? $0 }
            // A department acting as itself (`as police`: its liaison, named for it) is named once, in the
            // interface's language: `市公安局（联络员）`, not `市公安局（联络员，市公安局）`.
            let asItself = a.dept.map { d in [Language.zh, .en].contains { session.domain?.departmentName(d, $0) == a.name } } ?? false
            let name = asItself ? deptName ?? a.name : a.name
            let shownDept = asItself ? nil : deptName
            var zh = "当前身份：\(name)（\(a.role.name.zh)\(shownDept.map { "，\($0)" } ?? "")）"
            var en = "Now acting as \(name) (\(a.role.name.en)\(shownDept.map { ", \($0)" } ?? ""))."
            // Inside a drill the trainer and the evaluators are named by the part they play in it: `as me` read
            // 王敏（管理员）, the operator's role in the real store, not exercise control's.
            if let run = session.service(DrillController.self)?.run, run.isActive, let part = run.drillPart(of: a) {
                zh = "当前身份：\(a.name)（\(part.zh)）"
                en = "Now acting as \(a.name) (\(part.en))."
            }
            if let op = session.operatorName, op != a.name {
                zh += "，由 \(op) 代为记录"
                en += " Recorded by \(op) on their behalf."
            }
            return CommandOutput(zh: zh, en: en)
        }

        func mismatch(_ p: Person, _ session: Session, _ inv: Invocation, _ range: SourceRange?) -> ShellError {
            let d = p.dept.map { session.domain?.departmentName($0, session.language) ?? $0 } ?? "-"
            return ShellError(Localized(zh: "名录中 \(p.name) 是 \(d) 的\(p.role.name.zh)；人员的角色和部门以名录为准",
                                        en: "the directory has \(p.name) as a \(p.role.name.en) of \(d); a person's role and department come from the directory"),
                              range: range ?? inv.verbRange,
                              hint: Localized(zh: "管理员可用 `user add` 修改", en: "an administrator changes it with `user add`"), kind: .usage)
        }

        /// Without a store (the shell alone, its unit tests): the actor as named, nothing to check against.
        func unchecked(_ session: Session) throws(ShellError) -> CommandOutput {
            guard let name else { return describe(session) }
            try TextLimits.check(name, TextLimits.name, Localized(zh: "姓名", en: "the name"), range: $name.range)
            session.actor = try unchecked(name, session).actor
            return describe(session)
        }

        func unchecked(_ name: String, _ session: Session) throws(ShellError) -> Person {
            var name = name
            var dept = self.dept
            // `as police`: a name that is a department acts as its liaison.
            if dept == nil, let domain = session.domain, let code = try? domain.departmentCode(name) {
                dept = code
                name = domain.departmentName(code, session.language) ?? name
            }
            return Person(name: name, role: role ?? (dept != nil ? .liaison : session.actor.role), dept: dept)
        }
    }
}

extension Workspace {
    /// The refusal for an operator the directory does not know (only `help` is open to them).
    func notInDirectory(_ session: Session, _ inv: Invocation) throws(ShellError) -> ShellError {
        let op = try operatorContext()
        do throws(WorkflowError) {
            try Access.check(AccessRequest(.shell, by: op, actor: session.actor, scene: trust.scene))
        } catch {
            return ShellError(caught: error, range: inv.verbRange)
        }
        return ShellError(zh: "操作员不在名录中", en: "the operator is not in the directory", range: inv.verbRange, kind: .denied)
    }
}
