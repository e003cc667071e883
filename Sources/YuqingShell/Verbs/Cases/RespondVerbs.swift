import YuqingCore
import YuqingStore

enum RespondVerbs {
    static let entries: [CommandEntry] = [Respond.entry, Review.entry, Follow.entry, Link.entry, Close.entry, Instruct.entry]

    struct Respond: Verb {
        static let spec = CommandSpec(
            name: "respond", alias: "回应", group: .cases,
            summary: Localized(zh: "在政府网站、官方微博、微信等渠道回应（第九条）", en: "publish the response (Art. 9)"),
            synopsis: "respond CASE --channel CH [--url URL] [--text TEXT] | respond CASE --draft TEXT | respond CASE --publish --channel CH [--url URL]",
            help: Localized(
                zh: "一般舆情在核实调查报告形成后 3 个工作日内，在政府网站、官方微博、微信等渠道回复，并链接到出现舆情的网站或论坛（第九条第一款）。关注度高（含重大敏感）的舆情先 --draft 提交回应稿，经政务公开办、网宣办会商审定（review 或会商中 decide … approve-response）后，5 个工作日内 --publish 统一发布。",
                en: "General cases: reply within 3 working days of the verification report on the government website, official Weibo, WeChat…, linking to where the opinion appeared (Art. 9 ¶1). High-attention (and major sensitive) cases: submit a --draft, which the coordinators review in consultation (`review`, or `decide … approve-response` in a meeting), then --publish within 5 working days."),
            examples: ["respond C7 --channel weibo --url https://weibo.com/gov/1 --text \"经检测，水质符合国家标准……\"",
                       "respond C9 --draft \"关于XX路段交通事故的情况通报……\"", "respond C9 --publish --channel website --url https://www.example.gov.cn/1"],
            mutates: true, textBlock: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要回应的案件", en: "the case to respond to")) var caseID: EntityID
        @Option(.word, help: Localized(zh: "渠道：website、weibo、wechat 或其他", en: "channel: website, weibo, wechat or another")) var channel: String?
        @Option(.text, help: Localized(zh: "回应链接（http:// 或 https:// 网址）", en: "URL of the response (http:// or https://)")) var url: String?
        @Option(.text, help: Localized(zh: "回应内容", en: "response text"), fromBlock: true) var text: String?
        @Option(.text, help: Localized(zh: "提交回应稿待审定", en: "submit a draft for review")) var draft: String?
        @Flag(help: Localized(zh: "发布已审定的回应稿", en: "publish the approved draft")) var publish: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let channel = self.channel, url = self.url, text = self.text
            if let url, let problem = PostURL.problem(url) { throw ShellError(problem, range: $url.range, kind: .usage) }
            if let draft {
                let acted = try ws.act(session, inv, .respond, caseID: caseID, range: $caseID.range) { c, _, _ in
                    [Step(body: try CaseRules.draftResponse(c, text: draft, channel: channel))]
                }
                return ws.answer(Localized(zh: "\(acted.after.id) 回应稿已提交，待政务公开办、网宣办会商审定。",
                                           en: "\(acted.after.id): response draft submitted for the coordinators' review."), acted, session)
            }
            // Without --draft the response is published, which needs its channel.
            guard let channel else { throw inv.missing($channel) }
            let acted = try ws.act(session, inv, .respond, caseID: caseID, range: $caseID.range) { c, _, _ in
                [Step(body: try CaseRules.publish(c, channel: channel, url: url, text: text, policy: ws.policy))]
            }
            let c = acted.after
            let source = c.url.map { Localized(zh: "，并链接到原帖 \($0)", en: ", linked to the source \($0)") } ?? Localized("")
            let ch = Channel.name(channel)
            return ws.answer(Localized(zh: "\(c.id) 已在\(ch.zh)回应\(source.zh)。", en: "\(c.id) responded on \(ch.en)\(source.en)."), acted, session)
        }
    }

