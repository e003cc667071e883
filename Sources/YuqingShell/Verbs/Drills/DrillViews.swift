import Foundation
import YuqingCore
import YuqingStore

/// The two views of a running drill and the handout: `drill status` shows trainees only what has happened and
/// their own open duties (the policy deadlines they would see on a real day, never the evaluators' expectations
/// or a future inject); `drill plan` shows exercise control everything ahead; `drill brief` prints a role's
/// briefing before the drill.
enum DrillViews {
    // MARK: drill status — the trainees' view

    static func status(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        guard let run = DrillController.of(session).run else {
            return CommandOutput(zh: "没有演练。用 drill run 脚本 开始。", en: "No drill. Start one with `drill run FILE`.")
        }
        if !run.isActive, let o = run.outcome {
            return CommandOutput(Localized(zh: "演练“\(run.script.header.title)”已于 \(o.end) 结束；drill report 查看评估报告。",
                                           en: "The drill “\(run.script.header.title)” ended at \(o.end); `drill report` gives the report."))
        }
        let now = run.clock.now()
        let me = run.trainee(session)
        let who = me.map { t in
            Localized(zh: "\(t.name)（\(t.role.name.zh)\(t.dept.map { "，" + run.ws.deptName($0, .zh) } ?? "")）",
                      en: "\(t.name) (\(t.role.name.en)\(t.dept.map { ", " + run.ws.deptName($0, .en) } ?? ""))")
        } ?? Localized(zh: "\(session.actor.name)（导调）", en: "\(session.actor.name) (exercise control)")
        var lines = [Localized(zh: "演练时钟 \(now)（\(run.offset(now))），身份：\(who.zh)。",
                               en: "Drill clock \(now) (\(run.offset(now))), acting as \(who.en).")]
        var tables: [Table] = []
        let heard = run.engine.sortedTimeline.filter { e in
            guard [.inject, .contingency, .chained, .adHoc].contains(e.kind), e.told != nil else { return false }
            guard let me else { return e.audience.isEmpty }
            return e.isVisible(to: me)
        }
        if heard.isEmpty {
            lines.append(Localized(zh: "还没有收到任何情况。", en: "Nothing has come in yet."))
        } else {
            tables.append(Table(title: Localized(zh: "已收到的情况（最近 \(min(8, heard.count)) 条）", en: "What has come in (latest \(min(8, heard.count)))"), columns: [
                // Wraps: at 80 columns the media inquiry was cut before its 请于今天 17:00 前答复 (what the trainee must do).
                Column("at", Localized(zh: "时间", en: "Time")), Column("what", Localized(zh: "内容", en: "What"), wraps: true),
            ], rows: heard.suffix(8).map { e in
                [.text(run.offset(e.at)), .text(e.told?.text(session.language) ?? "")]
            }))
        }
        let duties = openDuties(run, actor: session.actor, now: now)
        if duties.isEmpty {
            lines.append(Localized(zh: "本人目前没有待办的制度时限。", en: "You have no open policy deadline now."))
        } else {
            tables.append(Table(title: Localized(zh: "本人待办（制度时限）", en: "Your open duties (policy deadlines)"), columns: [
                Column("case", Localized(zh: "案件", en: "Case")), Column("duty", Localized(zh: "事项", en: "Duty"), wraps: true),
                Column("due", Localized(zh: "期限", en: "Due")), Column("left", Localized(zh: "距时限", en: "Left")),
            ], rows: duties.map { c, o, due in
                [.id(c), .localized(o.title), .deadline(due), .localized(SpanText.left(due - now))]
            }))
        }
        if me == nil && !run.script.header.trainees.isEmpty {
            lines.append(Localized(zh: "这是学员视图；导调视图（后续注入、预期行动、进度）：drill plan。",
                                   en: "This is the trainees' view; the controller's (what comes next, expectations, progress): `drill plan`."))
        }
        return CommandOutput(messages: lines, tables: tables)
    }

