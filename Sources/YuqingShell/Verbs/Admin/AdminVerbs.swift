import YuqingCore
import YuqingStore

enum AdminVerbs {
    static let entries: [CommandEntry] = [dept, UserVerbs.user, AuditVerbs.audit, StoreVerbs.store]

    static func deptRow(_ d: Department) -> [Cell] {
        [.text(d.code), .text(d.nameZH), .text(d.nameEN),
         .localized(d.coordinator ? Localized(zh: "协调机构", en: "coordinator") : d.member ? Localized(zh: "联席会议成员", en: "member") : Localized("")),
         .text(d.leader ?? ""), .text(d.staff.joined(separator: "、")), .text(d.phone ?? ""), .text(d.keywords.joined(separator: " "))]
    }

    /// On a narrow terminal (below ~80 columns the directory overflowed and the terminal broke every row) the
    /// phone and then the keywords are left out (`dept show` has both) and the English name, role and people wrap.
    static let deptColumns: [Column] = [
        Column("code", Localized(zh: "代码", en: "code")), Column("name_zh", Localized(zh: "名称", en: "name (zh)")),
        Column("name_en", Localized(zh: "英文名", en: "name"), wraps: true), Column("role", Localized(zh: "身份", en: "role"), wraps: true),
        Column("leader", Localized(zh: "分管负责人", en: "leader"), wraps: true), Column("staff", Localized(zh: "工作人员", en: "staff"), wraps: true),
        Column("phone", Localized(zh: "电话", en: "phone"), dropRank: 1), Column("keywords", Localized(zh: "关键词", en: "keywords"), dropRank: 2, wraps: true),
    ]

    static let dept = CommandEntry(group: CommandSpec(
        name: "dept", alias: "部门", group: .admin,
        summary: Localized(zh: "部门名录：成员单位、联系人和分派关键词（第一、十条）", en: "the department directory: members, contacts, routing keywords (Art. 1, 10)"),
        synopsis: "dept list | dept show DEPT | dept add CODE NAME_ZH [--en NAME] [--leader N] [--staff N,…] [--phone P] [--keywords W,…] [--member] | dept contact DEPT [--leader N] [--staff N,…] [--phone P] [--keywords W,…]",
        help: Localized(
            zh: "内置会商联席会议成员（第一条）和政务公开办、网宣办。各部门须确定一名分管负责人和工作人员，联系方式报协调机构（第十条）：用 dept contact 登记。关键词用于收集时建议认领部门。",
            en: "The joint meeting members (Art. 1) and the two coordinating offices are built in. Each department names a responsible leader and staff and reports its contacts to the coordinators (Art. 10): record them with dept contact. Keywords drive the claim suggestions."),
        examples: ["dept list", "dept show police", "dept add water 市水务局 --en \"Water Bureau\" --keywords 自来水,水质,停水",
                   "dept contact police --leader 张伟 --staff 李娜,王强 --phone 0550-8000110"],
        subverbs: [DeptList.entry, DeptShow.entry, DeptAdd.entry, DeptContact.entry],
        defaultSubverb: "list"))

