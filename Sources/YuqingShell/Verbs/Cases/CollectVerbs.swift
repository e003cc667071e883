import YuqingCore
import YuqingStore

enum CollectVerbs {
    static let entries: [CommandEntry] = [Collect.entry, Claim.entry, Assign.entry]

    struct Collect: Verb {
        static let spec = CommandSpec(
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
            subverbs: [ImportVerb.entry],
            mutates: true)

        @Argument(.text, name: "title", help: Localized(zh: "标题或内容概要", en: "title or gist")) var title: String
        @Option(.text, help: Localized(zh: "原帖链接（http:// 或 https:// 网址；同一链接即同一案件）", en: "link to the post (an http:// or https:// address; the same URL is the same case)")) var url: String?
        @Option(choices(Source.self), help: Localized(zh: "来源", en: "where it was found")) var source: Source = .other
        @Option(choices(YuqingCore.Category.self), help: Localized(zh: "收集重点（第二条）", en: "gathering point (Art. 2)")) var category: YuqingCore.Category?
        @Option(.text, help: Localized(zh: "摘录", en: "excerpt")) var excerpt: String?
        @Option(.integer(Limits.counts), help: Localized(zh: "转发数", en: "reposts")) var reposts: Int = 0
        @Option(.integer(Limits.counts), help: Localized(zh: "评论数", en: "comments")) var comments: Int = 0
        @Option(.integer(Limits.counts), help: Localized(zh: "阅读数", en: "views")) var views: Int = 0
        @Option(.department, help: Localized(zh: "建议认领部门", en: "suggested department")) var dept: String?
        @Option(.id(.caseFile), help: Localized(zh: "关联到已有案件", en: "relate to an existing case")) var link: EntityID?
        @Option(choices(LinkKind.self), name: "as", help: Localized(zh: "关联类型（默认 duplicate）", en: "kind of link (default duplicate)")) var linkKind: LinkKind = .duplicate

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let at = try session.effectiveTime(inv)
            try TextLimits.check(title, TextLimits.title, Localized(zh: "标题", en: "the title"), range: $title.range)
            if let url, let problem = PostURL.problem(url) { throw ShellError(problem, range: $url.range, kind: .usage) }
            let item = Item(title: title, url: url, source: source, category: category, excerpt: excerpt,
                            metrics: Metrics(reposts: reposts, comments: comments, views: views))
            var deptCode: String?
            if let key = dept { deptCode = try ws.department(key, range: $dept.range).code }
            var linked: (EntityID, LinkKind)?
            if let other = link {
                // A recurrence reopens the other case: only who may `link` it (its own department, the coordinators)
                // may. Marking a new post as a duplicate is a collector's note and changes nothing of the other case.
                if linkKind == .recurrence {
                    try ws.authorize(session, inv, .link, caseID: other, range: $link.range)
                } else {
                    _ = try ws.caseFile(other, range: $link.range)
                }
                linked = (other, linkKind)
            }
            return try record(ws, session, item: item, dept: deptCode, link: linked, at: at)
        }
    }

    /// Records one item: into the case that already has its URL, or as a new case. Shared with `collect import`.
    static func record(_ ws: Workspace, _ session: Session, item: Item, dept: String?, link: (EntityID, LinkKind)?,
                        at: Instant) throws(ShellError) -> CommandOutput {
        var created: EntityID?
        var existing: EntityID?
        var closedBefore: Instant?
        if let (other, _) = link { closedBefore = try ws.caseFile(other).closedAt }
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
                    let both = CaseRules.link(id, to: other, kind: kind)
                    try tx.append(NewEvent(caseID: id, actor: session.actor, effective: at, recorded: session.now(),
                                           body: both.newer), expectedVersion: 1)
                    let o = try tx.caseFile(other)
                    try tx.append(NewEvent(caseID: other, actor: session.actor, effective: at, recorded: session.now(),
                                           body: both.earlier), expectedVersion: o?.version)
                }
            }
        }
        if let id = existing {
            let c = try ws.caseFile(id)
            // The item joins the case that has the URL, whoever holds it; its title is told only to those who may
            // see the case (`Access.visibleDepartment`): a liaison's `collect` is no way to read another's cases.
            if !ws.maySee(caseOf: c.dept) {
                return CommandOutput(messages: [Localized(
                    zh: "该链接已在 \(id)（另一部门负责的案件）中，本条作为 \(id) 的一条信息并入，未新立案件。",
                    en: "That URL is already in \(id) (another department's case): added to \(id) as an item; no new case.")],
                    created: id, effective: at)
            }
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
            if kind == .recurrence {
                lines.append(ws.engine.recurrenceSentence(for: try ws.caseFile(other), closedBefore: closedBefore,
                                                          now: session.now()))
            }
        }
        if let d = dept {
            lines.append(Localized(zh: "建议由\(ws.deptName(d, .zh))认领。", en: "Suggested: \(ws.deptName(d, .en)) to claim."))
        } else if let s = try ws.directory().suggest(for: item.title + " " + (item.excerpt ?? "")).first {
            lines.append(Localized(zh: "按关键词建议由\(s.nameZH)认领。", en: "Keywords suggest \(s.nameEN) should claim it."))
        }
        // In the session's language only, as `Workspace.answer` words a case's answer.
        let lang = session.language
        var text = lines.map { $0.text(lang) }
        if let next = ws.engine.nextStepsSentence(for: c, now: session.now(), limit: 1, in: lang) { text.append(next) }
        return CommandOutput(messages: [Localized(text.joined(separator: lang == .zh ? "" : " "))], created: id, effective: at)
    }

    struct Claim: Verb {
        static let spec = CommandSpec(
            name: "claim", alias: "认领", group: .cases,
            summary: Localized(zh: "认领案件（第六条）", en: "claim a case for your department (Art. 6)"),
            synopsis: "claim CASE [--dept DEPT] [--at TIME]",
            help: Localized(
                zh: "由负责的部门认领案件（第六条：按职责分工认领；涉及多部门的由政务公开办、网宣办认领）。认领后开始计算 2 小时报送（第八条第一款）和 5 个工作日核实调查报告（第八条第二款）的时限。--dept 默认为当前身份的部门。",
                en: "Your department takes the case (Art. 6: by division of duties; multi-department cases are claimed by the coordinating offices). Claiming starts the 2-hour unit report (Art. 8 ¶1) and the 5-working-day verification report (Art. 8 ¶2). --dept defaults to the acting department."),
            examples: ["claim C7", "认领 C7 --at 2019-12-19T09:40"],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要认领的案件", en: "the case to claim")) var caseID: EntityID
        @Option(.department, help: Localized(zh: "认领部门（默认当前部门）", en: "claiming department (default: yours)")) var dept: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let id = caseID
            try ws.authorize(session, inv, .claim, caseID: id, range: $caseID.range)
            guard let key = dept ?? session.actor.dept else {
                throw ShellError(zh: "认领需要部门：用 --dept 或 `as 姓名 --dept 部门`", en: "claiming needs a department: --dept, or `as NAME --dept DEPT`",
                                 range: inv.verbRange)
            }
            let dept = try ws.department(key, range: $dept.range)
            if session.actor.role != .coordinator, let mine = session.actor.dept, mine != dept.code {
                throw ShellError(Localized(zh: "只能以本部门（\(ws.deptName(mine, .zh))）名义认领", en: "you can claim only for your own department (\(ws.deptName(mine, .en)))"),
                                 range: $dept.range, kind: .denied)
            }
            var claimDue: Instant?
            let acted = try ws.act(session, inv, .claim, caseID: id, range: $caseID.range) { c, _, _ in
                claimDue = try ws.engine.claimDue(of: c)
                return [Step(body: try CaseRules.claim(c, dept: dept, names: ((try? ws.directory()) ?? Directory([])).names))]
            }
            var extra: [Localized] = []
            if let due = claimDue, acted.at > due {
                extra.append(Localized(zh: "（认领已超过时限 \(due.shortDeadlineDescription)。）", en: "(Claimed after the deadline \(due.shortDeadlineDescription).)"))
            }
            return ws.answer(Localized(zh: "\(id) 已由\(dept.nameZH)认领。", en: "\(id) claimed by \(dept.nameEN)."), acted, session, extra: extra)
        }
    }

    struct Assign: Verb {
        static let spec = CommandSpec(
            name: "assign", alias: "指定", group: .cases,
            summary: Localized(zh: "协调员指定认领部门（第六条）", en: "coordinators assign a case to a department (Art. 6)"),
            synopsis: "assign CASE DEPT [--note TEXT] [--at TIME]",
            help: Localized(
                zh: "协调员（政务公开办、网宣办）把案件指定给部门。超过认领时限仍未认领的案件被指定时，记为“指定认领”，记录在案并纳入考核（第六条）。",
                en: "Coordinators give a case to a department. When the claim deadline had passed unclaimed, the case is marked designated: recorded and counted in the assessment (Art. 6)."),
            examples: ["assign C7 police", "指定 C7 市应急办 --note \"涉及多部门，由应急办牵头\""],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要交办的案件", en: "the case to assign")) var caseID: EntityID
        @Argument(.department, name: "dept",
                  help: Localized(zh: "承办部门（代码或名称）", en: "the department to assign it to (code or name)")) var dept: String
        @Option(.text, help: Localized(zh: "说明", en: "note")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let dept = try ws.department(self.dept, range: $dept.range)
            let note = self.note
            var designated = false
            let acted = try ws.act(session, inv, .assign, caseID: caseID, range: $caseID.range) { c, at, _ in
                let a = try CaseRules.assign(c, dept: dept, claimDue: try ws.engine.claimDue(of: c), at: at, note: note)
                designated = a.designates
                return [Step(body: a.body)]
            }
            let id = acted.after.id
            return ws.answer(Localized(
                zh: "\(id) 已指定由\(dept.nameZH)办理\(designated ? "（超过认领时限，记为指定认领，纳入考核）" : "")。",
                en: "\(id) assigned to \(dept.nameEN)\(designated ? " (the claim deadline had passed: marked designated, counted in assessment)" : "")."),
                acted, session)
        }
    }
}
