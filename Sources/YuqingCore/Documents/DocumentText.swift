/// Dates, numbers and widths the way official documents write and lay them out.
public enum DocumentText {
    /// `2019年12月30日` / `2019-12-30`: Arabic numerals, the full year, no leading zeros (GB/T 9704 7.3.5).
    public static func date(_ d: CivilDate, _ lang: Language) -> String {
        lang == .zh ? "\(d.year)年\(d.month)月\(d.day)日" : d.description
    }

    /// `一、` for sections.
    public static func section(_ n: Int, _ lang: Language) -> String {
        lang == .zh ? "\(Article.chineseNumber(n))、" : "\(n). "
    }

    /// `（一）` for sub-sections.
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

    /// Marks a code span in a document's text (a hash, a command to type): shown in a fixed-width font in HTML and
    /// .docx and between backticks in Markdown. A private-use character, not a backtick: a backtick typed in a case
    /// title or a remark is text, and must not turn what follows into code.
    public static let codeMark: Character = "\u{E000}"

    /// `s` as a code span of a document.
    public static func code(_ s: String) -> String { "\(codeMark)\(s)\(codeMark)" }

    /// Width in full-width characters (a Chinese character or full-width mark is 1, an ASCII letter or digit ½):
    /// what the signature block and the masthead are laid out by.
    public static func width(_ s: String) -> Double {
        s.unicodeScalars.reduce(0) { $0 + ($1.value < 0x1100 ? 0.5 : 1) }
    }
}

/// Text made safe for XML (the HTML is well-formed XHTML; the .docx parts are XML).
enum XMLText {
    /// Escapes `& < > "`; control and bidi characters are shown as visible text (`\x1B`, `\u{202E}`), as on the
    /// screen — XML 1.0 does not allow most of them, and a bidi override would reorder what the reader sees.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if u != "\r", VisibleText.isUnsafe(u) { out += VisibleText.visible(u); continue }
                if u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Whether a value is a single web address (shown as a link).
    static func isLink(_ s: String) -> Bool {
        (s.hasPrefix("http://") || s.hasPrefix("https://")) && !s.contains(" ") && !s.contains("\n")
    }

    /// A text split into plain runs and code runs (`DocumentText.code`: the drill report's hashes).
    static func spans(_ s: String) -> [(text: String, code: Bool)] {
        guard s.contains(DocumentText.codeMark) else { return [(s, false)] }
        var out: [(text: String, code: Bool)] = []
        var current = ""
        var code = false
        for ch in s {
            if ch == DocumentText.codeMark {
                if !current.isEmpty { out.append((current, code)) }
                current = ""
                code.toggle()
            } else {
                current.append(ch)
            }
        }
        if code { current = String(DocumentText.codeMark) + current }
        if !current.isEmpty { out.append((current, false)) }
        return out
    }
}

/// Text from the store (a case title, a remark, a department's name) written into Markdown as text: a title
/// `<b>x</b> *y* [z](http://…) `w` a|b` must read as typed in every Markdown document and table, not as bold, a
/// link, code or a new column. Characters that start markup are escaped with `\`; a `[` or `]` only where it
/// could make a link (`](`, `][`, `]:`, a `[` starting a line), so the brackets yuqing writes itself (`[E1 按时完成]`)
/// keep their bytes and a drill log's report hash stays what it was.
public enum MarkdownText {
    /// `lineStart`: the text begins a line (a paragraph, a list item), where `#`, `-`, `1.` would start a block;
    /// not after a label or in a table cell. Later lines of the text always begin lines.
    public static func escape(_ s: String, lineStart: Bool = true) -> String {
        guard s.unicodeScalars.contains(where: { special.contains($0) }) || s.contains("\n") || (lineStart && startsBlock(Substring(s)))
        else { return s }
        return s.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { line($0.element, blockStart: lineStart || $0.offset > 0) }.joined(separator: "\n")
    }

