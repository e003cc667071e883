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

    /// A text split into plain runs and `code` runs (the drill report writes hashes as `…`).
    static func spans(_ s: String) -> [(text: String, code: Bool)] {
        guard s.contains("`") else { return [(s, false)] }
        var out: [(text: String, code: Bool)] = []
        var current = ""
        var code = false
        for ch in s {
            if ch == "`" {
                if !current.isEmpty { out.append((current, code)) }
                current = ""
                code.toggle()
            } else {
                current.append(ch)
            }
        }
        if code { current = "`" + current }
        if !current.isEmpty { out.append((current, false)) }
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
