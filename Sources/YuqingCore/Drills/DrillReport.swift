/// How a session was played, for the report's overview (HSEEP: exercise type; 演练方式).
public enum DrillMode: Sendable, Hashable {
    case auto
    case stepped
    /// The speed it started at, and every change of speed (`drill speed N`) at its drill time.
    case live(speed: Int, changes: [DrillSpeedChange] = [])

    public var code: String {
        switch self {
        case .auto: "auto"
        case .stepped: "stepped"
        case .live: "live"
        }
    }

    public var name: Localized {
        switch self {
        case .auto: Localized(zh: "自动推演（脚本化学员操作，用于检验脚本）", en: "automatic (scripted trainee actions, a rehearsal of the script)")
        case .stepped: Localized(zh: "逐步推进式桌面推演（导调控制演练时钟）", en: "stepped tabletop exercise (exercise control moves the clock)")
        case .live(let s, let changes) where changes.isEmpty:
            Localized(zh: "实时推演（演练时钟为实际时间的 \(s) 倍）", en: "live exercise (the drill clock runs \(s) times real time)")
        // The speeds it ran at, not only the last: a session begun at ×30 and sped up to ×60 at +01:10 read "60 倍".
        case .live(let s, let changes):
            Localized(zh: "实时推演（演练时钟开始为实际时间的 \(s) 倍；" + changes.map { "\(DrillTimes.offsetText($0.at)) 起 \($0.speed) 倍" }.joined(separator: "，") + "）",
                      en: "live exercise (the drill clock ran \(s) times real time at the start; "
                        + changes.map { "\($0.speed) times from \(DrillTimes.offsetText($0.at))" }.joined(separator: ", ") + ")")
        }
    }
}

/// A live session's change of speed (`drill speed N`): from drill time `at` (since the epoch) on, `speed` times
/// real time.
public struct DrillSpeedChange: Sendable, Hashable {
    public var at: Span
    public var speed: Int
    public init(at: Span, speed: Int) {
        self.at = at
        self.speed = speed
    }

    /// The changes of speed a drill log's `# pace:` values record (`+01:10 x60 2020-01-10T14:10:03`; `+01:20 paused`
    /// and a resume at the same speed change nothing), starting from `speed`.
    public static func from(paces: [String], start speed: Int) -> [DrillSpeedChange] {
        var current = speed
        var out: [DrillSpeedChange] = []
        for p in paces {
            let words = p.split(separator: " ")
            guard words.count >= 2, let at = DrillTimes.offset(String(words[0])), words[1].hasPrefix("x"),
                  let n = Int(words[1].dropFirst()), n != current else { continue }
            out.append(DrillSpeedChange(at: at, speed: n))
            current = n
        }
        return out
    }
}

/// The facts of one session that the script does not know: when and where it really took place, how it was
/// played, who ran it. They come from the drill log on a replay, so the report is the same bytes.
public struct DrillSessionFacts: Sendable, Hashable {
    /// Real (not simulated) start and end of the session.
    public var realStart: Instant
    public var realEnd: Instant
    public var place: String?
    public var mode: DrillMode
    /// Who ran the drill at the keyboard (the trainer).
    public var trainer: String?

    public init(realStart: Instant, realEnd: Instant, place: String? = nil, mode: DrillMode, trainer: String? = nil) {
        self.realStart = realStart
        self.realEnd = realEnd
        self.place = place
        self.mode = mode
        self.trainer = trainer
    }
}

/// A file the drill depends on, with its SHA-256: the script, its header-level includes, files its injects source.
public struct DrillFileHash: Sendable, Hashable {
    public var name: String
    public var sha256: String
    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }
}

/// What the after-action report is made of; the shell gathers it, the core writes it.
public struct DrillReportInput: Sendable {
    public var script: DrillScript
    /// The script's file name (without directories, so a replay from another folder gives the same report).
    public var scriptName: String
    public var scriptHash: String
    /// Included and sourced files (names as written, without directories).
    public var files: [DrillFileHash]
    /// The last event's chained hash in the drill store: one value that fixes the whole log.
    public var stateHash: String
    public var end: Instant
    public var session: DrillSessionFacts
    public var timeline: [TimelineEntry]
    public var notes: [DrillNote]
    public var score: DrillScore
    /// Department code → display names, for every department the report mentions.
    public var departmentNames: [String: Localized]

    public init(script: DrillScript, scriptName: String, scriptHash: String, files: [DrillFileHash] = [],
                stateHash: String, end: Instant, session: DrillSessionFacts, timeline: [TimelineEntry],
                notes: [DrillNote], score: DrillScore, departmentNames: [String: Localized]) {
        self.script = script
        self.scriptName = scriptName
        self.scriptHash = scriptHash
        self.files = files
        self.stateHash = stateHash
        self.end = end
        self.session = session
        self.timeline = timeline
        self.notes = notes
        self.score = score
        self.departmentNames = departmentNames
    }
}

/// The after-action report and improvement plan (演练评估报告), Chinese by default, in the shape of HSEEP's AAR/IP
/// and of a Chinese 应急演练评估报告: the exercise overview (real date, place, mode, scenario, scope, participants,
/// control, evaluators, contact), the overall result, per objective a narrative with its P/S/M/U rating and the
/// evidence, strengths, areas for improvement with their root cause, the improvement plan (capability, action,
/// owner, start, due), the hotwash, the conclusion and the signatures; the timeline, the scoring detail and the
/// hashes follow as annexes. Built as an `OfficialDocument` (Markdown, HTML, .docx). Everything is sorted and in
/// whole seconds, so the same run gives the same bytes.
public struct DrillReport {
    public let input: DrillReportInput
    public let lang: Language

