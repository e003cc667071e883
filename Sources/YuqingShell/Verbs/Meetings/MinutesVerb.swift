import Foundation
import YuqingCore
import YuqingStore

/// `meeting minutes M2 [--title TEXT] [--out FILE] [--format md|html|docx] [--lang zh|en]`: the minutes (会议纪要),
/// Chinese by default, numbered 明舆纪〔YEAR〕N号.
struct MinutesVerb: Verb {
    static let spec = CommandSpec(
        name: "minutes", alias: "纪要", group: .meetings,
        summary: Localized(zh: "生成会议纪要（Markdown、网页或 Word）", en: "write the minutes (Markdown, HTML or Word)"),
        synopsis: "meeting minutes [M] [--title TEXT] [--out FILE] [--format md|html|docx] [--lang zh|en]",
        help: Localized(
            zh: "会议纪要（公文格式，编号如 明舆纪〔2019〕1号）：会议时间、地点、主持、出席和缺席的成员单位（第一条），每个案件的基本情况、风险研判、发言、决定和后续时限（责任单位、完成时限、依据），署名、日期和分送。案件情况和时限以会商结束时为准。标题默认由议题生成（议题只是“临时”“例会”之类时由议程生成），--title 指定。--out 的扩展名决定格式：.md、.html（可直接打印）、.docx（Word/WPS 编辑）；不给 --out 时直接显示。默认中文。",
            en: "The minutes (an official document, numbered like 明舆纪〔2019〕1号): time, place, chair, attendance and absent members (Art. 1), and per case its facts, the risk judgement, remarks, decisions and the follow-up deadlines (responsible department, due time, rule), as they stood when the meeting closed; the signature, date and distribution. The title comes from the topic (from the agenda when the topic is only a label such as “临时”); --title sets it. --out's extension chooses the format: .md, .html (ready to print), .docx (to edit in Word or WPS); printed when there is no --out. Chinese by default."),
        examples: ["meeting minutes M2", "meeting minutes M2 --out 纪要.docx", "meeting minutes M2 --title 关于自来水水质问题的会商纪要 --out 纪要.html",
                   "meeting minutes M2 --out minutes.html --lang en"])

    @Argument(.id(.meeting), name: "meeting",
              help: Localized(zh: "会议编号，默认当前会议", en: "the meeting (such as M1); the current one by default")) var meetingID: EntityID?
    @Option(.text, help: Localized(zh: "标题（默认由议题或议程生成）", en: "the title (default: from the topic or the agenda)")) var title: String?
    @Option(.path, help: DocumentTarget.outHelp) var out: String?
    @Option(DocumentTarget.formats, help: DocumentTarget.formatHelp) var format: DocumentFormat?
    @Option(.language, help: DocumentTarget.langHelp) var lang: Language = .zh

    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
        let target = try DocumentTarget.resolve(out: $out, format: format, formatRef: $format, verbRange: inv.verbRange)
        if let title, title.allSatisfy(\.isWhitespace) {
            throw ShellError(zh: "标题不能为空", en: "the title is empty", range: $title.range, kind: .usage)
        }
        let mid: EntityID
        if let id = meetingID {
            mid = id
        } else {
            if ws.openMeeting == nil { ws.restoreOpenMeeting() }
            let last = try ws.read { try $0.lastNumber(.meeting) }
            guard let id = ws.openMeeting ?? (last > 0 ? EntityID(.meeting, last) : nil) else {
                throw ShellError(zh: "还没有会商", en: "there is no meeting yet", range: inv.verbRange, kind: .notFound)
            }
            mid = id
        }
        let m = try ws.meeting(mid, range: $meetingID.range)
        if meetingID == nil, !ws.seesMeeting(m) {
            // The default was not asked for by name: not a refusal to log, and its number is not told.
            throw ShellError(zh: "没有涉及本部门的进行中或最近一次会商：请指明会议编号（`meetings` 列出本部门可以查看的会商）",
                             en: "neither the meeting in progress nor the last one concerns your department: name the meeting (`meetings` lists those you may see)",
                             range: inv.verbRange, kind: .notFound)
        }
        try ws.requireSeesMeeting(m, session, inv, range: $meetingID.range)
        let input = try Self.input(m, ws, session: session)
        let date = (m.closedAt ?? m.openedAt).date
        return try target.issue(ws, kind: .minutes, key: mid.description, year: date.year,
                                what: Localized(zh: "\(mid) 会议纪要", en: "The minutes of \(mid)")) { number in
            var input = input
            input.number = number
            input.title = title
            return MinutesBuilder.document(input, language: lang)
        }
    }

    /// What the minutes are made of: the cases and obligations as they stood when the meeting closed (or now, if
    /// open).
    static func input(_ m: Meeting, _ ws: Workspace, session: Session) throws(ShellError) -> MinutesInput {
        let asOf = m.closedAt ?? session.now()
        var cases: [CaseFile] = []
        var obligations: [EntityID: [Obligation]] = [:]
        for id in m.agenda {
            guard let c = try ws.caseFile(id, asOf: m.closedSeq) else { continue }
            cases.append(c)
            obligations[id] = ws.obligations(c, now: asOf)
        }
        return MinutesInput(meeting: m, cases: cases, obligations: obligations, directory: try ws.directory(), policy: ws.policy)
    }
}
