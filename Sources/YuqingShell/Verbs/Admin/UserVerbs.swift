import YuqingCore
import YuqingStore

/// `user add|list|show|disable`: the people who sign in, by their system login (administrators only).
enum UserVerbs {
    static let user = CommandEntry(group: CommandSpec(
        name: "user", alias: "用户", group: .admin,
        summary: Localized(zh: "用户名录：登录名对应的人员、部门和角色（仅管理员）", en: "the users: which person, department and role each login is (administrators only)"),
        synopsis: "user list | user show LOGIN | user add LOGIN --name NAME --role ROLE [--dept DEPT] | user disable LOGIN",
        help: Localized(
            zh: "操作员由系统确定：SQLite 数据库为运行 yuqing 的系统登录名，PostgreSQL 为数据库角色，不能自行输入。用户名录把登录名对应到人员、部门和角色；不在名录中的操作员只能查看 help。空数据库的第一位操作员自动成为管理员。停用的用户保留历史记录，但不能再操作。",
            en: "Operators come from the system: the login running yuqing for an SQLite store, the database role for PostgreSQL — never typed. The user directory maps each login to a person, department and role; an operator not in it can read nothing but `help`. The first operator of an empty store becomes its administrator. A disabled user keeps their history but can no longer act."),
        examples: ["user list", "user add chenjing --name 陈静 --role coordinator --dept open-gov", "user add lina --name 李娜 --role liaison --dept police",
                   "user show lina", "user disable lina"],
        subverbs: [UserList.entry, UserShow.entry, UserAdd.entry, UserDisable.entry],
        defaultSubverb: "list"))

    static let columns: [Column] = [
        Column("login", Localized(zh: "登录名", en: "login")), Column("name", Localized(zh: "姓名", en: "name")),
        Column("role", Localized(zh: "角色", en: "role")), Column("dept", Localized(zh: "部门", en: "department")),
        Column("status", Localized(zh: "状态", en: "status")),
    ]

    static func row(_ p: Person, _ ws: Workspace) -> [Cell] {
        [.text(p.login ?? ""), .text(p.name), .localized(p.role.name),
         .localized(Localized(zh: p.dept.map { ws.deptName($0, .zh) } ?? "", en: p.dept.map { ws.deptName($0, .en) } ?? "")),
         .localized(p.disabled ? Localized(zh: "已停用", en: "disabled") : Localized(zh: "在用", en: "active"))]
    }

    static func json(_ p: Person) -> JSONValue {
        .object([("login", CaseJSON.str(p.login)), ("name", .string(p.name)), ("role", .string(p.role.rawValue)),
                 ("dept", CaseJSON.str(p.dept)), ("disabled", .bool(p.disabled))])
    }

    /// The person of a login (or of a name), or a not-found error with the nearest login.
    static func find(_ key: String, _ ws: Workspace, range: SourceRange?) throws(ShellError) -> Person {
        let people = try ws.people()
        if let p = people.holding(login: key) ?? people.named(key) { return p }
        let hint = Suggest.nearest(key, among: people.users.compactMap(\.login) + people.users.map(\.name))
        throw ShellError(Localized(zh: "没有用户“\(key)”", en: "no user “\(key)”"), range: range,
                         hint: hint.map { Localized(zh: "是否想输入 \($0)？", en: "did you mean \($0)?") }
                            ?? Localized(zh: "`user list` 列出用户", en: "`user list` shows the users"), kind: .notFound)
    }