    /// The open obligations of the drill's cases that fall to this actor: their department's, the coordinators'
    /// for a coordinator, and unclaimed cases for anyone who may claim.
    static func openDuties(_ run: DrillRun, actor: Actor, now: Instant) -> [(EntityID, Obligation, Instant)] {
        let last = (try? run.ws.read { try $0.lastNumber(.caseFile) }) ?? 0
        guard last > 0 else { return [] }
        var out: [(EntityID, Obligation, Instant)] = []
        for n in 1...last {
            let id = EntityID(.caseFile, n)
            guard let c = try? run.ws.read({ try $0.caseFile(id) }) else { continue }
            for o in run.ws.obligations(c, now: now) where o.isOpen && !o.optional {
                guard let due = o.due else { continue }
                let mine: Bool = switch o.responsible {
                case .department(let d): actor.dept == d && actor.role != .coordinator || (actor.role == .coordinator && actor.dept == d)
                case .coordinators: actor.role == .coordinator
                case .unassigned: Permission.claim.roles.contains(actor.role)
                }
                if mine { out.append((id, o, due)) }
            }
        }
        return out.sorted { ($0.2, $0.0.number) < ($1.2, $1.0.number) }
    }

    // MARK: drill plan — the controller's view

    static func plan(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try DrillCommands.active(session, inv)
        let now = run.clock.now()
        let e = run.engine
        var copy = e
        copy.finish(at: now)
        let sofar = DrillResults.outcome(run, engine: copy, end: now).score
        let states = e.states
        let count = { (s: ExpectationStatus) in states.filter { $0.status == s }.count }
        let progress = Localized(
            zh: "演练时钟 \(now)（\(run.offset(now))），\(run.mode == .live ? "实时 ×\(run.clock.speed)" : run.mode == .stepped ? "逐步推进" : "自动")。预期行动：按时 \(count(.met))、超时 \(count(.late))、进行中 \(count(.open))、已超时未完成 \(count(.overdue))、未开始 \(count(.waiting))；若此刻结束得分 \(sofar.earned)/\(sofar.possible)（\(sofar.percent)%）。",
            en: "Drill clock \(now) (\(run.offset(now))), \(run.mode == .live ? "live ×\(run.clock.speed)" : run.mode.rawValue). Expectations: met \(count(.met)), late \(count(.late)), open \(count(.open)), overdue \(count(.overdue)), waiting \(count(.waiting)); points if it ended now \(sofar.earned)/\(sofar.possible) (\(sofar.percent)%).")
        let ahead = Table(title: Localized(zh: "接下来（主事件清单）", en: "Ahead (master scenario events list)"), columns: [
            Column("at", Localized(zh: "相对", en: "Offset")), Column("kind", Localized(zh: "类型", en: "Kind")),
            Column("what", Localized(zh: "内容", en: "What"), wraps: true),
            Column("command", Localized(zh: "命令", en: "Command"), dataOnly: true),
        ], rows: e.agenda.map { a in
            switch a.kind {
            case .inject(let c, let origin):
                // In words on screen; as typed in CSV and JSON (the data-only column).
                let to = c.audience.isEmpty ? "" : "→ \(c.audience.joined(separator: ",")) "
                // On screen a department addressee by name (a trainee's name or a role stays as written).
                let dir = (try? run.ws.directory()) ?? Directory()
                func toText(_ lang: Language) -> String {
                    c.audience.isEmpty ? "" : "→ " + c.audience.map { dir.name(of: $0).text(lang) }.joined(separator: lang == .zh ? "、" : ", ") + " "
                }
                let label = c.label.map { "@\($0) " } ?? ""
                let words = DrillCommandWords.describe(c, run.ws)
                return [.text(run.offset(a.at)), .localized(origin.kind.name),
                        .localized(Localized(zh: toText(.zh) + label + words.zh, en: toText(.en) + label + words.en)), .text(to + label + c.summary)]
            case .action(let c): return [.text(run.offset(a.at)), .localized(TimelineKind.action.name), .text(c.summary), .text(c.summary)]
            case .deadline(let id):
                let x = run.script.expectation(id)
                return [.text(run.offset(a.at)), .localized(TimelineKind.deadline.name),
                        .localized(Localized(zh: "\(id) \(x?.action.title.zh ?? "") \(x.map(e.subjectText) ?? "") 到期",
                                             en: "\(id) \(x?.action.title.en ?? "") \(x.map(e.subjectText) ?? "") falls due"))]
            case .opens(let id):
                return [.text(run.offset(a.at)), .localized(Localized(zh: "计时开始", en: "window opens")), .text(id)]
            }
        })
        // On a narrow terminal the tries, the doer and the limit (the due time says it) go first, and the words
        // wrap: at 80 columns ten columns at their narrowest were wider than the screen, and the terminal broke
        // every row in two.
        let expectations = Table(title: Localized(zh: "预期行动", en: "Expectations"), columns: [
            Column("id", Localized(zh: "编号", en: "ID")), Column("action", Localized(zh: "行动", en: "Action"), wraps: true),
            Column("subject", Localized(zh: "对象", en: "Subject"), wraps: true), Column("dept", Localized(zh: "部门", en: "Dept"), wraps: true),
            Column("content", Localized(zh: "内容要求", en: "Content"), wraps: true),
            Column("within", Localized(zh: "时限", en: "Within"), dropRank: 3),
            Column("due", Localized(zh: "到期", en: "Due")), Column("state", Localized(zh: "状态", en: "State"), wraps: true),
            Column("by", Localized(zh: "完成者", en: "Done by"), dropRank: 2),
            Column("tries", Localized(zh: "未计分操作", en: "Tries"), align: .right, dropRank: 1),
        ], rows: run.script.expectations.enumerated().map { k, x in
            let st = states[k]
            let dept = x.dept.map { d in Localized(zh: SupervisionData.deptName(d, run.ws, .zh), en: SupervisionData.deptName(d, run.ws, .en)) }
            return [.text(x.id), .localized(x.action.title), .text(e.subjectText(x)), dept.map { .localized($0) } ?? .text("—"),
                    // In words (定级关注度高、须含“检测”), not as the script writes it (level high-attention).
                    x.content.isEmpty ? .text("—") : .localized(Localized(
                        zh: DrillReport.contentText(x.content, zh: true) { SupervisionData.deptName($0, run.ws, .zh) },
                        en: DrillReport.contentText(x.content, zh: false) { SupervisionData.deptName($0, run.ws, .en) })),
                    .localized(SpanText.of(x.within)),
                    st.deadline.map { .deadline($0) } ?? .empty, .localized(st.status.name),
                    .text(st.doneBy?.name ?? "—"), .integer(st.attempts.count)]
        })
        let fired = Set(e.timeline.compactMap { t -> String? in
            [.contingency, .chained].contains(t.kind) ? t.text.en : nil
        })
        var cont: [[Cell]] = []
        for c in run.script.contingencies {
            let k = run.script.expectations.firstIndex { $0.id == c.expectation }
            let st = k.map { states[$0].status } ?? .waiting
            let tag = "[\(c.expectation) \(c.trigger.rawValue)] "
            let state: Localized = fired.contains { $0.hasPrefix(tag) } ? Localized(zh: "已触发", en: "fired")
                : (c.trigger == .miss ? [.met, .late, .missed] : [.late, .overdue, .missed]).contains(st)
                    ? Localized(zh: "不会触发", en: "will not fire") : Localized(zh: "待命", en: "armed")
            cont.append([.localized(c.trigger == .miss ? Localized(zh: "\(c.expectation) 未完成", en: "\(c.expectation) missed")
                                                       : Localized(zh: "\(c.expectation) 按时完成", en: "\(c.expectation) met")),
                         .localized(DrillCommandWords.describe(c.command, run.ws)), .text(c.command.summary), .localized(state)])
        }
        for c in run.script.chained {
            let tag = "[after \(c.expectation)] "
            let k = run.script.expectations.firstIndex { $0.id == c.expectation }
            let st = k.map { states[$0].status } ?? .waiting
            let state: Localized = fired.contains { $0.hasPrefix(tag) } ? Localized(zh: "已触发", en: "fired")
                : [.met, .late].contains(st) ? Localized(zh: "已排定", en: "scheduled")
                : st == .missed ? Localized(zh: "不会触发", en: "will not fire") : Localized(zh: "待命", en: "armed")
            let delay = DrillTimes.offsetText(c.delay).dropFirst()
            cont.append([.localized(Localized(zh: "\(c.expectation) 完成后 +\(delay)", en: "after \(c.expectation) +\(delay)")),
                         .localized(DrillCommandWords.describe(c.command, run.ws)), .text(c.command.summary), .localized(state)])
        }
        var tables = [ahead, expectations]
        if !cont.isEmpty {
            tables.append(Table(title: Localized(zh: "应变与连锁注入", en: "Contingency and chained injects"), columns: [
                Column("trigger", Localized(zh: "触发", en: "Trigger")), Column("what", Localized(zh: "注入内容", en: "Inject"), wraps: true),
                Column("command", Localized(zh: "命令", en: "Command"), dataOnly: true),
                Column("state", Localized(zh: "状态", en: "State")),
            ], rows: cont))
        }
        if !sofar.trainees.isEmpty { tables.append(DrillResults.traineeTable(sofar, run.ws)) }
        return CommandOutput(messages: [progress], tables: tables)
    }

