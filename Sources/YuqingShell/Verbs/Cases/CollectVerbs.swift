import YuqingCore
import YuqingStore

/// The choices of a code set, for the command table (parsing, help and completion read the same list).
func choices<C: Code>(_ type: C.Type) -> ValueKind {
    .choice(C.allCases.map { Choice($0.rawValue, zh: $0.name.zh, help: $0.name) })
}

enum CollectVerbs {
    static let entries: [CommandEntry] = [collect, claim, assign]

    static let collect = CommandEntry(spec: CommandSpec(
        name: "collect", alias: "收集", group: .cases,
        summary: Localized(zh: "收集一条舆情信息，立案或并入已有案件", en: "collect an online post: a new case, or a further item of one"),
        synopsis: "collect TITLE [--url URL] [--source SRC] [--category CAT] [--excerpt TEXT] [--reposts N] [--comments N] [--views N] [--dept DEPT] [--link CASE --as duplicate|recurrence] [--at TIME]",
        help: Localized(
            zh: "巡查中发现的政务舆情（第二、三条）记为一个案件 C#，认领时限（第六条）从收集时刻起算：工作日 8:00–18:00 为 1 小时，晚间和节假日为 2 小时，0:00–8:00 收集的从 8:00 起算。同一链接再次收集时并入原案件并提示。--dept 只是建议认领部门，不会自动分派；不指定时按部门名录的关键词给出建议。--link 把新信息关联为已有案件的重复或复发（复发重新开启跟踪期）。",
            en: "Records a government-affairs post found on patrol (Art. 2, 3) as a case C#. The claim clock (Art. 6) starts at collection: 1 h in the workday window 08:00–18:00, 2 h in the evening and on rest days; items collected 00:00–08:00 count from 08:00. The same URL twice is one case (you are told). --dept only suggests who should claim — nothing is assigned silently; without it yuqing suggests a department from the directory's keywords. --link relates the new item to an existing case as a duplicate or a recurrence (a recurrence reopens the watch)."),
        examples: [
            "collect \"网传某小区自来水发黄\" --url https://weibo.com/123 --source weibo --category demand --reposts 320",
            "收集 \"网友反映XX路段交通事故处置慢\" --source 论坛 --dept police --at 2019-12-19T09:10",
        ],
        positionals: [ArgSpec("title", .text, help: Localized(zh: "标题或内容概要", en: "title or gist"))],
        flags: [
            FlagSpec("url", .text, help: Localized(zh: "原帖链接（同一链接即同一案件）", en: "link to the post (the same URL is the same case)")),
            FlagSpec("source", choices(Source.self), help: Localized(zh: "来源", en: "where it was found")),
            FlagSpec("category", choices(YuqingCore.Category.self), help: Localized(zh: "收集重点（第二条）", en: "gathering point (Art. 2)")),
            FlagSpec("excerpt", .text, help: Localized(zh: "摘录", en: "excerpt")),
            FlagSpec("reposts", .integer, help: Localized(zh: "转发数", en: "reposts")),
            FlagSpec("comments", .integer, help: Localized(zh: "评论数", en: "comments")),
            FlagSpec("views", .integer, help: Localized(zh: "阅读数", en: "views")),
            FlagSpec("dept", .department, help: Localized(zh: "建议认领部门", en: "suggested department")),
            FlagSpec("link", .id(.caseFile), help: Localized(zh: "关联到已有案件", en: "relate to an existing case")),
            FlagSpec("as", choices(LinkKind.self), help: Localized(zh: "关联类型（默认 duplicate）", en: "kind of link (default duplicate)")),
        ],
        subverbs: [ImportVerb.spec],
        mutates: true
    )) { inv, session throws(ShellError) in
        if inv.subverb?.name == "import" { return try ImportVerb.run(inv, session) }
        let ws = try Workspace.of(session)
        let at = try session.effectiveTime(inv)
        try ws.authorize(session, inv, .collect)
        guard let title = inv.positional(0)?.text, !title.isEmpty else {
            throw ShellError(zh: "缺少标题", en: "a title is required", range: inv.verbRange)
        }
        try TextLimits.check(title, TextLimits.title, Localized(zh: "标题", en: "the title"), range: inv.positional(0)?.range)
        let item = Item(
            title: title, url: inv.text("url"),
            source: inv.text("source").flatMap { Source(code: $0) } ?? .other,
            category: inv.text("category").flatMap { YuqingCore.Category(code: $0) },
            excerpt: inv.text("excerpt"),
            metrics: Metrics(reposts: inv.flag("reposts")?.integer ?? 0, comments: inv.flag("comments")?.integer ?? 0,
                             views: inv.flag("views")?.integer ?? 0))
        var dept: String?
        if let a = inv.flag("dept"), let key = a.text { dept = try ws.department(key, range: a.range).code }
        var link: (EntityID, LinkKind)?
        if let a = inv.flag("link"), let other = a.id {
            _ = try ws.caseFile(other, range: a.range)
            link = (other, inv.text("as").flatMap { LinkKind(code: $0) } ?? .duplicate)
        }
        let result = try record(ws, session, item: item, dept: dept, link: link, at: at)
        return result
    }