    struct Review: Verb {
        static let spec = CommandSpec(
            name: "review", alias: "审定", group: .cases,
            summary: Localized(zh: "协调员审定关注度高舆情的回应稿（第九条）", en: "coordinators review a high-attention response draft (Art. 9)"),
            synopsis: "review CASE approve|reject [--note TEXT] [--at TIME]",
            examples: ["review C9 approve", "审定 C9 reject --note \"请补充处置进展\""],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要审核回应的案件", en: "the case whose response is reviewed")) var caseID: EntityID
        @Argument(.choice([Choice("approve", zh: "通过"), Choice("reject", zh: "退回")]), name: "decision",
                  help: Localized(zh: "审核结果：approve 通过，reject 退回", en: "the decision: approve or reject")) var decision: String
        @Option(.text, help: Localized(zh: "审定意见（退回时说明要改什么）", en: "the review's note (on reject: what to change)")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let ok = decision == "approve", note = self.note
            let acted = try ws.act(session, inv, .review, caseID: caseID, range: $caseID.range) { c, _, _ in
                [Step(body: try CaseRules.review(c, approve: ok, note: note))]
            }
            let id = acted.after.id
            return ws.answer(ok ? Localized(zh: "\(id) 回应稿已审定通过，可以发布：`respond \(id) --publish --channel …`。",
                                            en: "\(id): response draft approved; publish with `respond \(id) --publish --channel …`.")
                                : Localized(zh: "\(id) 回应稿已退回修改。", en: "\(id): response draft sent back."), acted, session)
        }
    }

    struct Follow: Verb {
        static let spec = CommandSpec(
            name: "follow", alias: "跟踪", group: .cases,
            summary: Localized(zh: "处置后持续关注，记录跟踪情况（第九条第二款）", en: "keep watching after the response (Art. 9 ¶2)"),
            synopsis: "follow CASE NOTE [--at TIME]",
            examples: ["follow C7 \"评论区情绪平稳，未见新的负面信息\""],
            mutates: true, textBlock: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要跟进的案件", en: "the case to follow up")) var caseID: EntityID
        @Argument(.text, name: "note",
                  help: Localized(zh: "跟进情况", en: "what the follow-up found")) var note: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let note = self.note
            let acted = try ws.act(session, inv, .follow, caseID: caseID, range: $caseID.range) { c, _, _ in [Step(body: try CaseRules.follow(c, note: note))] }
            return ws.answer(Localized(zh: "\(acted.after.id) 已记录跟踪情况。", en: "\(acted.after.id): follow-up noted."), acted, session)
        }
    }

    struct Link: Verb {
        static let spec = CommandSpec(
            name: "link", alias: "关联", group: .cases,
            summary: Localized(zh: "把案件关联为另一案件的重复或复发", en: "link a case to another as a duplicate or recurrence"),
            synopsis: "link CASE OTHER [--as duplicate|recurrence] [--at TIME]",
            help: Localized(
                zh: "CASE 是新的案件，OTHER 是它重复或复发的原案件。重复：CASE 的时限免除；复发：原案件重新进入跟踪期（第九条第二款）。",
                en: "CASE is the new one, OTHER the case it repeats. Duplicate: CASE's own clocks are waived. Recurrence: OTHER's watch period opens again (Art. 9 ¶2)."),
            examples: ["link C12 C7 --as duplicate", "关联 C15 C7 --as 复发"],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要关联的案件", en: "the case to link")) var caseID: EntityID
        @Argument(.id(.caseFile), name: "other",
                  help: Localized(zh: "与之关联的另一案件", en: "the other case it is linked to")) var other: EntityID
        @Option(choices(LinkKind.self), name: "as", help: Localized(zh: "关联类型：重复（duplicate，默认）或再次出现（recurrence，重新开始跟踪）", en: "kind of link: duplicate (default) or recurrence (runs the follow-up watch again)")) var kind: LinkKind = .duplicate

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let other = self.other, kind = self.kind
            // Both cases of a link are acted on (a recurrence reopens the other): a department links its own only.
            try ws.authorize(session, inv, .link, caseID: other, range: $other.range)
            let before = try ws.caseFile(other, range: $other.range)
            let acted = try ws.act(session, inv, .link, caseID: caseID, range: $caseID.range) { c, at, tx in
                let both = try CaseRules.link(c, to: other, kind: kind)
                // The other side of the link, in the same transaction.
                let o = try tx.caseFile(other)
                try tx.append(NewEvent(caseID: other, actor: session.actor, effective: at, recorded: session.now(),
                                       body: both.earlier), expectedVersion: o?.version)
                return [Step(body: both.newer)]
            }
            guard kind == .recurrence else {
                return ws.answer(Localized(zh: "\(acted.after.id) 已关联为 \(other) 的\(kind.name.zh)，本案时限免除。",
                                           en: "\(acted.after.id) linked to \(other) as a \(kind.name.en); its own clocks are waived."),
                                 acted, session)
            }
            let watch = ws.engine.recurrenceSentence(for: try ws.caseFile(other), closedBefore: before.closedAt,
                                                     now: session.now())
            return ws.answer(Localized(zh: "\(acted.after.id) 已关联为 \(other) 的\(kind.name.zh)。\(watch.zh)",
                                       en: "\(acted.after.id) linked to \(other) as a \(kind.name.en). \(watch.en)"),
                             acted, session)
        }
    }