    // MARK: drill brief — the handout

    static func brief(_ v: DrillVerbs.Brief, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let script: DrillScript
        let run = DrillController.of(session).run
        if let file = v.file {
            script = try DrillLoading.script(file, range: v.$file.range, session: session).script
        } else if let run {
            script = run.script
        } else {
            throw ShellError(zh: "没有演练：给出脚本文件", en: "no drill: name the script file", range: inv.verbRange, kind: .usage)
        }
        if let run, run.isActive, let me = run.trainee(session), let r = v.role, !DrillAudience.includes(r, me) {
            throw ShellError(Localized(zh: "学员只能查看本人的说明（\(me.name)）", en: "a trainee sees their own briefing only (\(me.name))"),
                             range: v.$role.range, kind: .denied)
        }
        var role = v.role
        if role == nil, let run, run.isActive, let me = run.trainee(session) { role = me.name }
        let names = DrillLoading.builtinDepartments
        let target = role.map { names[$0] ?? $0 }
        if let target, !script.header.trainees.contains(where: { DrillAudience.includes(target, $0) }) {
            let known = script.header.trainees.flatMap { [$0.name] + ($0.dept.map { [$0] } ?? []) + [$0.role.rawValue] }
            throw ShellError(Localized(zh: "名单中没有“\(role ?? "")”对应的学员", en: "no trainee on the roster is “\(role ?? "")”"),
                             range: v.$role.range,
                             hint: Localized(zh: "可用：" + Set(known).sorted().joined(separator: " "), en: "known: " + Set(known).sorted().joined(separator: " ")),
                             kind: .notFound)
        }
        let ws = session.service(Workspace.self)
        let declared = script.declaredDepartments
        let declaredEN = script.declaredDepartmentsEN
        let staff = !(run?.isActive == true && run?.trainee(session) != nil)
        let doc = BriefDocument(script: script, target: target, language: v.lang, cards: staff && target != nil,
                                deptName: { code in
                                    if v.lang == .zh, let n = declared[code] { return n }
                                    if v.lang == .en, let n = declaredEN[code] { return n }
                                    // Not in the directory: the script's own name rather than the code (`water`).
                                    let known = ws.map { w in w.deptName(code, v.lang) } ?? code
                                    return known == code ? declared[code] ?? code : known
                                }).document()
        let out = try DocumentTarget.resolve(out: v.$out, format: v.format, formatRef: v.$format, verbRange: inv.verbRange)
        return try out.deliver(doc, what: Localized(zh: "演练说明", en: "The briefing"))
    }
}

