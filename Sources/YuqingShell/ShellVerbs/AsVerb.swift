import YuqingCore

extension ShellVerbs {
    static let roleChoices = Role.allCases.map { Choice($0.rawValue, zh: $0.name.zh, help: $0.name) }

    struct AsVerb: Verb {
        static let spec = CommandSpec(
            name: "as", alias: "身份", group: .shell,
            summary: .both("设定谁在操作（人员、角色、部门）", "set who acts (person, role, department)"),
            synopsis: "as NAME [--role ROLE] [--dept DEPT]",
            help: .both("之后的每个事件都记录此身份。NAME 若是部门（如 police），则以该部门联络员身份操作。不给 --role 时：有部门为联络员，否则沿用当前角色。",
                        "Every event from now on records this actor. If NAME is a department (police), you act as its liaison. Without --role: liaison when a department is given, else the current role."),
            examples: ["as 张三 --role liaison --dept police", "as police", "身份 李四 --role coordinator"])

        @Argument(.word, name: "NAME", help: .both("姓名或部门", "a person's name or a department")) var name: String
        @Option(.choice(roleChoices), help: .both("角色", "role"), alias: "角色") var role: Role?
        @Option(.department, help: .both("所在部门（代码或中文名）", "department (code or Chinese name)"), alias: "部门") var dept: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try TextLimits.check(self.name, TextLimits.name, Localized(zh: "姓名", en: "the name"), range: $name.range)
            // A drill's roster decides who a name is (a trainee acts with the role and department it declares).
            if let actor = try ShellError.at($name.range, { try session.domain?.person(named: self.name, role: self.role, dept: self.dept, session: session) }) {
                session.actor = actor
                return describe(actor, session)
            }
            var name = self.name
            var dept = self.dept
            // `as police`: a name that is a department acts as its liaison.
            if dept == nil, let domain = session.domain, let code = try? domain.departmentCode(name) {
                dept = code
                name = domain.departmentName(code, session.language) ?? name
            }
            let role = self.role ?? (dept != nil ? .liaison : session.actor.role)
            session.actor = Actor(name: name, role: role, dept: dept)
            return describe(session.actor, session)
        }

        func describe(_ a: Actor, _ session: Session) -> CommandOutput {
            let (name, role, dept) = (a.name, a.role, a.dept)
            let deptName = dept.map { session.domain?.departmentName($0, session.language) ?? $0 }
            let zh = "当前身份：\(name)（\(role.name.zh)\(deptName.map { "，\($0)" } ?? "")）"
            let en = "Now acting as \(name) (\(role.name.en)\(deptName.map { ", \($0)" } ?? ""))."
            return CommandOutput(zh: zh, en: en)
        }
    }
}