    struct Close: Verb {
        static let spec = CommandSpec(
            name: "close", alias: "办结", group: .cases,
            summary: Localized(zh: "办结案件", en: "close a case"),
            synopsis: "close CASE [--note TEXT] [--at TIME]",
            examples: ["close C7 --note \"跟踪期内未再出现负面舆情\""],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要办结的案件", en: "the case to close")) var caseID: EntityID
        @Option(.text, help: Localized(zh: "办结说明", en: "closing note")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let note = self.note
            let acted = try ws.act(session, inv, .close, caseID: caseID, range: $caseID.range) { c, _, _ in
                [Step(body: try CaseRules.close(c, note: note))]
            }
            return ws.answer(Localized(zh: "\(acted.after.id) 已办结。", en: "\(acted.after.id) closed."), acted, session)
        }
    }

    struct Instruct: Verb {
        static let spec = CommandSpec(
            name: "instruct", alias: "批示", group: .cases,
            summary: Localized(zh: "录入市领导批示并跟踪交办、承办、督办（第八条第四款）", en: "record a leader instruction and its chain (Art. 8 ¶4)"),
            synopsis: "instruct CASE --leader NAME --text TEXT [--due TIME] | instruct undertake L [--dept DEPT] | instruct supervise L --note TEXT | instruct complete L [--note TEXT]",
            help: Localized(
                zh: "市领导批示的舆情按程序交办、承办、督办（第八条第四款）。未给 --due 时按制度默认 5 个工作日。",
                en: "Cases instructed by city leaders are assigned, undertaken and supervised (Art. 8 ¶4). Without --due the policy default (5 working days) applies."),
            examples: ["instruct C7 --leader 王副市长 --text \"请市水务局立即核查并回应\"", "instruct undertake L1 --dept police",
                       "instruct supervise L1 --note \"已电话督办\"", "instruct complete L1"],
            subverbs: [InstructUndertake.entry, InstructSupervise.entry, InstructComplete.entry],
            mutates: true, textBlock: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "领导批示所涉的案件", en: "the case the leader's instruction is about")) var caseID: EntityID
        @Option(.text, help: Localized(zh: "批示领导", en: "the leader")) var leader: String
        @Option(.text, help: Localized(zh: "批示内容", en: "the instruction"), fromBlock: true) var text: String
        @Option(.time, help: Localized(zh: "办理时限（相对时间至多 3,650 天）", en: "due (a relative time at most 3,650 days ahead)")) var due: TimeSpec?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let leader = self.leader, text = self.text
            var due: Instant?
            if let t = self.due {
                // Art. 8 ¶4: the leader's limit runs from the instruction, so `--due +3wd` counts from its --at.
                let at = try session.effectiveTime(inv)
                if case .relativeWorkdays(let n) = t {  // the working-day limit as the rules count one (cut-off, readings)
                    due = try ShellError.at($due.range) { try ws.engine.workingDeadline(n, from: at) }
                } else {
                    due = try session.resolve(t, from: at)
                }
                if let d = due, d <= at {
                    throw ShellError(zh: "办理时限 \(d) 不晚于批示时间 \(at)：时限须在批示之后",
                                     en: "the due time \(d) is not after the instruction at \(at): a limit must end after it is given",
                                     range: $due.range, kind: .usage)
                }
            }
            var lid: EntityID?
            let acted = try ws.act(session, inv, .instruct, caseID: caseID, range: $caseID.range) { c, _, tx in
                let id = try tx.nextID(.instruction)
                lid = id
                return [Step(body: try CaseRules.instruct(c, id: id, leader: leader, text: text, due: due), subject: id)]
            }
            let id = lid.map(\.description) ?? "?"
            var out = ws.answer(Localized(zh: "\(acted.after.id) 收到\(leader)批示 \(id)，已交办。", en: "\(acted.after.id): instruction \(id) from \(leader) recorded and assigned."),
                                acted, session)
            out.created = lid
            return out
        }
    }

