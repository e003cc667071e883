import YuqingCore
import YuqingStore

/// `report special CASE [--out FILE] [--format md|html|docx] [--lang zh|en]`: the special report (舆情专报) from the
/// coordinating offices to the city leaders (Art. 8 ¶1, ¶3), numbered 明舆专〔YEAR〕N号: summary, sources with links
/// and the public reaction, risk judgement, the joint meetings that discussed the case, disposal, deadlines and the
/// contacts the departments reported. Escalating itself is `escalate` (or `decide C7 escalate`).
struct SpecialReport: Verb {
    static let spec = CommandSpec(
        name: "special", alias: "专报", group: .meetings,
        summary: Localized(zh: "生成舆情专报（报市领导）", en: "write the special report (舆情专报) to the city leaders"),
        synopsis: "report special CASE [--out FILE] [--format md|html|docx] [--lang zh|en]",
        help: Localized(
            zh: "舆情专报（公文格式，主送市领导，编号如 明舆专〔2020〕3号，每年从 1 起，同一案件再次生成时编号不变）：舆情概况、信息来源及链接和公众反应（转发、评论、浏览）、研判意见、会商情况（会上的研判、发言和决定）、处置情况、办理时限、联系人（部门已报送的，第十条）。--out 的扩展名决定格式：.md、.html（可直接打印）、.docx（Word/WPS 编辑）。默认中文。",
            en: "The special report (an official document to the city leaders, numbered like 明舆专〔2020〕3号 from 1 each year; the same case keeps its number): summary, sources with links and the public reaction (reposts, comments, views), the risk judgement, the joint meetings that discussed it (judgements, remarks, decisions), disposal, deadlines and the contacts the departments reported (Art. 10). --out's extension chooses the format: .md, .html (ready to print), .docx (to edit in Word or WPS). Chinese by default."),
        examples: ["report special C7", "report special C7 --out 专报-C7.docx", "报送 专报 C7 --out C7.html"])

    @Argument(.id(.caseFile), name: "case",
              help: Localized(zh: "专报所涉的案件", en: "the case the special report is about")) var caseID: EntityID
    @Option(.path, help: DocumentTarget.outHelp) var out: String?
    @Option(DocumentTarget.formats, help: DocumentTarget.formatHelp) var format: DocumentFormat?
    @Option(.language, help: DocumentTarget.langHelp) var lang: Language = .zh

    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
        let target = try DocumentTarget.resolve(out: $out, format: format, formatRef: $format, verbRange: inv.verbRange)
        let id = caseID
        let c = try ws.caseFile(id, range: $caseID.range)
        let now = session.now()
        let input = SpecialReportInput(caseFile: c, obligations: ws.obligations(c, now: now), directory: try ws.directory(),
                                       policy: ws.policy, at: now, meetings: try Self.meetings(of: id, ws))
        return try target.issue(ws, kind: .special, key: id.description, year: now.date.year,
                                what: Localized(zh: "\(id) 舆情专报", en: "The special report on \(id)")) { number in
            var input = input
            input.number = number
            return SpecialReportBuilder.document(input, language: lang)
        }
    }

    /// The meetings that had the case on their agenda, judged or decided on it: the case's events whose subject is
    /// a meeting, in the order the meetings were held.
    static func meetings(of id: EntityID, _ ws: Workspace) throws(ShellError) -> [Meeting] {
        var ids: [EntityID] = []
        for e in try ws.read({ try $0.events(forCase: id) }) {
            if let s = e.subject, s.kind == .meeting, !ids.contains(s) { ids.append(s) }
        }
        var out: [Meeting] = []
        for m in ids { out.append(try ws.meeting(m)) }
        return out.sorted { $0.openedAt != $1.openedAt ? $0.openedAt < $1.openedAt : $0.id < $1.id }
    }
}
