/// Writes a document as Markdown: the title, the number, the addressees, the body, the signature and date (a document
/// without a signature keeps its date in the body), and the distribution under a rule. The masthead and the 印发 line
/// are print furniture, left to HTML and .docx.
enum MarkdownWriter {
    static func write(_ doc: OfficialDocument) -> String {
        let h = doc.header
        var out = "# \(doc.title)\n"
        let marks = [h.classification, h.urgency].compactMap { $0 }
        if !marks.isEmpty { out += "\n<p>\(marks.joined(separator: "　"))</p>\n" }
        if let n = h.number { out += "\n<p align=\"center\">\(n.text(doc.language))</p>\n" }
        if let to = doc.addresseeLine { out += "\n\(to)\n" }
        for b in doc.blocks {
            out += "\n" + block(b, colon: doc.colon)
        }
        if !h.signature.isEmpty {
            let closing = h.signature + (doc.dateText.map { [$0] } ?? [])
            out += "\n" + closing.map { "<p align=\"right\">\($0)</p>\n" }.joined()
        }
        if !h.copies.isEmpty {
            out += "\n---\n\n" + h.copies.map(doc.copyLine).joined(separator: "\n\n") + "\n"
        }
        // Text from the store (titles, remarks, an inject's words) is kept as typed there; in the file, control and
        // bidi characters are shown escaped, as on the screen (a `cat` of the file must not run them).
        return VisibleText.escape(out)
    }

    static func block(_ b: DocumentBlock, colon: String) -> String {
        switch b {
        case .heading(let s): "## \(s)\n"
        case .subheading(let s): "### \(s)\n"
        case .paragraph(let s): s + "\n"
        case .fields(let fs): fs.map { "- **\($0.label)**\(colon)\($0.value)\n" }.joined()
        case .bullets(let items): items.map { "- \($0)\n" }.joined()
        case .numbered(let items): items.enumerated().map { "\($0.offset + 1). \($0.element)\n" }.joined()
        case .table(let t): table(t)
        }
    }

    static func table(_ t: DocumentTable) -> String {
        func cell(_ s: String) -> String {
            var out = ""
            for c in s {
                switch c {
                case "|": out += "\\|"
                case "\n", "\r", "\r\n": out += " "
                default: out.append(c)
                }
            }
            return out
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