    /// A whole web address: kept as it is (a link to it is the text itself; a WeChat `?__biz=…&mid=…` stays one
    /// link) unless it holds what could make markup there.
    public static func inline(_ s: String, lineStart: Bool = true) -> String {
        if XMLText.isLink(s), !s.unicodeScalars.contains(where: { "`*<>[]|\\~".unicodeScalars.contains($0) }) { return s }
        return escape(s, lineStart: lineStart)
    }

    static let special: Set<Unicode.Scalar> = Set("\\`*_<>|~&[]".unicodeScalars)

    /// A line that Markdown would read as a heading, quote, list item, rule or setext underline.
    static func startsBlock(_ line: Substring) -> Bool {
        let t = line.drop(while: { $0 == " " })
        guard let f = t.first else { return false }
        if "#>-+=[".contains(f) { return true }
        let digits = t.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 9, let next = t.dropFirst(digits.count).first, next == "." || next == ")" { return true }
        return false
    }

    static func line(_ l: Substring, blockStart: Bool) -> String {
        var out = ""
        let chars = Array(l)
        let lead = blockStart ? chars.prefix(while: { $0 == " " }).count : 0
        // Four leading spaces would make a code block: kept as no-break spaces.
        out += lead >= 4 ? String(repeating: "\u{00A0}", count: lead) : String(repeating: " ", count: lead)
        var i = lead
        // `___` alone on a line is a rule.
        if blockStart, chars.filter({ $0 == "_" }).count >= 3, chars.allSatisfy({ $0 == "_" || $0 == " " }) {
            return out + "\\" + String(chars[lead...])
        }
        if blockStart, startsBlock(l) {
            let f = chars[lead]
            if f.isASCII && f.isNumber {
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { out.append(chars[i]); i += 1 }
                out += "\\"
            } else if !special.contains(f.unicodeScalars.first ?? " ") {
                out += "\\"
            }
        }
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            switch c {
            case "_":
                // A run of `_` with spaces (or the line's ends) on both sides, or letters on both sides (`a_b`),
                // cannot open or close emphasis: a signature line's blank `________` keeps its bytes.
                var j = i
                while j < chars.count, chars[j] == "_" { j += 1 }
                let before: Character? = i > 0 ? chars[i - 1] : nil
                let after: Character? = j < chars.count ? chars[j] : nil
                func space(_ c: Character?) -> Bool { c.map { $0.isWhitespace } ?? true }
                func word(_ c: Character?) -> Bool { c.map { !$0.isWhitespace && !$0.isPunctuation && !$0.isSymbol } ?? false }
                let inert = (space(before) && space(after)) || (word(before) && word(after))
                out += String(repeating: inert ? "_" : "\\_", count: j - i)
                i = j
                continue
            case "\\", "`", "*", "<", ">", "|", "~", "&": out += "\\"; out.append(c)
            case "[":
                if blockStart && i == lead { out += "\\[" } else { out.append(c) }
            case "]":
                if next == "(" || next == "[" || next == ":" { out += "\\]" } else { out.append(c) }
            default: out.append(c)
            }
            i += 1
        }
        return out
    }
}

/// The voice a document is written in: one language and the directory that names departments. `L("中文", "English")`
/// picks the language's text, so a builder reads like the document it writes.
struct DocumentVoice {
    let lang: Language
    let directory: Directory

    init(_ lang: Language, _ directory: Directory) {
        self.lang = lang
        self.directory = directory
    }

    func callAsFunction(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
    /// `、` between names in Chinese, `, ` in English.
    var separator: String { self("、", ", ") }
    func department(_ code: String) -> String { directory.name(of: code).text(lang) }
    func departmentName(_ code: String) -> Localized { directory.name(of: code) }
    /// The two coordinating offices, who convene, issue and sign.
    var coordinators: [String] { directory.coordinators.map { $0.name.text(lang) } }
}
