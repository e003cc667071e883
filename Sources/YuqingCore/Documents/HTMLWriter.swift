/// Writes a document as HTML in the layout of GB/T 9704-2012, printable as it is (the browser's Print gives the A4
/// page: margins, 22 lines of 28 characters, page numbers `— 1 —` outside the type area). On screen the page is shown
/// as a sheet. The markup is well-formed XHTML (every element closed, every text escaped), so it also parses as XML.
enum HTMLWriter {
    static func write(_ doc: OfficialDocument) -> String {
        let e = XMLText.escape
        let h = doc.header
        let zh = doc.language == .zh
        let lang = zh ? "zh-CN" : "en"
        var out = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="\(lang)" xml:lang="\(lang)">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="yuqing"/>
        <title>\(e(doc.title))</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body class="\(zh ? "zh" : "en")">
        <div class="page">

        """
        let marks = [h.classification, h.urgency].compactMap { $0 }
        if !marks.isEmpty {
            out += "<div class=\"marks\">" + marks.map { "<p>\(e($0))</p>" }.joined() + "</div>\n"
        }
        if !h.issuers.isEmpty || h.number != nil {
            out += "<div class=\"masthead\(marks.isEmpty ? "" : " marked")\">\n"
            if !h.issuers.isEmpty {
                let pt = PageLayout.mastheadPt(h.issuers)
                let width = PageLayout.spreadsMasthead(h.issuers) ? "; width: \(num(PageLayout.mastheadWidth(h.issuers) * pt))pt" : ""
                out += "<div class=\"issuer\(PageLayout.spreadsMasthead(h.issuers) ? " spread" : "")\" style=\"font-size: \(num(pt))pt\(width)\">"
                    + h.issuers.map { "<p>\(e($0))</p>" }.joined() + "</div>\n"
            }
            if let n = h.number { out += "<p class=\"number\">\(e(n.text(doc.language)))</p>\n" }
            out += "</div>\n"
        }
        out += "<h1>\(PageLayout.titleLines(doc.title).map(e).joined(separator: "<br/>"))</h1>\n"
        if let to = doc.addresseeLine { out += "<p class=\"to\">\(e(to))</p>\n" }
        for b in doc.blocks { out += block(b, colon: doc.colon) }
        if !h.signature.isEmpty {
            let date = doc.dateText
            let (names, dateAt) = PageLayout.signatureIndents(names: h.signature, date: date)
            out += "<div class=\"sign\">\n"
            out += h.signature.map { "<p style=\"padding-left: calc(\(num(names)) * var(--ch))\">\(e($0))</p>\n" }.joined()
            if let date { out += "<p class=\"date\" style=\"padding-left: calc(\(num(dateAt)) * var(--ch))\">\(e(date))</p>\n" }
            out += "</div>\n"
        }
        if !h.copies.isEmpty || h.printer != nil {
            out += "<div class=\"foot\">\n"
            // Continuation lines align with the first name after the colon (GB/T 9704 7.4.2).
            out += h.copies.map { c in
                let w = num(DocumentText.width(c.label + doc.colon))
                return "<p class=\"copy\" style=\"padding-left: calc(1em + \(w)em); text-indent: -\(w)em\">\(e(doc.copyLine(c)))</p>\n"
            }.joined()
            if let p = h.printer {
                out += "<p class=\"printed\"><span>\(e(p))</span><span>\(e(doc.printedText ?? ""))</span></p>\n"
            }
            out += "</div>\n"
        }
        out += "</div>\n</body>\n</html>\n"
        return out
    }

    /// `12`, `12.5`: CSS numbers without trailing zeros.
    static func num(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(r)
    }

    /// Escaped text with `code` spans, and a link when the whole text is a web address.
    static func inline(_ s: String) -> String {
        if XMLText.isLink(s) { return "<a href=\"\(XMLText.escape(s))\">\(XMLText.escape(s))</a>" }
        return XMLText.spans(s).map { $0.code ? "<code>\(XMLText.escape($0.text))</code>" : XMLText.escape($0.text) }.joined()
    }

    /// `PageLayout.holdsLongWord`: flush left rather than justified.
    static func flush(_ s: String) -> String { PageLayout.holdsLongWord(s) ? " style=\"text-align: left\"" : "" }

    static func block(_ b: DocumentBlock, colon: String) -> String {
        let e = XMLText.escape
        switch b {
        case .heading(let s): return "<h2>\(e(s))</h2>\n"
        case .subheading(let s): return "<h3>\(e(s))</h3>\n"
        case .paragraph(let s): return "<p\(flush(s))>\(inline(s))</p>\n"
        case .fields(let fs):
            return "<div class=\"fields\">\n" + fs.map {
                "<p\(flush($0.value))><span class=\"label\">\(e($0.label))\(colon)</span>\(inline($0.value))</p>\n"
            }.joined() + "</div>\n"
        case .bullets(let items):
            return "<ul>\n" + items.map { "<li\(flush($0))>\(inline($0))</li>\n" }.joined() + "</ul>\n"
        case .numbered(let items):
            return "<ol>\n" + items.enumerated().map { "<li>\($0.offset + 1). \(inline($0.element))</li>\n" }.joined() + "</ol>\n"
        case .table(let t):
            func align(_ i: Int) -> String { t.alignment(i) == .right ? " class=\"num\"" : "" }
            let cols = PageLayout.columnFractions(t).map { "<col style=\"width: \(num($0 * 100))%\"/>" }.joined()
            var out = "<table style=\"font-size: \(num(PageLayout.tablePt(columns: t.headers.count)))pt\">\n<colgroup>\(cols)</colgroup>\n<thead><tr>"
            out += t.headers.enumerated().map { "<th\(align($0.offset))>\(e($0.element))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for r in t.rows {
                out += "<tr>" + r.enumerated().map { "<td\(align($0.offset))>\(inline($0.element))</td>" }.joined() + "</tr>\n"
            }
            return out + "</tbody>\n</table>\n"
        }
    }

    /// The print stylesheet. Fonts: the official faces first (仿宋, 黑体, 楷体, 方正小标宋 as Windows and WPS name
    /// them), then the macOS faces, then Noto CJK / AR PL UKai as Debian ships them (fonts-noto-cjk,
    /// fonts-arphic-ukai), then the generic family. Chinese documents set digits and quotes in the Chinese face too
    /// (full-width “” as the text expects); English ones put Times New Roman first.
    static let stylesheet = """
    @font-face { font-family: "YQ Title"; src: local("FZXiaoBiaoSong-B05S"), local("方正小标宋简体"), local("方正小标宋_GBK"), local("STZhongsong"), local("华文中宋"), local("Noto Serif CJK SC Black"), local("NotoSerifCJKsc-Black"), local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), local("Source Han Serif SC Heavy"), local("SimSun"); }
    :root {
      --cjk-fangsong: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "华文仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
      --cjk-heiti: "SimHei", "黑体", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
      --cjk-kaiti: "KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "华文楷体", "AR PL UKai CN", "Noto Serif CJK SC", serif;
      --cjk-songti: "SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", serif;
      --fangsong: var(--cjk-fangsong);
      --heiti: var(--cjk-heiti);
      --kaiti: var(--cjk-kaiti);
      --songti: var(--cjk-songti);
      --line: 28.95pt;
      --ch: 15.75pt;
      --red: #ff0000;
    }
    body.en {
      --fangsong: "Times New Roman", "Liberation Serif", var(--cjk-fangsong);
      --heiti: "Arial", "Liberation Sans", var(--cjk-heiti);
      --kaiti: "Times New Roman", "Liberation Serif", var(--cjk-kaiti);
      --ch: 16pt;
    }
    @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
    @page :right { @bottom-right { content: "— " counter(page) " —"; font-family: var(--songti); font-size: 14pt; vertical-align: top; padding-top: 7mm; padding-right: 14pt; } }
    @page :left { @bottom-left { content: "— " counter(page) " —"; font-family: var(--songti); font-size: 14pt; vertical-align: top; padding-top: 7mm; padding-left: 14pt; } }
    html { background: #e6e6e6; }
    body { margin: 0; padding: 8mm 0; color: #000; font-family: var(--fangsong); font-size: 16pt; line-height: var(--line); }
    body.zh { letter-spacing: -0.25pt; }
    .page { box-sizing: content-box; width: 156mm; min-height: 225mm; margin: 0 auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.25); }
    p, li, td, th, h1, h2, h3 { line-break: strict; overflow-wrap: anywhere; text-spacing-trim: space-all; text-autospace: no-autospace; }
    p { margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
    .marks p { font-family: var(--heiti); text-indent: 0; }
    .masthead { text-align: center; padding-top: 35mm; padding-bottom: 4mm; border-bottom: 1.5pt solid var(--red); margin-bottom: calc(2 * var(--line)); }
    .masthead.marked { padding-top: calc(35mm - 2 * var(--line)); }
    .issuer { margin: 0 auto; color: var(--red); font-family: "YQ Title", var(--songti); line-height: 1.25; letter-spacing: 0; }
    .issuer p { text-indent: 0; text-align: center; white-space: nowrap; }
    .issuer.spread p { text-align: justify; text-align-last: justify; }
    .number { text-indent: 0; text-align: center; margin-top: calc(2 * var(--line)); }
    h1 { margin: 0; font-family: "YQ Title", var(--songti); font-weight: normal; font-size: 22pt; line-height: var(--line); text-align: center; letter-spacing: 0; text-wrap: balance; }
    .to { text-indent: 0; margin-top: var(--line); }
    h1 + p, h1 + div, h1 + h2, h1 + table, h1 + ul { margin-top: var(--line); }
    h2 { margin: 0; font-family: var(--heiti); font-weight: normal; font-size: 16pt; text-indent: 2em; break-after: avoid; }
    h3 { margin: 0; font-family: var(--kaiti); font-weight: normal; font-size: 16pt; text-indent: 2em; break-after: avoid; }
    ul, ol { margin: 0; padding: 0; list-style: none; }
    li { text-indent: 2em; text-align: justify; }
    .fields .label { font-family: var(--fangsong); }
    table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 4pt 0 6pt; line-height: 1.45; letter-spacing: 0; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; }
    th, td { border: 0.75pt solid #000; padding: 1pt 3pt; vertical-align: top; text-align: left; }
    th { font-family: var(--heiti); font-weight: normal; text-align: center; vertical-align: middle; }
    td.num { text-align: right; }
    code { font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: 0.85em; overflow-wrap: anywhere; }
    a { color: #000; text-decoration: none; }
    .sign { margin-top: var(--line); break-inside: avoid; }
    .sign p { text-indent: 0; white-space: nowrap; }
    .foot { margin-top: calc(2 * var(--line)); border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; font-size: 14pt; break-inside: avoid; }
    .foot p { text-indent: 0; padding: 0 1em; }
    .foot .printed { display: flex; justify-content: space-between; border-top: 0.25mm solid #000; }
    @media print {
      html { background: none; }
      body { padding: 0; }
      .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
      a { color: #000; }
    }
    """
}
