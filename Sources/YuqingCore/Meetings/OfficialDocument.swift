/// The formats official documents (minutes, special reports) are written in.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case html

    /// `md`, `markdown`, `html`, `htm`.
    public init?(code: String) {
        switch code.lowercased() {
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }
}

/// One block of an official document.
public enum DocumentBlock: Hashable, Sendable {
    /// A centred line under the title (the document number).
    case subtitle(String)
    case heading(String)
    case subheading(String)
    case paragraph(String)
    /// `label：value` lines.
    case fields([DocumentField])
    case bullets([String])
    case numbered([String])
    case table(headers: [String], rows: [[String]])
    /// Right-aligned closing lines: the issuing offices and the date.
    case signature([String])
    /// A rule and small print at the foot (distribution).
    case footnote(String)
}

public struct DocumentField: Hashable, Sendable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// A document as blocks, rendered to Markdown or to simple printable HTML. Deterministic: the same blocks give the
/// same bytes.
public struct OfficialDocument: Hashable, Sendable {
    public var title: String
    public var language: Language
    public var blocks: [DocumentBlock]

    public init(title: String, language: Language, blocks: [DocumentBlock] = []) {
        self.title = title
        self.language = language
        self.blocks = blocks
    }

    public func render(_ format: DocumentFormat) -> String {
        switch format {
        case .markdown: markdown()
        case .html: html()
        }
    }

    var colon: String { language == .zh ? "：" : ": " }

    // MARK: Markdown

    func markdown() -> String {
        var out = "# \(title)\n"
        for b in blocks {
            out += "\n"
            switch b {
            case .subtitle(let s): out += "<p align=\"center\">\(s)</p>\n"
            case .heading(let s): out += "## \(s)\n"
            case .subheading(let s): out += "### \(s)\n"
            case .paragraph(let s): out += s + "\n"
            case .fields(let fs): out += fs.map { "- **\($0.label)**\(colon)\($0.value)\n" }.joined()
            case .bullets(let items): out += items.map { "- \($0)\n" }.joined()
            case .numbered(let items): out += items.enumerated().map { "\($0.offset + 1). \($0.element)\n" }.joined()
            case let .table(headers, rows):
                func cell(_ s: String) -> String {
                    s.replacing("|", with: "\\|").replacing("\n", with: " ")
                }
                out += "| " + headers.map(cell).joined(separator: " | ") + " |\n"
                out += "|" + String(repeating: " --- |", count: headers.count) + "\n"
                for r in rows { out += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
            case .signature(let lines): out += lines.map { "<p align=\"right\">\($0)</p>\n" }.joined()
            case .footnote(let s): out += "---\n\n" + s + "\n"
            }
        }
        return out
    }

    // MARK: HTML

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A value that is a link is clickable in HTML (the minutes and reports cite where the opinion appeared).
    static func linked(_ s: String) -> String {
        guard s.hasPrefix("http://") || s.hasPrefix("https://"), !s.contains(" ") else { return escape(s) }
        return "<a href=\"\(escape(s))\">\(escape(s))</a>"
    }

    func html() -> String {
        let e = OfficialDocument.escape
        let lang = language == .zh ? "zh-CN" : "en"
        var out = """
        <!DOCTYPE html>
        <html lang="\(lang)">
        <head>
        <meta charset="utf-8">
        <title>\(e(title))</title>
        <style>
        body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Songti SC", serif; font-size: 16pt; line-height: 1.7; max-width: 40em; margin: 2em auto; color: #000; }
        h1 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 20pt; text-align: center; margin-bottom: 0.3em; }
        h2 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; margin-top: 1.2em; }
        h3 { font-family: "KaiTi", "Noto Serif CJK SC", serif; font-size: 16pt; margin: 0.8em 0 0.3em; }
        .subtitle { text-align: center; margin-top: 0; }
        .signature { text-align: right; margin: 0; }
        .foot { border-top: 1px solid #000; margin-top: 2em; padding-top: 0.4em; font-size: 12pt; }
        table { border-collapse: collapse; width: 100%; font-size: 12pt; }
        th, td { border: 1px solid #000; padding: 0.2em 0.4em; vertical-align: top; text-align: left; }
        table.fields { width: auto; font-size: 16pt; margin: 0.3em 0; }
        table.fields th, table.fields td { border: none; padding: 0 0.2em 0 0; }
        table.fields th { white-space: nowrap; }
        a { color: #000; }
        @media print { body { margin: 0; max-width: none; } }
        </style>
        </head>
        <body>
        <h1>\(e(title))</h1>

        """
        for b in blocks {
            switch b {
            case .subtitle(let s): out += "<p class=\"subtitle\">\(e(s))</p>\n"
            case .heading(let s): out += "<h2>\(e(s))</h2>\n"
            case .subheading(let s): out += "<h3>\(e(s))</h3>\n"
            case .paragraph(let s): out += "<p>\(e(s))</p>\n"
            case .fields(let fs):
                out += "<table class=\"fields\">\n" + fs.map {
                    "<tr><th>\(e($0.label))\(colon)</th><td>\(OfficialDocument.linked($0.value))</td></tr>\n"
                }.joined() + "</table>\n"
            case .bullets(let items): out += "<ul>\n" + items.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
            case .numbered(let items): out += "<ol>\n" + items.map { "<li>\(e($0))</li>\n" }.joined() + "</ol>\n"
            case let .table(headers, rows):
                out += "<table>\n<tr>" + headers.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
                for r in rows { out += "<tr>" + r.map { "<td>\(OfficialDocument.linked($0))</td>" }.joined() + "</tr>\n" }
                out += "</table>\n"
            case .signature(let lines): out += lines.map { "<p class=\"signature\">\(e($0))</p>\n" }.joined()
            case .footnote(let s): out += "<p class=\"foot\">\(e(s))</p>\n"
            }
        }
        out += "</body>\n</html>\n"
        return out
    }
}

/// Dates and numbers the way official documents write them.
public enum DocumentText {
    /// `2019年12月30日` / `2019-12-30`.
    public static func date(_ d: CivilDate, _ lang: Language) -> String {
        lang == .zh ? "\(d.year)年\(d.month)月\(d.day)日" : d.description
    }

    /// `（一）` … for sub-sections, `一、` for sections.
    public static func section(_ n: Int, _ lang: Language) -> String {
        lang == .zh ? "\(Article.chineseNumber(n))、" : "\(n). "
    }

    public static func subsection(_ n: Int, _ lang: Language) -> String {
        lang == .zh ? "（\(Article.chineseNumber(n))）" : "(\(Character(Unicode.Scalar(96 + min(n, 26)) ?? "a"))) "
    }

    /// `1,234` — metrics read more easily grouped.
    public static func grouped(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