    /// The wording of the report, numbered: a drill log records it (`# report-format: 3`) beside the report's hash,
    /// so a replay by a later yuqing whose report reads differently says so instead of a bare mismatch. Raise it
    /// whenever the Chinese report of the same drill changes (`DrillReportFormatTests` pins the current text's
    /// hash). Logs without the line were written before it existed: format 1.
    /// Kept at 3 by the fixes of 2026-11-30 (an objective with nothing counted no longer reads "0 of 0 done, all
    /// within their limits"; a level or assignment scores only while it stands): they change the report of a few
    /// sessions only, and a raised format would leave every format-3 log's report — the only check of its header's
    /// date, place, mode and trainer — uncompared. Likewise for the conclusion that no longer rates an objective
    /// not exercised (it read P).
    /// 4 (2026-11-30): an evaluator's note is labelled 评估记录 in the timeline (it read 导调记录, exercise control's),
    /// a window that opened only as the drill ended is not due (未到期, it read missed and counted against the
    /// trainee), and a live session's mode names every speed it ran at — common enough (every session with an
    /// evaluator's note) that a format-3 log's report must be marked as worded otherwise, not failed.
    public static let format = 4

    public init(_ input: DrillReportInput, language: Language = .zh) {
        self.input = input
        self.lang = language
    }

