import YuqingCore
import YuqingStore

enum AdminVerbs {
    static let entries: [CommandEntry] = [dept, audit, StoreVerbs.entry]

    static func deptRow(_ d: Department) -> [Cell] {
        [.text(d.code), .text(d.nameZH), .text(d.nameEN),
         .localized(d.coordinator ? Localized(zh: "协调机构", en: "coordinator") : d.member ? Localized(zh: "联席会议成员", en: "member") : Localized("")),
         .text(d.leader ?? ""), .text(d.staff.joined(separator: "、")), .text(d.phone ?? ""), .text(d.keywords.joined(separator: " "))]
    }

    static let deptColumns: [Column] = [
        Column("code", Localized(zh: "代码", en: "code")), Column("name_zh", Localized(zh: "名称", en: "name (zh)")),
        Column("name_en", Localized(zh: "英文名", en: "name")), Column("role", Localized(zh: "身份", en: "role")),
        Column("leader", Localized(zh: "分管负责人", en: "leader")), Column("staff", Localized(zh: "工作人员", en: "staff")),
        Column("phone", Localized(zh: "电话", en: "phone")), Column("keywords", Localized(zh: "关键词", en: "keywords")),
    ]

    static let dept = CommandEntry(spec: CommandSpec(
        name: "dept", alias: "部门", group: .admin,
        summary: Localized(zh: "部门名录：成员单位、联系人和分派关键词（第一、十条）", en: "the department directory: members, contacts, routing keywords (Art. 1, 10)"),
        synopsis: "dept list | dept show DEPT | dept add CODE NAME_ZH [--en NAME] [--leader N] [--staff N,…] [--phone P] [--keywords W,…] [--member] | dept contact DEPT [--leader N] [--staff N,…] [--phone P] [--keywords W,…]",
        help: Localized(
            zh: "内置会商联席会议成员（第一条）和政务公开办、网宣办。各部门须确定一名分管负责人和工作人员，联系方式报协调机构（第十条）：用 dept contact 登记。关键词用于收集时建议认领部门。",
            en: "The joint meeting members (Art. 1) and the two coordinating offices are built in. Each department names a responsible leader and staff and reports its contacts to the coordinators (Art. 10): record them with dept contact. Keywords drive the claim suggestions."),
        examples: ["dept list", "dept show police", "dept add water 市水务局 --en \"Water Bureau\" --keywords 自来水,水质,停水",
                   "dept contact police --leader 张伟 --staff 李娜,王强 --phone 0550-8000110"],
        subverbs: [
            CommandSpec(name: "list", alias: "列表", group: .admin, summary: Localized(zh: "列出部门", en: "list departments")),
            CommandSpec(name: "show", alias: "查看", group: .admin, summary: Localized(zh: "查看部门", en: "show a department"),
                        synopsis: "dept show DEPT", positionals: [ArgSpec("dept", .department)]),
            CommandSpec(name: "add", alias: "添加", group: .admin, summary: Localized(zh: "添加部门", en: "add a department"),
                        synopsis: "dept add CODE NAME_ZH [--en NAME] …",
                        positionals: [ArgSpec("code", .word), ArgSpec("name", .text)],
                        flags: contactFlags + [FlagSpec("en", .text, help: Localized(zh: "英文名", en: "English name")),
                                               FlagSpec("member", .switch, help: Localized(zh: "会商联席会议成员", en: "a joint meeting member"))],
                        mutates: true),
            CommandSpec(name: "contact", alias: "联系人", group: .admin, summary: Localized(zh: "登记联系人（第十条）", en: "record contacts (Art. 10)"),
                        synopsis: "dept contact DEPT [--leader N] [--staff N,…] [--phone P] [--keywords W,…]",
                        positionals: [ArgSpec("dept", .department)], flags: contactFlags, mutates: true),
        ]
    )) { inv, session throws(ShellError) in
        let ws = try Workspace.of(session)
        switch inv.subverb?.name ?? "list" {
        case "show":
            guard let a = inv.positional(0), let key = a.text else { throw ShellError(zh: "缺少部门", en: "a department is required", range: inv.verbRange) }
            let d = try ws.department(key, range: a.range)
            return CommandOutput(tables: [Table(title: d.name, columns: deptColumns, rows: [deptRow(d)])])
        case "add", "contact":
            try ws.authorize(session, inv, .manageDirectory)
            var d: Department
            if inv.subverb?.name == "add" {
                guard let code = inv.positional(0)?.text?.lowercased(), let name = inv.positional(1)?.text else {
                    throw ShellError(zh: "用法：dept add CODE 中文名", en: "usage: dept add CODE NAME_ZH", range: inv.verbRange)
                }
                guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                    throw ShellError(zh: "部门代码只能用英文字母、数字和 -", en: "a department code uses letters, digits and - only",
                                     range: inv.positional(0)?.range)
                }
                let dir = try ws.directory()
                if dir.find(code) != nil || dir.find(name) != nil {
                    throw ShellError(Localized(zh: "部门 \(code) / \(name) 已存在：用 dept contact 修改", en: "\(code) / \(name) already exists: use dept contact"),
                                     range: inv.positional(0)?.range, kind: .conflict)
                }
                d = Department(code: code, nameZH: name, nameEN: inv.text("en") ?? code, member: inv.has("member"))
            } else {
                guard let a = inv.positional(0), let key = a.text else { throw ShellError(zh: "缺少部门", en: "a department is required", range: inv.verbRange) }
                d = try ws.department(key, range: a.range)
            }
            if let v = inv.text("leader") { d.leader = v }
            if let v = inv.text("staff") { d.staff = list(v) }
            if let v = inv.text("phone") { d.phone = v }
            if let v = inv.text("keywords") { d.keywords = list(v) }
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
        default:
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

    static let contactFlags: [FlagSpec] = [
        FlagSpec("leader", .text, help: Localized(zh: "分管负责人", en: "responsible leader")),
        FlagSpec("staff", .text, help: Localized(zh: "工作人员（逗号分隔）", en: "staff (comma-separated)")),
        FlagSpec("phone", .text, help: Localized(zh: "联系电话", en: "phone")),
        FlagSpec("keywords", .text, help: Localized(zh: "分派关键词（逗号分隔）", en: "routing keywords (comma-separated)")),
    ]

    static func list(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static let audit = CommandEntry(spec: CommandSpec(
        name: "audit", alias: "审计", group: .admin,
        summary: Localized(zh: "校验事件日志的哈希链", en: "verify the event log's hash chain"),
        synopsis: "audit verify",
        help: Localized(zh: "逐条重算事件哈希，发现被改动的第一条事件并指出其序号。",
                        en: "Recomputes every event's hash and names the first event that was altered."),
        examples: ["audit verify"],
        subverbs: [CommandSpec(name: "verify", alias: "校验", group: .admin, summary: Localized(zh: "校验哈希链", en: "verify the chain"))]
    )) { inv, session throws(ShellError) in
        let ws = try Workspace.of(session)
        let r = try ws.storeCall { try ws.store.verifyChain() }
        if let bad = r.firstBroken {
            throw ShellError(Localized(zh: "事件日志被改动：第 \(bad) 号事件不符（\(r.reason ?? "")），已检查 \(r.checked) 条",
                                       en: "the event log was altered: event \(bad) does not match (\(r.reason ?? "")); \(r.checked) checked"),
                             range: inv.verbRange, kind: .data)
        }
        return CommandOutput(zh: "哈希链完整：\(r.checked) 条事件均未被改动。", en: "The hash chain is intact: \(r.checked) events, none altered.")
    }
}