    struct UserList: Verb {
        static let spec = CommandSpec(name: "list", alias: "列表", group: .admin, summary: Localized(zh: "列出用户", en: "list the users"))

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let users = try ws.people().users
            var out = CommandOutput(tables: [Table(title: Localized(zh: "用户名录", en: "Users"), columns: columns,
                                                   rows: users.map { row($0, ws) })])
            out.json = .array(users.map(json))
            return out
        }
    }

    struct UserShow: Verb {
        static let spec = CommandSpec(name: "show", alias: "查看", group: .admin, summary: Localized(zh: "查看用户", en: "show a user"),
                                      synopsis: "user show LOGIN|NAME")

        @Argument(.word, name: "login", help: Localized(zh: "登录名或姓名", en: "login or name")) var login: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let p = try find(login, ws, range: $login.range)
            var out = CommandOutput(tables: [Table(title: Localized(p.name), columns: columns, rows: [row(p, ws)])])
            out.json = json(p)
            return out
        }
    }

    struct UserAdd: Verb {
        static let spec = CommandSpec(
            name: "add", alias: "添加", group: .admin, summary: Localized(zh: "添加或修改用户", en: "add or change a user"),
            synopsis: "user add LOGIN --name NAME --role ROLE [--dept DEPT]",
            help: Localized(
                zh: "LOGIN 是此人的系统登录名（PostgreSQL 为数据库角色）。已有的登录名再次添加即修改（也重新启用）；名录中已有、由他人代录过的同名人员，从此以该登录名本人操作。部门角色（巡查员、联络员、部门负责人、协调员）须给出 --dept。",
                en: "LOGIN is the person's system login (the database role on PostgreSQL). Adding an existing login changes it (and enables it again); a person already in the directory (recorded by others) signs in as LOGIN from now on. Department roles (patrol, liaison, leader, coordinator) need --dept."),
            mutates: true)

        @Argument(.word, name: "login", help: Localized(zh: "系统登录名", en: "system login")) var login: String
        @Option(.text, help: Localized(zh: "姓名", en: "name"), alias: "姓名") var name: String
        @Option(.choice(ShellVerbs.roleChoices), help: Localized(zh: "角色", en: "role"), alias: "角色") var role: Role
        @Option(.department, help: Localized(zh: "所在部门", en: "department"), alias: "部门") var dept: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            guard !login.isEmpty, login.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != ":" }) else {
                throw ShellError(zh: "登录名只能用 ASCII 字符，不含空格和冒号", en: "a login is ASCII, without spaces or colons",
                                 range: $login.range)
            }
            try TextLimits.check(login, TextLimits.name, Localized(zh: "登录名", en: "the login"), range: $login.range)
            let name = self.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw ShellError(zh: "姓名为空", en: "the name is empty", range: $name.range) }
            try TextLimits.check(name, TextLimits.name, Localized(zh: "姓名", en: "the name"), range: $name.range)
            guard dept != nil || [.cityLeader, .admin, .trainer].contains(role) else {
                throw ShellError(Localized(zh: "\(role.name.zh)须给出 --dept", en: "\(role.withArticle) needs --dept"), range: inv.verbRange, kind: .usage)
            }
            let people = try ws.people()
            if let other = people.named(name), let theirs = other.login, theirs != login {
                throw ShellError(Localized(zh: "名录中的 \(name) 已以 \(theirs) 登录", en: "\(name) in the directory already signs in as \(theirs)"),
                                 range: $name.range, kind: .conflict)
            }
            let before = people.holding(login: login)
            if let b = before, b.name != name {
                throw ShellError(Localized(zh: "登录名 \(login) 属于 \(b.name)", en: "the login \(login) belongs to \(b.name)"),
                                 range: $login.range, hint: Localized(zh: "换一个登录名，或先 `user show \(login)`", en: "use another login, or see `user show \(login)`"),
                                 kind: .conflict)
            }
            try ws.keepAnAdministrator(changing: login, to: role, range: $role.range)
            let p = Person(name: name, role: role, dept: dept, login: login)
            let at = try session.effectiveTime(inv)
            try ws.savePerson(p, session, at: at)
            if login == ws.trust.login { session.actor = p.actor }
            let d = dept.map { ws.deptName($0, .zh) }, de = dept.map { ws.deptName($0, .en) }
            return CommandOutput(messages: [Localized(
                zh: "\(before == nil ? "已添加" : "已修改")用户 \(login)：\(name)，\(role.name.zh)\(d.map { "，\($0)" } ?? "")。",
                en: "\(before == nil ? "Added" : "Changed") user \(login): \(name), \(role.name.en)\(de.map { ", \($0)" } ?? "").")], effective: at)
        }
    }

    struct UserDisable: Verb {
        static let spec = CommandSpec(name: "disable", alias: "停用", group: .admin, summary: Localized(zh: "停用用户（保留其记录）", en: "disable a user (their records stay)"),
                                      synopsis: "user disable LOGIN", mutates: true)

        @Argument(.word, name: "login", help: Localized(zh: "登录名", en: "login")) var login: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            var p = try find(login, ws, range: $login.range)
            guard let l = p.login else {
                throw ShellError(Localized(zh: "\(p.name) 没有登录名，无需停用", en: "\(p.name) has no login to disable"), range: $login.range)
            }
            guard !p.disabled else { return CommandOutput(zh: "\(l) 已是停用状态。", en: "\(l) is already disabled.") }
            try ws.keepAnAdministrator(changing: l, to: nil, range: $login.range)
            p.disabled = true
            let at = try session.effectiveTime(inv)
            try ws.savePerson(p, session, at: at)
            return CommandOutput(messages: [Localized(zh: "已停用用户 \(l)（\(p.name)），其记录保留。", en: "Disabled \(l) (\(p.name)); their records stay.")], effective: at)
        }
    }
}

extension Workspace {
    /// Refuses a change that would leave no enabled administrator (nobody could add users again).
    func keepAnAdministrator(changing login: String, to role: Role?, range: SourceRange?) throws(ShellError) {
        guard role != .admin else { return }
        let admins = try people().users.filter { $0.role == .admin && !$0.disabled }
        guard admins.allSatisfy({ $0.login == login }) else { return }
        guard admins.contains(where: { $0.login == login }) else { return }
        throw ShellError(Localized(zh: "\(login) 是唯一的管理员：先添加另一位管理员", en: "\(login) is the only administrator: add another one first"),
                         range: range, kind: .conflict)
    }
}