    /// Records one item: into the case that already has its URL, or as a new case. Shared with `collect import`.
    static func record(_ ws: Workspace, _ session: Session, item: Item, dept: String?, link: (EntityID, LinkKind)?,
                        at: Instant) throws(ShellError) -> CommandOutput {
        var created: EntityID?
        var existing: EntityID?
        try ws.storeCall {
            try ws.store.write { tx in
                if let url = item.url, let id = try tx.caseID(forURL: url) {
                    existing = id
                    let c = try tx.caseFile(id)
                    try tx.append(NewEvent(caseID: id, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .itemAdded(item: item)), expectedVersion: c?.version)
                    return
                }
                let id = try tx.nextID(.caseFile)
                created = id
                try tx.append(NewEvent(caseID: id, actor: session.actor, effective: at, recorded: session.now(),
                                       body: .collected(item: item, dept: dept)), expectedVersion: 0)
                if let (other, kind) = link {
                    try tx.append(NewEvent(caseID: id, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .linked(to: other, kind: kind, newer: true)), expectedVersion: 1)
                    let o = try tx.caseFile(other)
                    try tx.append(NewEvent(caseID: other, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .linked(to: id, kind: kind, newer: false)), expectedVersion: o?.version)
                }
            }
        }
        if let id = existing {
            let c = try ws.caseFile(id)
            return CommandOutput(messages: [Localized(
                zh: "该链接已在 \(id)（\(c.title)）中，本条作为 \(id) 的第 \(c.items.count) 条信息并入，未新立案件。",
                en: "That URL is already in \(id) (“\(c.title)”): added as item \(c.items.count) of \(id); no new case.")],
                created: id, effective: at)
        }
        guard let id = created else { return .empty }
        let c = try ws.caseFile(id)
        var lines: [Localized] = [Localized(
            zh: "\(id) 已收集（\(item.source.name.zh)）：“\(item.title)”。",
            en: "\(id) collected from \(item.source.name.en): “\(item.title)”.")]
        if let (other, kind) = link {
            lines.append(Localized(zh: "已关联为 \(other) 的\(kind.name.zh)。", en: "Linked to \(other) as a \(kind.name.en)."))
        }
        if let d = dept {
            lines.append(Localized(zh: "建议由\(ws.deptName(d, .zh))认领。", en: "Suggested: \(ws.deptName(d, .en)) to claim."))
        } else if let s = try ws.directory().suggest(for: item.title + " " + (item.excerpt ?? "")).first {
            lines.append(Localized(zh: "按关键词建议由\(s.nameZH)认领。", en: "Keywords suggest \(s.nameEN) should claim it."))
        }
        if let next = ws.nextSteps(c, now: session.now(), limit: 1) { lines.append(next) }
        return CommandOutput(messages: [Localized(zh: lines.map(\.zh).joined(), en: lines.map(\.en).joined(separator: " "))],
                             created: id, effective: at)
    }

