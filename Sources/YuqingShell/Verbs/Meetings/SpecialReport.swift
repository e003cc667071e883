import YuqingCore

/// `report special CASE [--out FILE] [--lang zh|en] [--format md|html]`: the special report (舆情专报) to city
/// leaders (Art. 8 ¶1, ¶3): facts, sources with links, public reaction, risk judgement, disposal suggestion,
/// deadlines and contacts. Reading only: escalating is `escalate` (or `decide C7 escalate`).
struct SpecialReport: Verb {
    static let spec = CommandSpec(
        name: "special", alias: "专报", group: .meetings,
        summary: Localized(zh: "生成舆情专报", en: "write the special report (舆情专报)"),
        synopsis: "report special CASE [--out FILE] [--lang zh|en] [--format md|html]",
        help: Localized(
            zh: "舆情专报：舆情概况、信息来源及链接、公众反应（转发、评论、浏览）、研判意见、处置建议、办理时限和联系人（第十条部门名录）。默认中文、Markdown；--out 以 .html 结尾时为 HTML。",
            en: "The special report: summary, sources with links, public reaction (reposts, comments, views), risk judgement, disposal suggestion, deadlines and contacts (the directory, Art. 10). Chinese and Markdown by default; HTML when --out ends in .html."),
        examples: ["report special C7", "report special C7 --out 专报-C7.md", "报送 专报 C7 --out C7.html"])

    @Argument(.id(.caseFile), name: "case") var caseID: EntityID
    @Option(.path, help: Localized(zh: "写入文件", en: "write to this file")) var out: String?
    @Option(.language, help: Localized(zh: "语言（默认中文）", en: "language (default Chinese)")) var lang: Language = .zh
    @Option(MinutesVerb.formatChoices, help: Localized(zh: "md 或 html", en: "md or html")) var format: DocumentFormat?

    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
        let id = caseID
        let c = try ws.caseFile(id, range: $caseID.range)
        let now = session.now()
        let doc = SpecialReportBuilder.document(c, obligations: ws.obligations(c, now: now), directory: try ws.directory(),
                                                policy: ws.policy, at: now, language: lang)
        let format = DocumentFiles.format(self.format, out: out)
        return try DocumentFiles.deliver(doc.render(format), out: $out, format: format,
                                         what: Localized(zh: "\(id) 舆情专报", en: "The special report on \(id)"))
    }
}