    struct DeptList: Verb {
        static let spec = CommandSpec(name: "list", alias: "列表", group: .admin, summary: Localized(zh: "列出部门", en: "list departments"))

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let dir = try ws.directory()
            var out = CommandOutput(tables: [Table(title: Localized(zh: "部门名录", en: "Directory"), columns: deptColumns,
                                                   rows: dir.departments.map(deptRow))])
            out.json = .array(dir.departments.map { d in
                .object([("code", .string(d.code)), ("name_zh", .string(d.nameZH)), ("name_en", .string(d.nameEN)),
                         ("member", .bool(d.member)), ("coordinator", .bool(d.coordinator)), ("leader", CaseJSON.str(d.leader)),
                         ("staff", .array(d.staff.map { .string($0) })), ("phone", CaseJSON.str(d.phone)),
                         ("keywords", .array(d.keywords.map { .string($0) }))])
            })
            return out
        }
    }

    struct DeptShow: Verb {
        static let spec = CommandSpec(name: "show", alias: "查看", group: .admin, summary: Localized(zh: "查看部门", en: "show a department"),
                                      synopsis: "dept show DEPT")

        @Argument(.department, name: "dept",
                  help: Localized(zh: "部门代码或名称", en: "the department (code or name)")) var dept: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let d = try ws.department(dept, range: $dept.range)
            return CommandOutput(tables: [Table(title: d.name, columns: deptColumns, rows: [deptRow(d)])])
        }
    }

    /// `--leader`, `--staff`, `--phone`, `--keywords` of `dept add` and `dept contact`.
    struct Contacts {
        var leader: String?
        var staff: String?
        var phone: String?
        var keywords: String?

        /// Records the contacts on `d` and saves it as an event.
        func save(_ department: Department, _ ws: Workspace, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            var d = department
            if let v = leader { d.leader = v }
            if let v = staff { d.staff = list(v) }
            if let v = phone { d.phone = v }
            if let v = keywords { d.keywords = list(v) }
            let at = try session.effectiveTime(inv)
            let saved = d
            try ws.storeCall {
                try ws.store.write { tx in
                    try tx.append(NewEvent(caseID: nil, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .departmentSaved(department: saved)), expectedVersion: nil)
                }
            }
            ws.invalidateDirectory()
            return CommandOutput(messages: [Localized(zh: "已保存部门 \(d.nameZH)（\(d.code)）。", en: "Saved \(d.nameEN) (\(d.code)).")], effective: at)
        }
    }

    static let leaderHelp = Localized(zh: "分管负责人", en: "responsible leader")
    static let staffHelp = Localized(zh: "工作人员（逗号分隔）", en: "staff (comma-separated)")
    static let phoneHelp = Localized(zh: "联系电话", en: "phone")
    static let keywordsHelp = Localized(zh: "分派关键词（逗号分隔）", en: "routing keywords (comma-separated)")

    struct DeptAdd: Verb {
        static let spec = CommandSpec(name: "add", alias: "添加", group: .admin, summary: Localized(zh: "添加部门", en: "add a department"),
                                      synopsis: "dept add CODE NAME_ZH [--en NAME] …", mutates: true)

        @Argument(.word, name: "code",
                  help: Localized(zh: "部门代码（小写字母、数字、-）", en: "the department code (lower-case letters, digits, -)")) var code: String
        @Argument(.text, name: "name",
                  help: Localized(zh: "部门中文名称", en: "the department's Chinese name")) var name: String
        @Option(.text, help: leaderHelp) var leader: String?
        @Option(.text, help: staffHelp) var staff: String?
        @Option(.text, help: phoneHelp) var phone: String?
        @Option(.text, help: keywordsHelp) var keywords: String?
        @Option(.text, help: Localized(zh: "英文名", en: "English name")) var en: String?
        @Flag(help: Localized(zh: "会商联席会议成员", en: "a joint meeting member")) var member: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let code = self.code.lowercased()
            try TextLimits.check(code, TextLimits.name, Localized(zh: "部门代码", en: "the department code"), range: $code.range)
            try TextLimits.check(name, TextLimits.name, Localized(zh: "部门名称", en: "the department's name"), range: $name.range)
            if let en { try TextLimits.check(en, TextLimits.name, Localized(zh: "部门英文名", en: "the department's name"), range: $en.range) }
            guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw ShellError(zh: "部门代码只能用英文字母、数字和 -", en: "a department code uses letters, digits and - only",
                                 range: $code.range)
            }
            let dir = try ws.directory()
            if dir.find(code) != nil || dir.find(name) != nil {
                throw ShellError(Localized(zh: "部门 \(code) / \(name) 已存在：用 dept contact 修改", en: "\(code) / \(name) already exists: use dept contact"),
                                 range: $code.range, kind: .conflict)
            }
            let d = Department(code: code, nameZH: name, nameEN: en ?? code, member: member)
            return try Contacts(leader: leader, staff: staff, phone: phone, keywords: keywords).save(d, ws, inv, session)
        }
    }

    struct DeptContact: Verb {
        static let spec = CommandSpec(name: "contact", alias: "联系人", group: .admin, summary: Localized(zh: "登记联系人（第十条）", en: "record contacts (Art. 10)"),
                                      synopsis: "dept contact DEPT [--leader N] [--staff N,…] [--phone P] [--keywords W,…]", mutates: true)

        @Argument(.department, name: "dept",
                  help: Localized(zh: "部门代码或名称", en: "the department (code or name)")) var dept: String
        @Option(.text, help: leaderHelp) var leader: String?
        @Option(.text, help: staffHelp) var staff: String?
        @Option(.text, help: phoneHelp) var phone: String?
        @Option(.text, help: keywordsHelp) var keywords: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let d = try ws.department(dept, range: $dept.range)
            return try Contacts(leader: leader, staff: staff, phone: phone, keywords: keywords).save(d, ws, inv, session)
        }
    }

    static func list(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
