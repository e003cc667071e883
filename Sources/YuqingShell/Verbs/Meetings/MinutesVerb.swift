import Foundation
import YuqingCore
import YuqingStore

/// `meeting minutes M2 [--out FILE] [--lang zh|en] [--format md|html]`: the minutes (会议纪要), Chinese by default.
struct MinutesVerb: Verb {
    static let formatChoices = ValueKind.choice([Choice("md", zh: "markdown"), Choice("html", zh: "网页")])

    static let spec = CommandSpec(
        name: "minutes", alias: "纪要", group: .meetings,
        summary: Localized(zh: "生成会议纪要（Markdown 或 HTML）", en: "write the minutes (Markdown or HTML)"),
        synopsis: "meeting minutes [M] [--out FILE] [--lang zh|en] [--format md|html]",
        help: Localized(
            zh: "会议纪要：会议时间、地点、主持、出席和缺席的成员单位（第一条），每个案件的基本情况、风险研判、发言、决定和后续时限（责任单位、完成时限、依据）。案件情况和时限以会商结束时为准。默认中文、Markdown；--out 以 .html 结尾时为 HTML。不给 --out 时直接显示。",
            en: "The minutes: time, place, chair, attendance and absent members (Art. 1), and per case its facts, the risk judgement, remarks, decisions and the follow-up deadlines (responsible department, due time, rule), as they stood when the meeting closed. Chinese and Markdown by default; HTML when --out ends in .html. Printed when there is no --out."),
        examples: ["meeting minutes M2", "meeting minutes M2 --out 纪要.md", "meeting minutes M2 --out minutes.html --lang en"])

    @Argument(.id(.meeting), name: "meeting") var meetingID: EntityID?
    @Option(.path, help: Localized(zh: "写入文件", en: "write to this file")) var out: String?
    @Option(.language, help: Localized(zh: "语言（默认中文）", en: "language (default Chinese)")) var lang: Language = .zh
    @Option(formatChoices, help: Localized(zh: "md 或 html（默认按 --out 的扩展名）", en: "md or html (default: from --out's extension)")) var format: DocumentFormat?

    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
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
        let format = DocumentFiles.format(self.format, out: out)
        let text = try Self.minutes(m, ws, session: session, lang: lang, format: format)
        return try DocumentFiles.deliver(text, out: $out, format: format,
                                         what: Localized(zh: "\(mid) 会议纪要", en: "The minutes of \(mid)"))
    }

    /// The minutes as text: the cases and obligations as they stood when the meeting closed (or now, if open).
    static func minutes(_ m: Meeting, _ ws: Workspace, session: Session, lang: Language,
                        format: DocumentFormat) throws(ShellError) -> String {
        let asOf = m.closedAt ?? session.now()
        var cases: [CaseFile] = []
        var obligations: [EntityID: [Obligation]] = [:]
        for id in m.agenda {
            guard let c = try ws.caseFile(id, asOf: m.closedSeq) else { continue }
            cases.append(c)
            obligations[id] = ws.obligations(c, now: asOf)
        }
        let input = MinutesInput(meeting: m, cases: cases, obligations: obligations, directory: try ws.directory(),
                                 policy: ws.policy)
        return MinutesBuilder.document(input, language: lang).render(format)
    }
}

/// Where official documents go: a file (`--out`) or the screen.
enum DocumentFiles {
    /// `--format`, else the extension of `--out`, else Markdown.
    static func format(_ format: DocumentFormat?, out: String?) -> DocumentFormat {
        if let format { return format }
        if let out {
            let ext = (out as NSString).pathExtension.lowercased()
            if ext == "html" || ext == "htm" { return .html }
        }
        return .markdown
    }

    static func deliver(_ text: String, out option: ArgumentRef, format: DocumentFormat, what: Localized) throws(ShellError) -> CommandOutput {
        guard let out = option.raw else { return CommandOutput(document: text) }
        let path = (out as NSString).expandingTildeInPath
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ShellError(Localized(zh: "无法写入 \(out)：\(error.localizedDescription)", en: "cannot write \(out): \(error.localizedDescription)"),
                             range: option.range, kind: .data)
        }
        let kind = format == .html ? "HTML" : "Markdown"
        return CommandOutput(zh: "\(what.zh)已写入 \(out)（\(kind)，\(text.utf8.count) 字节）。",
                             en: "\(what.en) written to \(out) (\(kind), \(text.utf8.count) bytes).")
    }
}
