/// Writes a document as Markdown: the title, the number, the addressees, the body, the signature and date (a document
/// without a signature keeps its date in the body), and the distribution under a rule. The masthead and the 印发 line
/// are print furniture, left to HTML and .docx. Every text is written as text (`MarkdownText`): a case title holding
/// `*`, `<b>` or `[…](…)` reads as typed; code spans are the document's own (`DocumentText.code`).
enum MarkdownWriter {
    static func write(_ doc: OfficialDocument) -> String {
        let h = doc.header
        let e = XMLText.escape
        var out = "# \(inline(doc.title))\n"
        let marks = [h.classification, h.urgency].compactMap { $0 }
        if !marks.isEmpty { out += "\n<p>\(e(marks.joined(separator: "　")))</p>\n" }
        if let n = h.number { out += "\n<p align=\"center\">\(e(n.text(doc.language)))</p>\n" }
        if let to = doc.addresseeLine { out += "\n\(inline(to))\n" }
        for b in doc.blocks {
            out += "\n" + block(b, colon: doc.colon)
        }
        if !h.signature.isEmpty {
            let closing = h.signature + (doc.dateText.map { [$0] } ?? [])
            out += "\n" + closing.map { "<p align=\"right\">\(e($0))</p>\n" }.joined()
        }
        if !h.copies.isEmpty {
            out += "\n---\n\n" + h.copies.map { inline(doc.copyLine($0)) }.joined(separator: "\n\n") + "\n"
        }
        // Text from the store (titles, remarks, an inject's words) is kept as typed there; in the file, control and
        // bidi characters are shown escaped, as on the screen (a `cat` of the file must not run them).
        return VisibleText.escape(out)
    }

    /// A text as Markdown: escaped, with the document's code spans between backticks. `lineStart` as in
    /// `MarkdownText.escape`.
    static func inline(_ s: String, lineStart: Bool = false) -> String {
        XMLText.spans(s).enumerated().map { i, span in
            span.code && !span.text.contains("`") ? "`\(span.text)`" : MarkdownText.inline(span.text, lineStart: lineStart && i == 0)
        }.joined()
    }

    static func block(_ b: DocumentBlock, colon: String) -> String {
        switch b {
        case .heading(let s): "## \(inline(s))\n"
        case .subheading(let s): "### \(inline(s))\n"
        case .paragraph(let s): inline(s, lineStart: true) + "\n"
        case .fields(let fs): fs.map { "- **\(inline($0.label))**\(colon)\(inline($0.value))\n" }.joined()
        case .bullets(let items): items.map { "- \(inline($0, lineStart: true))\n" }.joined()
        case .numbered(let items): items.enumerated().map { "\($0.offset + 1). \(inline($0.element, lineStart: true))\n" }.joined()
        case .table(let t): table(t)
        }
    }

    static func table(_ t: DocumentTable) -> String {
        func cell(_ s: String) -> String {
            var out = ""
            for c in s {
                switch c {
                case "\n", "\r", "\r\n": out += " "
                default: out.append(c)
                }
            }
            return inline(out)
        }
        func row(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |\n" }
        var out = row(t.headers)
        out += "|" + t.headers.indices.map { i in
            let right = t.alignment(i) == .right
            return t.compactRule ? (right ? "---:|" : "---|") : (right ? " ---: |" : " --- |")
        }.joined() + "\n"
        for r in t.rows { out += row(r) }
        return out
    }
}
