/// One part of a .docx package: its path in the zip and its XML.
public struct DocxPart: Hashable, Sendable {
    public var path: String
    public var xml: String
}

/// Writes a document as the XML parts of a WordprocessingML package (.docx), in the layout of GB/T 9704-2012: A4 with
/// the official margins, 3号仿宋 body condensed to 28 characters a line on a fixed 22-line pitch, the red masthead
/// and rule, 2号小标宋 title, 黑体/楷体 headings, the signature block, the foot (版记) between rules, page numbers
/// `— 1 —` right on odd pages and left on even ones. Pure: the shell zips the parts (ZIPFoundation).
///
/// Font names are the ones Word and WPS know on Chinese Windows (仿宋, 黑体, 楷体, 宋体, 方正小标宋简体); `fontTable.xml`
/// gives their English names so a machine without one substitutes a similar face. Element order follows the schema,
/// which Word checks strictly.
public enum DocxWriter {
    public static func parts(_ doc: OfficialDocument) -> [DocxPart] {
        var body = DocxBody(doc: doc)
        body.build()
        let rels = body.links.enumerated().map { i, url in
            "<Relationship Id=\"rIdLink\(i + 1)\" Type=\"\(DocxXML.relHyperlink)\" Target=\"\(XMLText.escape(url))\" TargetMode=\"External\"/>"
        }.joined()
        return [
            DocxPart(path: "[Content_Types].xml", xml: DocxXML.contentTypes),
            DocxPart(path: "_rels/.rels", xml: DocxXML.packageRels),
            DocxPart(path: "docProps/core.xml", xml: DocxXML.core(doc)),
            DocxPart(path: "docProps/app.xml", xml: DocxXML.app),
            DocxPart(path: "word/document.xml", xml: body.documentXML),
            DocxPart(path: "word/_rels/document.xml.rels", xml: DocxXML.documentRels(extra: rels)),
            DocxPart(path: "word/styles.xml", xml: DocxXML.styles(doc.language)),
            DocxPart(path: "word/settings.xml", xml: DocxXML.settings),
            DocxPart(path: "word/fontTable.xml", xml: DocxXML.fontTable),
            DocxPart(path: "word/footer1.xml", xml: DocxXML.footer(odd: true)),
            DocxPart(path: "word/footer2.xml", xml: DocxXML.footer(odd: false)),
        ]
    }
}

/// Paragraph properties in schema order.
struct DocxParagraph {
    var style: String
    var keepNext = false
    var border: String?
    var tabs: String?
    var before: Int?
    var lineExact: Int?
    var indent: String?
    var jc: String?

    var xml: String {
        var p = "<w:pPr><w:pStyle w:val=\"\(style)\"/>"
        if keepNext { p += "<w:keepNext/>" }
        if let border { p += "<w:pBdr>\(border)</w:pBdr>" }
        if let tabs { p += "<w:tabs>\(tabs)</w:tabs>" }
        if before != nil || lineExact != nil {
            p += "<w:spacing"
            if let before { p += " w:before=\"\(before)\"" }
            if let lineExact { p += " w:line=\"\(lineExact)\" w:lineRule=\"exact\"" }
            p += "/>"
        }
        if let indent { p += "<w:ind \(indent)/>" }
        if let jc { p += "<w:jc w:val=\"\(jc)\"/>" }
        return p + "</w:pPr>"
    }
}

/// The body of document.xml, built block by block; web addresses become hyperlinks (relationships `rIdLink1…`).
struct DocxBody {
    let doc: OfficialDocument
    var xml = ""
    var links: [String] = []
    /// The next body paragraph is the first after the title: it keeps one blank line above it.
    var firstAfterTitle = false

    init(doc: OfficialDocument) { self.doc = doc }

    var zh: Bool { doc.language == .zh }
    var charTwips: Int { zh ? PageLayout.charTwips : Int(PageLayout.bodyPt * 20) }
    var areaTwips: Int { PageLayout.twips(mm: PageLayout.areaWidthMM) }