    var zh: Bool { lang == .zh }
    var h: DrillHeader { input.script.header }
    var s: DrillScore { input.score }
    func t(_ zh: String, _ en: String) -> String { self.zh ? zh : en }
    func l(_ l: Localized) -> String { l.text(lang) }
    func dept(_ code: String?) -> String {
        guard let code else { return "—" }
        return input.departmentNames[code]?.text(lang) ?? code
    }
    /// A table in the report's style: empty cells show `—`.
    static func table(_ headers: [String], _ rows: [[String]], right: Set<Int> = []) -> DocumentBlock {
        .table(DocumentTable(headers: headers, rows: rows.map { $0.map { $0.isEmpty ? "—" : $0 } },
                             alignments: DocumentTable.aligned(right: right, count: headers.count), compactRule: true))
    }
    /// `30 天` / `30 days` (or the span as written when it is not whole days).
    func days(_ s: Span) -> String {
        guard s.seconds % 86_400 == 0 else { return span(s) }
        let n = Int(s.seconds / 86_400)
        return zh ? "\(n) 天" : English.count(n, "day")
    }
    /// `（一）情景概要` / `(a) Scenario`.
    func sub(_ n: Int, _ title: String) -> String { DocumentText.subsection(n, lang) + title }
    /// `（x）` in Chinese, ` (x)` in English.
    func paren(_ s: String) -> String { zh ? "（\(s)）" : " (\(s))" }
    var sep: String { zh ? "、" : ", " }
    var semi: String { zh ? "；" : "; " }
    var stop: String { zh ? "。" : "." }
    func latency(_ l: Int64) -> String { "\(l)" + paren(span(Span(seconds: l))) }
    /// A span in words (`2 小时 15 分钟` / `2 h 15 min`), as every screen says it (`SpanText`).
    func span(_ s: Span) -> String { SpanText.of(s, dayParts: true).text(lang) }
    func offset(_ t: Instant) -> String { DrillTimes.offsetText(t - h.epoch) }
    func date(_ i: Instant) -> String { DocumentText.date(i.date, lang) }
    func clock(_ i: Instant) -> String {
        func p(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(p(i.hour)):\(p(i.minute))"
    }
    func actor(_ e: TimelineEntry) -> String {
        guard let name = e.actor else { return "—" }
        return name + (e.dept.map { paren(dept($0)) } ?? "")
    }
    func who(_ a: Actor) -> String { a.dept.map { "\(dept($0)) \(a.name)" } ?? a.name }
    func trainee(_ tr: Trainee) -> String {
        tr.name + paren(l(tr.role.name) + (tr.dept.map { (zh ? "，" : ", ") + dept($0) } ?? ""))
    }
    func staff(_ m: StaffMember) -> String {
        var extra: [String] = []
        if let o = m.org { extra.append(o) }
        if let p = m.phone { extra.append(p) }
        return m.name + (extra.isEmpty ? "" : paren(extra.joined(separator: zh ? "，" : ", ")))
    }
    func what(_ r: ExpectationResult) -> String {
        let x = r.expectation
        return "\(l(x.action.title)) \(r.subject)" + (x.content.isEmpty ? "" : paren(contentText(x.content)))
    }
    func contentText(_ c: ExpectedContent) -> String {
        Self.contentText(c, zh: zh, dept: { self.dept($0) })
    }

    /// What an expectation's content asks, in words (`定级关注度高，须含“检测”`); `drill plan` shows it too.
    public static func contentText(_ c: ExpectedContent, zh: Bool, dept: @escaping (String) -> String) -> String {
        func t(_ a: String, _ b: String) -> String { zh ? a : b }
        var parts: [String] = []
        if let v = c.level { parts.append(t("定级\(v.name.zh)", "level \(v.name.en)")) }
        if let d = c.toDept { parts.append(t("交由\(dept(d))", "to \(dept(d))")) }
        if let d = c.decision {
            // The code as the script writes it (`approve`, `escalate`), said in words.
            let words: Localized = switch d {
            case "approve": Localized(zh: "同意", en: "approved")
            case "reject": Localized(zh: "不同意", en: "rejected")
            default: DecisionAction(stored: d)?.describe(deptName: { Localized(zh: dept($0), en: dept($0)) }) ?? Localized(d)
            }
            parts.append(t("决定\(words.zh)", "decision: \(words.en)"))
        }
        if !c.words.isEmpty { parts.append(t("须含“\(c.words.joined(separator: "”“"))”", "containing “\(c.words.joined(separator: "”, “"))”")) }
        return parts.joined(separator: zh ? "，" : ", ")
    }

    /// The report as Markdown (what the drill log's `report-sha256` fixes).
    public func render() -> String {
        MarkdownWriter.write(document())
    }

    public var title: String {
        zh ? (h.title.hasSuffix("演练") ? h.title + "评估报告" : h.title + "演练评估报告")
           : "After-Action Report and Improvement Plan: \(h.title)"
    }

    public func document() -> OfficialDocument {
        var blocks: [DocumentBlock] = []
        blocks += overview()
        blocks += results()
        blocks += analysis()
        blocks += strengths()
        blocks += areas()
        blocks += plan()
        blocks += hotwash()
        blocks += conclusion()
        blocks += signatures()
        blocks += annexTimeline()
        blocks += annexScoring()
        blocks += annexData()
        let office = h.organizer ?? t("政务舆情应急演练评估组", "Public Opinion Response Drill Evaluation Team")
        let header = DocumentHeader(issuers: [office], signature: [office], date: input.session.realEnd.date)
        return OfficialDocument(kind: .drill, title: title, language: lang, header: header, blocks: blocks)
    }

    // MARK: 一、演练概况

    func overview() -> [DocumentBlock] {
        let f = input.session
        let sameDay = f.realStart.date == f.realEnd.date
        let when = date(f.realStart) + " " + clock(f.realStart)
            + (f.realEnd <= f.realStart ? "" : "—" + (sameDay ? "" : date(f.realEnd) + " ") + clock(f.realEnd))
        var fields = [
            DocumentField(t("演练名称", "Exercise"), h.title + (h.version.map { t("（第 \($0) 版）", " (version \($0))") } ?? "")),
            DocumentField(t("演练日期", "Date"), when),
            DocumentField(t("演练地点", "Place"), f.place ?? h.place ?? t("（未记录）", "(not recorded)")),
            DocumentField(t("演练方式", "Mode"), l(f.mode.name)),
            DocumentField(t("情景时间", "Scenario time"), t("模拟 \(h.epoch) 至 \(input.end)（\(offset(input.end))）",
                                                           "simulated \(h.epoch) to \(input.end) (\(offset(input.end)))")),
        ]
        if let o = h.organizer { fields.append(DocumentField(t("组织单位", "Organized by"), o)) }
        fields.append(DocumentField(t("演练依据", "Basis"), t("《明光市政务舆情回应制度》第十一条", "Mingguang Public Opinion Response System, Art. 11")))
        var out: [DocumentBlock] = [.heading(t("一、演练概况", "1. Exercise overview")), .fields(fields)]
        out.append(.subheading(sub(1, t("情景概要", "Scenario"))))
        out.append(.paragraph(h.summary ?? t("（脚本未写情景概要。）", "(The script gives no scenario summary.)")))
        out.append(.subheading(sub(2, t("演练范围", "Scope"))))
        out.append(.paragraph(h.scope ?? t("（脚本未写演练范围。）", "(The script gives no scope.)")))
        out.append(.subheading(sub(3, t("演练目标", "Objectives"))))
        out.append(h.objectives.isEmpty ? .paragraph(t("（未设目标。）", "(No objectives.)"))
                   : .numbered(h.objectives.map { "\($0.id) \($0.text)" + paren(t("权重 \($0.weight)", "weight \($0.weight)")) }))
        out.append(.subheading(sub(4, t("参演人员", "Participants"))))
        if h.trainees.isEmpty {
            out.append(.paragraph(t("（脚本未列学员名单。）", "(The script lists no trainees.)")))
        } else {
            out.append(DrillReport.table([t("姓名", "Name"), t("角色", "Role"), t("单位", "Department")],
                                         h.trainees.map { [$0.name, l($0.role.name), dept($0.dept)] }))
        }
        out.append(.subheading(sub(5, t("导调、评估与联系人", "Control, evaluators and point of contact"))))
        var people = [DocumentField(t("导调", "Exercise control"), h.control.name + (f.trainer.map { paren(t("操作员 \($0)", "operated by \($0)")) } ?? ""))]
        people.append(DocumentField(t("评估人员", "Evaluators"),
                                    h.evaluators.isEmpty ? t("（未列）", "(none listed)") : h.evaluators.map(staff).joined(separator: semi)))
        people.append(DocumentField(t("联系人", "Point of contact"),
                                    h.contacts.isEmpty ? t("（未列）", "(none listed)") : h.contacts.map(staff).joined(separator: semi)))
        out.append(.fields(people))
        return out
    }

    // MARK: 二、总体评定

    func results() -> [DocumentBlock] {
        let scored = s.expectations.filter { $0.state.status.isScored }
        let met = scored.filter { $0.state.status == .met }.count
        let late = scored.filter { $0.state.status == .late }.count
        let missed = scored.count - met - late
        let unopened = s.expectations.filter { $0.state.status == .unopened }.count
        let notDue = s.expectations.filter { $0.state.status == .notDue }.count
        var text = t("本次演练设预期行动 \(s.expectations.count) 项", "The exercise set \(English.count(s.expectations.count, "expected action"))")
        // A window that opened only as the drill ended could not be met in it: not due, not scored (it read missed).
        let notDueText = t("\(notDue) 项在演练结束时才开始计时、演练中未到期", "\(notDue) opened only as it ended, not due in the drill")
        if unopened > 0 && notDue > 0 {
            text += t("（演练结束时 \(unopened) 项尚未开始计时，\(notDueText)，均不计分）",
                      " (\(unopened) had not opened when it ended and \(notDueText); none of them is scored)")
        } else if unopened > 0 {
            text += t("（演练结束时 \(unopened) 项尚未开始计时，不计分）", " (\(unopened) had not opened when it ended and are not scored)")
        } else if notDue > 0 {
            text += t("（\(notDueText)，不计分）", " (\(notDueText), and \(notDue == 1 ? "is" : "are") not scored)")
        }
        text += t("：按时完成 \(met) 项、超时完成 \(late) 项、未完成 \(missed) 项",
                  ": \(met) met, \(late) late, \(missed) missed")
        if !s.policy.isEmpty {
            let pm = s.policy.filter { $0.deadline.status == .met && !$0.deadline.byControl }.count
            text += t("；计入制度时限 \(s.policy.count) 项，按时 \(pm) 项", "; \(English.count(s.policy.count, "policy deadline")) counted, \(pm) met on time")
        }
        text += s.rated
            ? t("。得分 \(s.earned)/\(s.possible)，目标加权得分率 \(s.percent)%，总体评定为\(s.rating.name.zh)。",
                ". Points \(s.earned)/\(s.possible); weighted objective score \(s.percent)%; overall rating: \(s.rating.name.en).")
            : t("。没有计分项（0/0），不作总体评定。", ". Nothing was scored (0/0): no overall rating.")
        let th = h.rating
        return [
            .heading(t("二、总体评定", "2. Summary of results")),
            .paragraph(text),
            DrillReport.table(
                [t("目标", "Objective"), t("说明", "Description"), t("权重", "Weight"), t("得分", "Points"),
                 t("得分率", "Score"), t("评定", "Rating")],
                s.objectives.map { o in
                    [o.objective?.id ?? "—", o.objective?.text ?? t("未归入目标的事项", "items without an objective"),
                     String(o.objective?.weight ?? 1), "\(o.earned) / \(o.possible)", o.rated ? "\(o.percent)%" : "—",
                     o.rated ? l(o.rating.name) : t("未演练，不评定", "not exercised: not rated")]
                }, right: [2, 3, 4]),
            .paragraph(t("评定标准：得分率 ≥\(th.p)% 为 P（圆满完成），≥\(th.s)% 为 S（基本完成，存在一些不足），≥\(th.m)% 为 M（完成但存在重大不足），其余为 U（未能完成）；目标可自定阈值。按时完成得全分，超时完成得一半，未完成不得分；演练结束时尚未开始计时或到演练结束时才开始计时（未到期）的预期行动不计分，由导调代为完成的事项不得分。",
                         "Ratings: ≥\(th.p)% P (performed without challenges), ≥\(th.s)% S (with some challenges), ≥\(th.m)% M (with major challenges), else U (unable to be performed); objectives may set their own thresholds. Met earns the points, late half, missed none; expectations whose window had not opened when the drill ended, or opened only as it ended (not due in the drill), are not scored; what exercise control did earns nothing.")),
        ]
    }

    // MARK: 三、目标评估

    /// One sentence of evidence for an expectation: who did what when, against what limit; tries that did not count.
    func evidence(_ r: ExpectationResult) -> String {
        let x = r.expectation
        let st = r.state
        var line = "\(x.id) \(what(r))" + (zh ? "：" : ": ")
        switch st.status {
        case .met, .late:
            let by = st.doneBy.map(who) ?? "—"
            let took = st.latency.map { span(Span(seconds: $0)) } ?? "—"
            line += t("\(by) 于 \(st.doneAt.map(offset) ?? "—") 完成，用时 \(took)（时限 \(span(x.within))），\(st.status == .met ? "按时" : "超时")，得 \(r.earned)/\(r.possible) 分",
                      "\(by) at \(st.doneAt.map(offset) ?? "—"), in \(took) (limit \(span(x.within))), \(st.status == .met ? "on time" : "late"), \(r.earned)/\(r.possible) points")
        case .unopened:
            line += t("演练结束时尚未开始计时，不计分", "its window had not opened when the drill ended; not scored")
        case .notDue:
            line += t("\(st.start.map(offset) ?? "—") 演练结束时才开始计时，在演练中未到期，不计分",
                      "its window opened at \(st.start.map(offset) ?? "—") as the drill ended: not due in the drill; not scored")
        default:
            line += t("自 \(st.start.map(offset) ?? "—") 起 \(span(x.within))内未完成，得 0/\(r.possible) 分",
                      "not done within \(span(x.within)) from \(st.start.map(offset) ?? "—"); 0/\(r.possible) points")
        }
        if !st.attempts.isEmpty {
            line += t("；未计分的操作：", "; tries that did not count: ")
                + st.attempts.map { "\(offset($0.at)) \($0.actor.name) \(l($0.reason))" }.joined(separator: semi)
        }
        // The contingencies that fired, in words, as the timeline says it (not the command as typed, which the log
        // keeps). Only those: a drill ended before E1's deadline listed E1's `on miss` command as typed
        // (`assign @水质谣言 water --note …`), which never ran.
        let said = input.timeline.filter { e in
            e.kind == .contingency && (e.text.en.hasPrefix("[\(x.id) miss] ") || e.text.en.hasPrefix("[\(x.id) met] "))
        }.map { e in
            let text = zh ? e.text.zh : e.text.en
            return text.firstIndex(of: "]").map { String(text[text.index(after: $0)...].drop { $0 == " " }) } ?? text
        }
        if !said.isEmpty {
            line += t("；触发应变注入：", "; contingency injects: ") + said.joined(separator: semi)
        }
        return line + stop
    }

    func analysis() -> [DocumentBlock] {
        var out: [DocumentBlock] = [.heading(t("三、目标评估", "3. Analysis of objectives"))]
        for (n, o) in s.objectives.enumerated() {
            let id = o.objective?.id
            let name = o.objective.map { "\($0.id) \($0.text)" } ?? t("未归入目标的事项", "Items without an objective")
            out.append(.subheading(sub(n + 1, name + (zh ? "：" : ": ") + (o.rated ? o.rating.rawValue : t("不评定", "not rated")))))
            let items = s.expectations.filter { $0.expectation.objective == id }
            let policy = h.deadlineObjective == id ? s.policy : []
            let done = items.filter { [.met, .late].contains($0.state.status) }.count
            let counted = items.filter { $0.state.status.isScored }.count
            var narrative = o.rated
                ? t("该目标评定为\(o.rating.name.zh)，得分 \(o.earned)/\(o.possible)（\(o.percent)%）。",
                    "Rated \(o.rating.name.en): \(o.earned)/\(o.possible) points (\(o.percent)%). ")
                : t("本场演练没有可计分的事项（预期行动未开始计时，也没有到期的制度时限），该目标未演练，不评定。",
                    "Nothing of it was scored in this session (no expectation's window opened, no policy deadline fell due): not exercised, not rated. ")
            // Nothing counted (a drill ended before the windows opened): no "0 of 0 done, all within their limits".
            if counted > 0 {
                narrative += t("计分的 \(counted) 项预期行动中完成 \(done) 项",
                               "Of \(English.count(counted, "scored expected action")), \(done) \(done == 1 ? "was" : "were") done")
                let lateOrMissed = items.filter { [.late, .missed].contains($0.state.status) }
                if lateOrMissed.isEmpty {
                    // Still open in an interim report: done so far, not "all within their limits".
                    narrative += done == counted ? t("，均在时限内完成。", ", all within their limits. ") : t("。", ". ")
                } else {
                    narrative += t("；未按时完成的是 \(lateOrMissed.map(\.expectation.id).joined(separator: "、"))。",
                                   "; not on time: \(lateOrMissed.map(\.expectation.id).joined(separator: ", ")). ")
                }
            }
            if !policy.isEmpty {
                let missed = policy.filter { $0.earned < $0.possible }
                narrative += t("计入本目标的制度时限 \(policy.count) 项\(missed.isEmpty ? "均按时完成" : "，\(missed.count) 项未按时或由导调代办")。",
                               "\(English.count(policy.count, "policy deadline")) \(policy.count == 1 ? "counts" : "count") here\(missed.isEmpty ? (policy.count == 1 ? ", met" : ", all met") : "; \(missed.count) missed, late or done by control"). ")
            }
            let remarks = input.notes.filter { n in
                let o = n.objective ?? n.about.flatMap { input.script.expectation($0)?.objective }
                return o == id && id != nil && [.strength, .improve, .general].contains(n.kind)
            }
            out.append(.paragraph(zh ? narrative : narrative.trimmingTrailingSpaces))
            var bullets = items.map(evidence)
            for p in policy {
                let d = p.deadline
                // The rule's name, not its id (`claim`, `report.unit`); an instruction keeps its own (L1).
                let sub = Obligation.parts(ofKey: d.ruleID).subject.map { " \($0)" } ?? ""
                bullets.append(t("\(d.caseID) \(d.title.zh)\(sub)：期限 \(d.due.deadlineDescription)，\(d.metAt.map { "于 \(offset($0)) 完成" } ?? "未完成")，\(d.statusName.zh)，得 \(p.earned)/\(p.possible) 分。",
                                 "\(d.caseID) \(d.title.en)\(sub): due \(d.due.deadlineDescription), \(d.metAt.map { "done at \(offset($0))" } ?? "not done"), \(d.statusName.en), \(p.earned)/\(p.possible) points."))
            }
            bullets += remarks.map { t("评估记录（\($0.author ?? "评估组")）：", "Evaluator (\($0.author ?? "team")): ") + $0.text }
            if !bullets.isEmpty { out.append(.bullets(bullets)) }
        }
        return out
    }

    // MARK: 四、优点

    func strengths() -> [DocumentBlock] {
        var items: [String] = []
        let quick = s.expectations.filter { r in
            r.state.status == .met && (r.state.latency.map { $0 * 2 <= r.expectation.within.seconds } ?? false)
        }
        let met = s.expectations.filter { $0.state.status == .met }.count
        if !quick.isEmpty {
            let list = quick.map { r in
                "\(r.expectation.id) \(l(r.expectation.action.title))" + paren("\(span(Span(seconds: r.state.latency ?? 0)))/\(span(r.expectation.within))")
            }
            items.append(t("按时完成 \(met) 项，其中 \(quick.count) 项用时不到时限的一半：\(list.joined(separator: "、"))。",
                           "\(English.count(met, "expected action")) met, \(quick.count) of them in under half their limit: \(list.joined(separator: ", "))."))
        }
        let wellTimed = s.policy.filter { $0.deadline.status == .met && !$0.deadline.byControl }.count
        if !s.policy.isEmpty, wellTimed == s.policy.count {
            items.append(t("计入的 \(s.policy.count) 项制度时限全部按时完成。", s.policy.count == 1 ? "The policy deadline counted was met." : "All \(English.count(s.policy.count, "policy deadline")) counted were met."))
        }
        items += input.notes.filter { $0.kind == .strength }.map { n in
            t("（评估记录\(n.author.map { "，" + $0 } ?? "")）", "(evaluator\(n.author.map { ", " + $0 } ?? "")) ") + n.text
        }
        return [.heading(t("四、主要优点", "4. Strengths")), .bullets(items.isEmpty ? [t("（无）", "(none)")] : items)]
    }

    // MARK: 五、不足与原因分析

    struct Area {
        var capability: String
        var objective: String?
        var issue: String
        var cause: String
        var evidence: String
        var owner: String?
    }

    /// The root cause the evidence points to, when the evaluators gave none: a try that did not count says what was
    /// misunderstood, a refusal says whose role it is, no try at all says the step was not known or not staffed.
    func cause(_ r: ExpectationResult) -> String {
        let st = r.state
        if let a = st.attempts.last {
            return t("对要求把握不准：\(a.actor.name) 的操作\(a.reason.zh)", "the requirement was misread: \(a.actor.name)'s action — \(a.reason.en)")
        }
        if st.status == .late {
            return t("响应迟缓：用时 \(span(Span(seconds: st.latency ?? 0)))，超出时限 \(span(r.expectation.within))；值守或交接环节耽搁",
                     "slow response: \(span(Span(seconds: st.latency ?? 0))) against \(span(r.expectation.within)); time was lost on duty cover or hand-over")
        }
        return t("演练中未见任何相关操作：该环节的职责或时限要求未被掌握",
                 "no attempt was seen: the duty or its time limit was not known to the players")
    }

    /// The expected action a policy rule is the deadline of (`report.unit` ↔ `report`), to fold the two into one area.
    static func action(ofRule rule: String) -> ExpectedAction? {
        switch Obligation.parts(ofKey: rule).ruleID {
        case "claim": .claim
        case "report.unit": .report
        case "verify", "verify.historical": .verify
        case "respond", "respond.high": .respond
        case "escalate": .escalate
        case "instruct": .undertake
        case "extend.apply": .extend
        default: nil
        }
    }

    func areaList() -> [Area] {
        var out: [Area] = []
        var rowOf: [String: Int] = [:]
        for r in s.expectations where [.late, .missed].contains(r.state.status) {
            let x = r.expectation
            let o = x.objective.flatMap { input.script.objective($0) }
            var area = Area(capability: o.map { "\($0.id) \($0.text)" } ?? "—", objective: x.objective,
                            issue: "\(x.id) \(what(r))" + (r.state.status == .late ? t("：超时完成", " was late") : t("：未完成", " was not done")),
                            cause: cause(r), evidence: evidence(r), owner: x.dept ?? r.state.doneBy?.dept)
            if let n = input.notes.last(where: { $0.kind == .improve && $0.about == x.id }) {
                area.issue += (zh ? "；" : "; ") + n.text
                if let c = n.cause { area.cause = c }
                area.owner = n.owner ?? area.owner
            }
            rowOf["\(r.subject) \(x.action.rawValue)"] = out.count
            out.append(area)
        }
        for p in s.policy where p.earned < p.possible {
            let d = p.deadline
            let evidence = t("制度时限：\(d.title.zh)期限 \(d.due.deadlineDescription)，完成于 \(d.metAt.map(offset) ?? "—")（\(d.statusName.zh)）",
                             "policy deadline: \(d.title.en) due \(d.due.deadlineDescription), done at \(d.metAt.map(offset) ?? "—") (\(d.statusName.en))")
            if let a = DrillReport.action(ofRule: d.ruleID), let k = rowOf["\(d.caseID) \(a.rawValue)"] {
                out[k].evidence += (zh ? "" : " ") + evidence + stop
                continue
            }
            let o = h.deadlineObjective.flatMap { input.script.objective($0) }
            let why = d.byControl
                ? t("学员未在制度时限内处理，由导调代为完成", "the trainees did not act within the policy limit; exercise control did it")
                : t("制度时限意识不足：\(d.title.zh)应于 \(d.due.deadlineDescription) 前完成", "policy limit not kept in mind: \(d.title.en) was due \(d.due.deadlineDescription)")
            out.append(Area(capability: o.map { "\($0.id) \($0.text)" } ?? t("制度时限", "policy deadlines"), objective: h.deadlineObjective,
                            issue: t("\(d.caseID) \(d.title.zh)：\(d.statusName.zh)", "\(d.caseID) \(d.title.en): \(d.statusName.en)"),
                            cause: why, evidence: evidence, owner: d.dept))
        }
        let folded = Set(s.expectations.filter { [.late, .missed].contains($0.state.status) }.map(\.expectation.id))
        for n in input.notes where n.kind == .improve && !(n.about.map(folded.contains) ?? false) {
            let o = (n.objective ?? n.about.flatMap { input.script.expectation($0)?.objective }).flatMap { input.script.objective($0) }
            let note = t("评估记录，\(offset(n.at))", "evaluator's note at \(offset(n.at))") + (n.author.map { paren($0) } ?? "")
            let about = n.about.flatMap { id in s.expectations.first { $0.expectation.id == id } }
            out.append(Area(capability: o.map { "\($0.id) \($0.text)" } ?? "—", objective: o?.id, issue: n.text,
                            cause: n.cause ?? t("（评估组未写原因）", "(no cause given by the evaluators)"),
                            evidence: about.map { evidence($0) + (zh ? "" : " ") + note + stop } ?? note, owner: n.owner))
        }
        return out
    }

    func areas() -> [DocumentBlock] {
        let list = areaList()
        let heading = DocumentBlock.heading(t("五、存在问题及原因分析", "5. Areas for improvement and root causes"))
        guard !list.isEmpty else { return [heading, .paragraph(t("（无）", "(none)"))] }
        return [heading, DrillReport.table(
            [t("序号", "No."), t("能力（目标）", "Capability (objective)"), t("问题", "Observation"),
             t("原因分析", "Root cause"), t("依据", "Evidence")],
            list.enumerated().map { ["\($0.offset + 1)", $0.element.capability, $0.element.issue, $0.element.cause, $0.element.evidence] },
            right: [0])]
    }

    // MARK: 六、改进计划

    /// The improvement plan: the evaluators' `--improve` items (with their owner, start and due), then one item
    /// for each objective not rated P that has no evaluator item of its own, owned by the departments involved,
    /// starting the day after the session and due `plan-due` after it.
    func plan() -> [DocumentBlock] {
        var rows: [[String]] = []
        let start = input.session.realEnd.date.adding(days: 1)
        let due = input.session.realEnd.adding(h.planDue).date
        func objective(of n: DrillNote) -> String? { n.objective ?? n.about.flatMap { input.script.expectation($0)?.objective } }
        for n in input.notes where n.kind == .improve {
            let o = objective(of: n).flatMap { input.script.objective($0) }
            rows.append([o.map { "\($0.id) \($0.text)" } ?? "—", n.action ?? n.text, dept(n.owner),
                         (n.start ?? start).description, (n.due ?? due).description])
        }
        let covered = Set(input.notes.filter { $0.kind == .improve }.compactMap(objective(of:)))
        let areas = areaList()
        for o in s.objectives where o.rating != .p {
            let id = o.objective?.id
            if let id, covered.contains(id) { continue }
            let mine = areas.filter { $0.objective == id && !$0.issue.isEmpty }
            guard !mine.isEmpty else { continue }
            let owners = Array(Set(mine.compactMap(\.owner))).sorted().map(dept)
            let ids = s.expectations.filter { $0.expectation.objective == id && [.late, .missed].contains($0.state.status) }.map(\.expectation.id)
            let action = t("针对\(ids.isEmpty ? "制度时限" : ids.joined(separator: "、"))暴露的问题，修订值守与交接流程，组织专项复训，并在下次演练中复核",
                           "Revise duty and hand-over procedures for what \(ids.isEmpty ? "the policy deadlines" : ids.joined(separator: ", ")) showed, run focused retraining, and check it again at the next drill")
            rows.append([o.objective.map { "\($0.id) \($0.text)" } ?? t("未归入目标的事项", "items without an objective"), action,
                         owners.isEmpty ? "—" : owners.joined(separator: sep), start.description, due.description])
        }
        let heading = DocumentBlock.heading(t("六、改进计划", "6. Improvement plan"))
        guard !rows.isEmpty else { return [heading, .paragraph(t("各目标均圆满完成，无需改进事项。", "Every objective was performed without challenges: no improvement items."))] }
        return [heading, DrillReport.table(
            [t("序号", "No."), t("能力（目标）", "Capability (objective)"), t("改进措施", "Corrective action"),
             t("责任单位", "Owner"), t("开始日期", "Start"), t("完成时限", "Due")],
            rows.enumerated().map { ["\($0.offset + 1)"] + $0.element }, right: [0]),
            .paragraph(t("评估组提出的改进事项在前；其余未圆满完成的目标各列一项，自演练次日开始，演练后 \(days(h.planDue))内完成。",
                         "The evaluators' items come first; each other objective not rated P has one item, starting the day after the session and due \(days(h.planDue)) after it."))]
    }

    // MARK: 七、总结讨论

    func hotwash() -> [DocumentBlock] {
        let items = input.notes.filter { $0.kind == .hotwash }.map { ($0.author.map { $0 + (zh ? "：" : ": ") } ?? "") + $0.text }
        return [.heading(t("七、总结讨论（热反馈）", "7. Hotwash")),
                .bullets(items.isEmpty ? [t("（未记录）", "(none recorded)")] : items)]
    }

    // MARK: 八、评估结论

    func conclusion() -> [DocumentBlock] {
        var text = s.rated
            ? t("本次演练总体评定为\(s.rating.name.zh)（目标加权得分率 \(s.percent)%）。",
                "Overall rating: \(s.rating.name.en) (weighted objective score \(s.percent)%). ")
            : t("本次演练没有计分项，不作总体评定。", "Nothing was scored in this session: no overall rating. ")
        // An objective not exercised has no rating: the conclusion read "O1、O3 圆满完成（P）" of an O3 that section 3
        // said was not rated.
        let byRating = Dictionary(grouping: s.objectives.filter { $0.objective != nil && $0.rated }, by: \.rating)
        for r in Rating.allCases {
            guard let os = byRating[r], !os.isEmpty else { continue }
            let ids = os.compactMap { $0.objective?.id }.joined(separator: sep)
            text += t("\(ids) \(r.name.zh)；", "\(ids): \(r.name.en); ")
        }
        let unrated = s.objectives.filter { $0.objective != nil && !$0.rated }.compactMap { $0.objective?.id }
        if !unrated.isEmpty {
            let ids = unrated.joined(separator: sep)
            text += t("\(ids) 未演练，不评定；", "\(ids): not exercised, not rated; ")
        }
        if zh, text.hasSuffix("；") { text.removeLast(); text += "。" }
        if !zh, text.hasSuffix("; ") { text.removeLast(2); text += ". " }
        let areas = areaList().count
        text += areas == 0 ? t("未发现需要整改的问题。", "No area for improvement was found.")
                           : t("发现问题 \(areas) 项，应按改进计划落实整改，并在下次演练中复核。",
                               "\(English.count(areas, "area")) for improvement \(areas == 1 ? "was" : "were") found; to be corrected as planned and checked at the next drill.")
        var out: [DocumentBlock] = [.heading(t("八、评估结论", "8. Conclusion")), .paragraph(zh ? text : text.trimmingTrailingSpaces)]
        if let c = input.notes.last(where: { $0.kind == .conclusion }) {
            out.append(.paragraph(t("评估组意见：", "The evaluators' opinion: ") + c.text))
        }
        return out
    }

    func signatures() -> [DocumentBlock] {
        let blank = "________________"
        var fields = [DocumentField(t("评估组组长（签字）", "Lead evaluator (signature)"), blank)]
        for e in h.evaluators { fields.append(DocumentField(t("评估人员（签字）", "Evaluator (signature)"), "\(e.name) \(blank)")) }
        fields.append(DocumentField(t("导调负责人（签字）", "Exercise director (signature)"), blank))
        fields.append(DocumentField(t("日期", "Date"), zh ? "\u{3000}\u{3000}\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日" : blank))
        return [.subheading(t("签字", "Signatures")), .fields(fields)]
    }

    // MARK: annexes

    func annexTimeline() -> [DocumentBlock] {
        [.heading(t("附件一：演练过程时间线", "Annex 1. Timeline")),
         DrillReport.table([t("模拟时间", "Time"), t("相对", "Offset"), t("类型", "Kind"), t("执行者", "By"), t("内容", "What")],
                           input.timeline.map { e in
                               let to = e.audience.isEmpty ? "" : t("〔仅发给 \(e.audience.map(dept).joined(separator: "、"))〕", "[to \(e.audience.map(dept).joined(separator: ", ")) only] ")
                               return [e.at.description, offset(e.at), l(e.kind.name), actor(e), to + l(e.text)]
                           })]
    }

    /// A table, or a line saying there is nothing to show.
    func tableOr(_ none: String, _ headers: [String], _ rows: [[String]], right: Set<Int> = []) -> DocumentBlock {
        rows.isEmpty ? .paragraph(none) : DrillReport.table(headers, rows, right: right)
    }

    func annexScoring() -> [DocumentBlock] {
        let none = t("（无）", "(none)")
        var out: [DocumentBlock] = [.heading(t("附件二：评分明细", "Annex 2. Scoring detail")),
                                    .subheading(sub(1, t("预期行动", "Expected actions")))]
        out.append(tableOr(none,
            [t("编号", "ID"), t("行动", "Action"), t("部门", "Dept"), t("时限", "Within"),
             t("计时起点", "Window start"), t("完成", "Done"), t("用时（秒）", "Latency (s)"),
             t("结果", "Result"), t("得分", "Points")],
            s.expectations.map { r in
                let x = r.expectation
                return [x.id, what(r), dept(r.dept), span(x.within),
                        r.state.start?.description ?? "—",
                        r.state.doneAt.map { $0.description + (r.state.doneBy.map { " " + $0.name } ?? "") } ?? "—",
                        r.state.latency.map(latency) ?? "—", l(r.state.status.name), "\(r.earned) / \(r.possible)"]
            }, right: [6, 8]))
        out.append(.subheading(sub(2, t("制度时限", "Policy deadlines"))))
        out.append(tableOr(t("演练期间没有到期的制度时限。", "No policy deadline fell due during the drill."),
            [t("案件", "Case"), t("事项", "Obligation"), t("责任部门", "Responsible"), t("期限", "Due"),
             t("完成时间", "Done at"), t("状态", "Status"), t("得分", "Points")],
            s.policy.map { p in
                let d = p.deadline
                // The rule's name, not its id; an instruction keeps its own (L1).
                let sub = Obligation.parts(ofKey: d.ruleID).subject.map { " \($0)" } ?? ""
                return [d.caseID.description, d.title.text(lang) + sub, dept(d.dept),
                        d.due.deadlineDescription, d.metAt?.description ?? "—", l(d.statusName), "\(p.earned) / \(p.possible)"]
            }, right: [6]))
        out.append(.subheading(sub(3, t("学员得分", "Scores by trainee"))))
        out.append(tableOr(t("（脚本未列学员名单。）", "(The script lists no trainees.)"),
            [t("学员", "Trainee"), t("按时", "Met"), t("超时", "Late"), t("未完成", "Missed"), t("得分", "Points"),
             t("得分率", "Score"), t("平均用时（秒）", "Average (s)")],
            s.trainees.map { r in
                [trainee(r.trainee), "\(r.met)", "\(r.late)", "\(r.missed)", "\(r.earned) / \(r.possible)",
                 r.percent.map { "\($0)%" } ?? "—", r.averageLatency.map(latency) ?? "—"]
            }, right: [1, 2, 3, 4, 5, 6]))
        if !s.trainees.isEmpty {
            out.append(.paragraph(t("学员的职责：by 部门与其所在部门相同（或未写部门）且其角色可以执行的预期行动；由队友完成的只计入队友。",
                                    "A trainee's duties: expectations whose \(DocumentText.code("by")) department is theirs (or names none) and whose action their role may do; one a teammate did counts for the teammate only.")))
        }
        out.append(.subheading(sub(4, t("部门响应时间", "Response times by department"))))
        out.append(tableOr(none,
            [t("部门", "Department"), t("按时", "Met"), t("超时", "Late"), t("未完成", "Missed"),
             t("平均用时（秒）", "Average (s)"), t("最长用时（秒）", "Longest (s)"), t("制度时限未按时", "Policy deadlines missed")],
            s.departments.map { d in
                [dept(d.dept), "\(d.met)", "\(d.late)", "\(d.missed)",
                 d.averageLatency.map(latency) ?? "—", d.maxLatency.map(latency) ?? "—", "\(d.policyMissed)"]
            }, right: [1, 2, 3, 4, 5, 6]))
        return out
    }

    func annexData() -> [DocumentBlock] {
        var rows = [
            [t("脚本", "Script"), input.scriptName + paren(h.version.map { t("第 \($0) 版", "version \($0)") } ?? t("未标版本", "no version"))],
            [t("脚本 SHA-256", "Script SHA-256"), DocumentText.code(input.scriptHash)],
        ]
        for f in input.files {
            rows.append([t("引用文件 ", "Included file ") + f.name, DocumentText.code(f.sha256)])
        }
        rows += [
            [t("随机种子", "Seed"), String(h.seed)],
            [t("最终状态哈希", "Final state hash"), DocumentText.code(input.stateHash)],
        ]
        return [.heading(t("附件三：演练数据", "Annex 3. Exercise data")),
                DrillReport.table([t("项目", "Item"), t("内容", "Value")], rows),
                .paragraph(t("同一脚本、同一学员操作得到同一日志、同一评分和同一报告；用 drill replay 日志 --verify 核对。",
                             "The same script and the same trainee actions give the same log, score and report; \(DocumentText.code("drill replay LOG --verify")) checks it."))]
    }
}

extension String {
    /// Without trailing spaces (an English paragraph built from sentences).
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