    static let claim = CommandEntry(spec: CommandSpec(
        name: "claim", alias: "认领", group: .cases,
        summary: Localized(zh: "认领案件（第六条）", en: "claim a case for your department (Art. 6)"),
        synopsis: "claim CASE [--dept DEPT] [--at TIME]",
        help: Localized(
            zh: "由负责的部门认领案件（第六条：按职责分工认领；涉及多部门的由政务公开办、网宣办认领）。认领后开始计算 2 小时报送（第八条第一款）和 5 个工作日核实调查报告（第八条第二款）的时限。--dept 默认为当前身份的部门。",
            en: "Your department takes the case (Art. 6: by division of duties; multi-department cases are claimed by the coordinating offices). Claiming starts the 2-hour unit report (Art. 8 ¶1) and the 5-working-day verification report (Art. 8 ¶2). --dept defaults to the acting department."),
        examples: ["claim C7", "认领 C7 --at 2019-12-19T09:40"],
        positionals: [ArgSpec("case", .id(.caseFile))],
        flags: [FlagSpec("dept", .department, help: Localized(zh: "认领部门（默认当前部门）", en: "claiming department (default: yours)"))],
        mutates: true
    )) { inv, session throws(ShellError) in
        let ws = try Workspace.of(session)
        let (id, range) = try inv.caseID()
        try ws.authorize(session, inv, .claim, caseID: id, range: range, at: try session.effectiveTime(inv))
        let deptKey = inv.text("dept") ?? session.actor.dept
        guard let key = deptKey else {
            throw ShellError(zh: "认领需要部门：用 --dept 或 `as 姓名 --dept 部门`", en: "claiming needs a department: --dept, or `as NAME --dept DEPT`",
                             range: inv.verbRange)
        }
        let dept = try ws.department(key, range: inv.flag("dept")?.range)
        if session.actor.role != .coordinator, let mine = session.actor.dept, mine != dept.code {
            throw ShellError(Localized(zh: "只能以本部门（\(ws.deptName(mine, .zh))）名义认领", en: "you can claim only for your own department (\(ws.deptName(mine, .en)))"),
                             range: inv.flag("dept")?.range, kind: .denied)
        }
        let acted = try ws.act(session, inv, .claim) { c, _, _ in [Step(body: try CaseRules.claim(c, dept: dept))] }
        var extra: [Localized] = []
        if let due = try? ws.engine.claimDeadline(collectedAt: acted.before.collectedAt).due, acted.at > due {
            extra.append(Localized(zh: "（认领已超过时限 \(due.shortDeadlineDescription)。）", en: "(Claimed after the deadline \(due.shortDeadlineDescription).)"))
        }
        return ws.answer(Localized(zh: "\(id) 已由\(dept.nameZH)认领。", en: "\(id) claimed by \(dept.nameEN)."), acted, session, extra: extra)
    }

    static let assign = CommandEntry(spec: CommandSpec(
        name: "assign", alias: "指定", group: .cases,
        summary: Localized(zh: "协调员指定认领部门（第六条）", en: "coordinators assign a case to a department (Art. 6)"),
        synopsis: "assign CASE DEPT [--note TEXT] [--at TIME]",
        help: Localized(
            zh: "协调员（政务公开办、网宣办）把案件指定给部门。超过认领时限仍未认领的案件被指定时，记为“指定认领”，记录在案并纳入考核（第六条）。",
            en: "Coordinators give a case to a department. When the claim deadline had passed unclaimed, the case is marked designated: recorded and counted in the assessment (Art. 6)."),
        examples: ["assign C7 police", "指定 C7 市应急办 --note \"涉及多部门，由应急办牵头\""],
        positionals: [ArgSpec("case", .id(.caseFile)), ArgSpec("dept", .department)],
        flags: [FlagSpec("note", .text, help: Localized(zh: "说明", en: "note"))],
        mutates: true
    )) { inv, session throws(ShellError) in
        let ws = try Workspace.of(session)
        guard let a = inv.positional(1), let key = a.text else {
            throw ShellError(zh: "缺少部门", en: "a department is required", range: inv.verbRange)
        }
        let dept = try ws.department(key, range: a.range)
        let acted = try ws.act(session, inv, .assign) { c, at, _ in
            let claimDue = try? ws.engine.claimDeadline(collectedAt: c.collectedAt).due
            return [Step(body: try CaseRules.assign(c, dept: dept, claimDue: claimDue, at: at, note: inv.text("note")))]
        }
        let id = acted.after.id
        let designated = acted.after.designated && !acted.before.designated
        return ws.answer(Localized(
            zh: "\(id) 已指定由\(dept.nameZH)办理\(designated ? "（超过认领时限，记为指定认领，纳入考核）" : "")。",
            en: "\(id) assigned to \(dept.nameEN)\(designated ? " (the claim deadline had passed: marked designated, counted in assessment)" : "")."),
            acted, session)
    }
}