    /// A run: text with line breaks and tabs, under optional run properties (already in schema order).
    static func run(_ text: String, _ rPr: String = "") -> String {
        let props = rPr.isEmpty ? "" : "<w:rPr>\(rPr)</w:rPr>"
        var out = ""
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { out += "<w:r>\(props)<w:br/></w:r>" }
            for (j, piece) in line.split(separator: "\t", omittingEmptySubsequences: false).enumerated() {
                if j > 0 { out += "<w:r>\(props)<w:tab/></w:r>" }
                if !piece.isEmpty { out += "<w:r>\(props)<w:t xml:space=\"preserve\">\(XMLText.escape(String(piece)))</w:t></w:r>" }
            }
        }
        return out
    }

    /// Text with `code` spans; a whole web address becomes a hyperlink.
    mutating func inline(_ s: String) -> String {
        if XMLText.isLink(s) { return link(s) }
        return XMLText.spans(s).map { $0.code ? DocxBody.run($0.text, "<w:rStyle w:val=\"Code\"/>") : DocxBody.run($0.text) }.joined()
    }

    /// A hyperlink to a web address (its relationship is added once per address).
    mutating func link(_ url: String, _ rPr: String = "") -> String {
        if !links.contains(url) { links.append(url) }
        let id = (links.firstIndex(of: url) ?? 0) + 1
        return "<w:hyperlink r:id=\"rIdLink\(id)\" w:history=\"1\">" + DocxBody.run(url, "<w:rStyle w:val=\"Hyperlink\"/>" + rPr) + "</w:hyperlink>"
    }

    mutating func paragraph(_ p: DocxParagraph, _ runs: String) {
        var p = p
        if firstAfterTitle && p.before == nil { p.before = PageLayout.lineTwips }
        firstAfterTitle = false
        xml += "<w:p>\(p.xml)\(runs)</w:p>"
    }

    mutating func build() {
        let h = doc.header
        let line = PageLayout.lineTwips
        let marks = [h.classification, h.urgency].compactMap { $0 }
        for m in marks { paragraph(DocxParagraph(style: "Mark"), DocxBody.run(m)) }
        let red = "<w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"11\" w:color=\"FF0000\"/>"
        if !h.issuers.isEmpty {
            let pt = PageLayout.mastheadPt(h.issuers)
            let spread = PageLayout.spreadsMasthead(h.issuers)
            let side = spread ? max(0, (areaTwips - Int(PageLayout.mastheadWidth(h.issuers) * pt * 20)) / 2) : 0
            let size = Int(pt * 2)
            for (i, name) in h.issuers.enumerated() {
                var p = DocxParagraph(style: "Issuer", lineExact: Int(pt * 1.25 * 20), indent: "w:left=\"\(side)\" w:right=\"\(side)\"",
                                      jc: spread && name.count > 1 ? "distribute" : "center")
                if i == 0 { p.before = max(0, PageLayout.twips(mm: 35) - marks.count * line) }
                paragraph(p, DocxBody.run(name, "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>"))
            }
        }
        if let n = h.number {
            paragraph(DocxParagraph(style: "DocNumber", border: red, before: h.issuers.isEmpty ? nil : 2 * line),
                      DocxBody.run(n.text(doc.language)))
        } else if !h.issuers.isEmpty {
            // The rule under the masthead spans the type area, so it goes on a paragraph of its own.
            paragraph(DocxParagraph(style: "DocNumber", border: red, lineExact: PageLayout.twips(mm: 4)), "")
        }
        paragraph(DocxParagraph(style: "DocTitle", before: h.issuers.isEmpty && h.number == nil ? nil : 2 * line),
                  DocxBody.run(PageLayout.titleLines(doc.title).joined(separator: "\n")))
        firstAfterTitle = true
        if let to = doc.addresseeLine { paragraph(DocxParagraph(style: "Addressee"), DocxBody.run(to)) }
        for b in doc.blocks { block(b) }
        signature()
        foot()
        // A document ends with a paragraph; a hairline one after a closing table adds no blank page.
        xml += "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/><w:spacing w:line=\"20\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p>"
    }

    /// Body text, flush left when it holds a word longer than a line (`PageLayout.holdsLongWord`).
    static func body(_ s: String) -> DocxParagraph {
        DocxParagraph(style: "BodyText", jc: PageLayout.holdsLongWord(s) ? "left" : nil)
    }

    mutating func block(_ b: DocumentBlock) {
        switch b {
        case .heading(let s): paragraph(DocxParagraph(style: "Heading1", keepNext: true), DocxBody.run(s))
        case .subheading(let s): paragraph(DocxParagraph(style: "Heading2", keepNext: true), DocxBody.run(s))
        case .paragraph(let s):
            let runs = inline(s)
            paragraph(Self.body(s), runs)
        case .fields(let fs):
            for f in fs {
                let runs = DocxBody.run(f.label + doc.colon) + inline(f.value)
                paragraph(Self.body(f.value), runs)
            }
        case .bullets(let items):
            for i in items {
                let runs = inline(i)
                paragraph(Self.body(i), runs)
            }
        case .numbered(let items):
            for (n, i) in items.enumerated() {
                let runs = DocxBody.run("\(n + 1). ") + inline(i)
                paragraph(DocxParagraph(style: "BodyText"), runs)
            }
        case .table(let t): table(t)
        }
    }

    /// Column widths in twips (`PageLayout.columnFractions`), the last one taking the rounding.
    func widths(_ t: DocumentTable) -> [Int] {
        var out = PageLayout.columnFractions(t).map { Int(Double(areaTwips) * $0) }
        if !out.isEmpty { out[out.count - 1] += areaTwips - out.reduce(0, +) }
        return out
    }

    mutating func table(_ t: DocumentTable) {
        // A table right under the title keeps the blank line a paragraph would.
        if firstAfterTitle {
            firstAfterTitle = false
            paragraph(DocxParagraph(style: "Normal"), "")
        }
        let size = Int(PageLayout.tablePt(columns: t.headers.count) * 2)
        let cols = widths(t)
        let border = "w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\""
        var out = "<w:tbl><w:tblPr><w:tblW w:w=\"\(areaTwips)\" w:type=\"dxa\"/><w:tblBorders>"
            + ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(border)/>" }.joined()
            + "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
        out += "<w:tblGrid>" + cols.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        let sz = "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>"
        out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        for (i, h) in t.headers.enumerated() {
            out += cell(DocxBody.run(h, sz), width: cols[i], style: "TableHeader", jc: "center", header: true)
        }
        out += "</w:tr>"
        for r in t.rows {
            out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for i in t.headers.indices {
                let text = i < r.count ? r[i] : ""
                let runs = XMLText.isLink(text) ? link(text, sz)
                    : XMLText.spans(text).map { DocxBody.run($0.text, $0.code ? "<w:rStyle w:val=\"Code\"/>" : sz) }.joined()
                out += cell(runs, width: cols[i], style: "TableText", jc: t.alignment(i) == .right ? "right" : "left", header: false)
            }
            out += "</w:tr>"
        }
        xml += out + "</w:tbl>"
        firstAfterTitle = false
    }

    func cell(_ runs: String, width: Int, style: String, jc: String, header: Bool) -> String {
        "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(header ? "<w:vAlign w:val=\"center\"/>" : "")</w:tcPr>"
            + "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/><w:jc w:val=\"\(jc)\"/></w:pPr>\(runs)</w:p></w:tc>"
    }

    mutating func signature() {
        let h = doc.header
        guard !h.signature.isEmpty else { return }
        let date = doc.dateText
        let (names, dateAt) = PageLayout.signatureIndents(names: h.signature, date: date)
        for (i, name) in h.signature.enumerated() {
            paragraph(DocxParagraph(style: "Signature", keepNext: i < h.signature.count - 1 || date != nil,
                                    before: i == 0 ? PageLayout.lineTwips : nil,
                                    indent: "w:left=\"\(Int(names * Double(charTwips)))\""), DocxBody.run(name))
        }
        if let date {
            paragraph(DocxParagraph(style: "Signature", indent: "w:left=\"\(Int(dateAt * Double(charTwips)))\""), DocxBody.run(date))
        }
    }

    /// The foot (版记): the distribution and the 印发 line in a one-column table between thick rules, a thin rule
    /// between its lines, the text one character in from each side.
    mutating func foot() {
        let h = doc.header
        guard !h.copies.isEmpty || h.printer != nil else { return }
        paragraph(DocxParagraph(style: "Normal"), "")
        let thick = "w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\""
        let thin = "w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\""
        let none = "w:val=\"nil\""
        let inset = Int(PageLayout.footPt * 20)
        xml += "<w:tbl><w:tblPr><w:tblW w:w=\"\(areaTwips)\" w:type=\"dxa\"/><w:tblBorders><w:top \(thick)/><w:left \(none)/><w:bottom \(thick)/><w:right \(none)/><w:insideH \(thin)/><w:insideV \(none)/></w:tblBorders>"
            + "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"\(inset)\" w:type=\"dxa\"/><w:right w:w=\"\(inset)\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
            + "<w:tblGrid><w:gridCol w:w=\"\(areaTwips)\"/></w:tblGrid>"
        func row(_ p: String) -> String {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"\(areaTwips)\" w:type=\"dxa\"/></w:tcPr>\(p)</w:tc></w:tr>"
        }
        // Every row but the last keeps with the next: the foot is never split across pages.
        for (i, c) in h.copies.enumerated() {
            // Continuation lines align with the first name after the colon (GB/T 9704 7.4.2).
            let label = Int(DocumentText.width(c.label + doc.colon) * Double(inset))
            let hang = "w:left=\"\(label)\" w:hanging=\"\(label)\""
            let p = DocxParagraph(style: "Foot", keepNext: h.printer != nil || i < h.copies.count - 1, indent: hang)
            xml += row("<w:p>\(p.xml)\(DocxBody.run(doc.copyLine(c)))</w:p>")
        }
        if let printer = h.printer {
            let tab = "<w:tab w:val=\"right\" w:pos=\"\(areaTwips - 2 * inset)\"/>"
            xml += row("<w:p>\(DocxParagraph(style: "Foot", tabs: tab).xml)\(DocxBody.run(printer + "\t" + (doc.printedText ?? "")))</w:p>")
        }
        xml += "</w:tbl>"
    }

    var documentXML: String {
        let m = PageLayout.self
        let sect = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/><w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>"
            + "<w:pgSz w:w=\"\(m.twips(mm: m.pageWidthMM))\" w:h=\"\(m.twips(mm: m.pageHeightMM))\"/>"
            + "<w:pgMar w:top=\"\(m.twips(mm: m.topMM))\" w:right=\"\(m.twips(mm: m.rightMM))\" w:bottom=\"\(m.twips(mm: m.bottomMM))\" w:left=\"\(m.twips(mm: m.leftMM))\" w:header=\"851\" w:footer=\"\(m.twips(mm: 22.5))\" w:gutter=\"0\"/>"
            + "<w:cols w:space=\"425\"/><w:docGrid w:linePitch=\"\(m.lineTwips)\"/></w:sectPr>"
        return DocxXML.declaration
            + "<w:document xmlns:w=\"\(DocxXML.w)\" xmlns:r=\"\(DocxXML.r)\"><w:body>\(xml)\(sect)</w:body></w:document>"
    }
}