    struct InstructUndertake: Verb {
        static let spec = CommandSpec(
            name: "undertake", alias: "承办", group: .cases, summary: Localized(zh: "部门承办", en: "a department undertakes it"),
            synopsis: "instruct undertake L [--dept DEPT] [--note TEXT]", mutates: true)

        @Argument(.id(.instruction), name: "instruction",
                  help: Localized(zh: "批示编号", en: "the instruction (such as L2)")) var lid: EntityID
        @Option(.department, help: Localized(zh: "承办部门（默认当前身份的部门）", en: "the undertaking department (default: yours)")) var dept: String?
        @Option(.text, help: Localized(zh: "承办说明", en: "note")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let lid = self.lid, note = self.note
            let caseID = try ws.caseOf(lid, range: $lid.range)
            guard let key = self.dept ?? session.actor.dept else {
                throw ShellError(zh: "承办需要部门：--dept", en: "undertaking needs a department: --dept", range: inv.verbRange)
            }
            let dept = try ws.department(key, range: $dept.range)
            let acted = try ws.act(session, inv, .instructionUndertake, caseID: caseID, range: $lid.range) { c, _, _ in
                [Step(body: try CaseRules.undertake(c, id: lid, dept: dept.code, note: note, names: ((try? ws.directory()) ?? Directory([])).names), subject: lid)]
            }
            return ws.answer(Localized(zh: "\(lid) 由\(dept.nameZH)承办。", en: "\(lid) undertaken by \(dept.nameEN)."), acted, session)
        }
    }

    struct InstructSupervise: Verb {
        static let spec = CommandSpec(
            name: "supervise", alias: "督办", group: .cases, summary: Localized(zh: "协调员督办", en: "coordinators supervise it"),
            synopsis: "instruct supervise L --note TEXT", mutates: true, textBlock: true)

        @Argument(.id(.instruction), name: "instruction",
                  help: Localized(zh: "批示编号", en: "the instruction (such as L2)")) var lid: EntityID
        @Option(.text, help: Localized(zh: "督办意见（也可写在 <<END … END 文字块中）", en: "the supervision note (or a <<END … END block)"), fromBlock: true) var note: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let lid = self.lid, note = self.note
            let caseID = try ws.caseOf(lid, range: $lid.range)
            let acted = try ws.act(session, inv, .instructionSupervise, caseID: caseID, range: $lid.range) { c, _, _ in
                [Step(body: try CaseRules.supervise(c, id: lid, note: note), subject: lid)]
            }
            return ws.answer(Localized(zh: "\(lid) 已督办。", en: "\(lid) supervised."), acted, session)
        }
    }

    struct InstructComplete: Verb {
        static let spec = CommandSpec(
            name: "complete", alias: "办结", group: .cases, summary: Localized(zh: "批示办结", en: "completed"),
            synopsis: "instruct complete L [--note TEXT]", mutates: true)

        @Argument(.id(.instruction), name: "instruction",
                  help: Localized(zh: "批示编号", en: "the instruction (such as L2)")) var lid: EntityID
        @Option(.text, help: Localized(zh: "办结情况", en: "how it was completed")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let lid = self.lid, note = self.note
            let caseID = try ws.caseOf(lid, range: $lid.range)
            let acted = try ws.act(session, inv, .instructionComplete, caseID: caseID, range: $lid.range) { c, _, _ in
                [Step(body: try CaseRules.completeInstruction(c, id: lid, note: note), subject: lid)]
            }
            return ws.answer(Localized(zh: "\(lid) 已办结。", en: "\(lid) completed."), acted, session)
        }
    }
}