/// A player's handout (演练说明): what the drill is, when play starts, the rules of play, who takes part, and for a
/// role the paragraphs and the private starting information addressed to it. It never shows the expectations,
/// the scenario summary written for the evaluators, or anything that happens after the start.
struct BriefDocument {
    let script: DrillScript
    let target: String?
    let language: Language
    /// Exercise control's copy: the private injects for the role as cards to hand over at their time (on a
    /// shared projector a private inject cannot stay private). Never printed for a trainee during the drill.
    let cards: Bool
    let deptName: (String) -> String

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func document() -> OfficialDocument {
        let h = script.header
        let trainees = target.map { tg in h.trainees.filter { DrillAudience.includes(tg, $0) } } ?? h.trainees
        var blocks: [DocumentBlock] = [
            .heading(t("一、演练基本情况", "1. The exercise")),
            .fields([
                DocumentField(t("演练名称", "Exercise"), h.title),
                DocumentField(t("模拟开始时间", "Play starts at (simulated)"), h.epoch.description),
                DocumentField(t("组织单位", "Organized by"), h.organizer ?? "—"),
                DocumentField(t("演练地点", "Place"), h.place ?? "—"),
            ]),
        ]
        if let scope = h.scope { blocks += [.subheading(t("演练范围", "Scope")), .paragraph(scope)] }
        if !h.objectives.isEmpty {
            blocks += [.subheading(t("演练目标", "Objectives")), .numbered(h.objectives.map { "\($0.id) \($0.text)" })]
        }
        blocks += [.heading(t("二、参演人员", "2. Who plays")),
                   .table(DocumentTable(headers: [t("姓名", "Name"), t("角色", "Role"), t("单位", "Department")],
                                        rows: trainees.map { [$0.name, $0.role.name.text(language), $0.dept.map(deptName) ?? "—"] },
                                        compactRule: true)),
                   .fields([DocumentField(t("导调", "Exercise control"), h.control.name)]
                           + (h.contacts.isEmpty ? [] : [DocumentField(t("联系人", "Contact"), h.contacts.map { $0.name + ($0.phone.map { " " + $0 } ?? "") }.joined(separator: t("；", "; ")))]))]
        blocks += [.heading(t("三、演练规则", "3. Rules of play")), .numbered([
            t("每位学员以本人身份操作：上机时输入 as 本人姓名，角色和部门以名单为准。", "Each trainee acts as themselves: type \(DocumentText.code("as YOUR NAME")) at the keyboard; the role and department are the roster's."),
            t("演练时间由导调控制：不能使用 --at，也不能用 clock 改动时钟；每项操作记在当时的演练时间。", "Exercise control owns the time: no \(DocumentText.code("--at")), no \(DocumentText.code("clock")); every action is recorded at the drill time it happens."),
            t("按平时的制度办理：认领、研判、报送、核实、回应各有时限，drill status 显示本人待办的时限。", "Work as on a real day: each step has its policy limit; \(DocumentText.code("drill status")) shows your open deadlines."),
            t("演练在独立的数据库中进行，不影响真实案件；操作全部记录并评分。", "The drill runs in its own store, apart from the real cases; everything you do is recorded and scored."),
        ])]
        let mine = h.briefs.filter { b in
            ["all", "全体"].contains(b.target) || target.map { tg in
                b.target == tg || trainees.contains { DrillAudience.includes(b.target, $0) }
            } ?? false
        }
        let start = script.injects.filter { inject in
            inject.offset.seconds == 0 && !inject.command.audience.isEmpty && target != nil
                && trainees.contains { t in inject.command.audience.contains { DrillAudience.includes($0, t) } }
        }
        if !mine.isEmpty || !start.isEmpty {
            blocks.append(.heading(t("四、情况说明", "4. Your starting information")))
            blocks += mine.map { .paragraph($0.text) }
            if !start.isEmpty { blocks.append(.bullets(start.map(\.command.display))) }
        }
        if cards {
            func mine(_ c: DrillCommand) -> Bool {
                !c.audience.isEmpty && trainees.contains { t in c.audience.contains { DrillAudience.includes($0, t) } }
            }
            var rows: [[String]] = []
            for i in script.injects where mine(i.command) && i.offset.seconds > 0 {
                rows.append([DrillTimes.offsetText(i.offset), t("按时", "at this time"), i.command.display])
            }
            for c in script.contingencies where mine(c.command) {
                rows.append(["—", t(c.trigger == .miss ? "\(c.expectation) 未按时完成时" : "\(c.expectation) 按时完成时",
                                   c.trigger == .miss ? "if \(c.expectation) is missed" : "if \(c.expectation) is met"), c.command.display])
            }
            for c in script.chained where mine(c.command) {
                rows.append(["—", t("\(c.expectation) 完成后 \(c.delay)", "\(c.delay) after \(c.expectation)"), c.command.display])
            }
            if !rows.isEmpty {
                blocks.append(.heading(t("附：发给本角色的注入卡片（导调按时交给学员，勿提前分发）", "Annex: inject cards for this role (exercise control hands each over at its time; do not give out in advance)")))
                blocks.append(.table(DocumentTable(headers: [t("时间", "Time"), t("条件", "When"), t("内容", "Message")], rows: rows, compactRule: true)))
            }
        }
        let who = target.map { tg in trainees.count == 1 ? trainees[0].name : tg }
        let base = language == .zh ? (h.title.hasSuffix("演练") ? h.title + "说明" : h.title + "演练说明") : "Briefing: \(h.title)"
        let title = base + (who.map { t("（\($0)）", " (\($0))") } ?? "")
        return OfficialDocument(kind: .drill, title: title, language: language,
                                header: DocumentHeader(issuers: [h.organizer ?? t("政务舆情应急演练导调组", "Drill control")]),
                                blocks: blocks)
    }
}
