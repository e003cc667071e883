import YuqingCore

/// Prints errors the way compilers do: `file:line:col: error: message`, the source line, carets under the range
/// (aligned for Chinese double-width characters and tabs), then an optional hint. Messages often quote what the
/// user wrote, so control and bidi characters in them, and in the source line, are shown escaped (`TerminalText`).
enum Diagnostics {
    /// `warning`: labelled as a warning (something was skipped, nothing failed).
    static func render(_ e: ShellError, line sourceLine: String?, language: Language, color: Bool = false,
                       warning: Bool = false) -> String {
        let label = warning ? (language == .zh ? "警告：" : "warning: ") : (language == .zh ? "错误：" : "error: ")
        let hintLabel = language == .zh ? "提示：" : "hint: "
        let red = color ? (warning ? "\u{1B}[1;33m" : "\u{1B}[1;31m") : "", bold = color ? "\u{1B}[1m" : "", cyan = color ? "\u{1B}[36m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        var out = ""
        let message = TerminalText.escape(shorten(e.message.text(language), language))
        if let r = e.range {
            // At the prompt the line was just typed: the caret says where, a file name and line number would not.
            let position = r.file == interactiveFile ? "" : "\(bold)\(TerminalText.escape(r.file)):\(r.line):\(r.column):\(reset) "
            out += "\(position)\(red)\(label)\(reset)\(message)\n"
            if let (src, column) = sourceLine.map({ clip($0, column: r.column) }) {
                out += TerminalText.escape(src) + "\n" + caretLine(src, column: column, length: min(r.length, clipWidth), color: color) + "\n"
            }
        } else {
            out += "\(red)\(label)\(reset)\(message)\n"
        }
        if let h = e.hint { out += "\(cyan)\(hintLabel)\(reset)\(TerminalText.escape(shorten(h.text(language), language)))\n" }
        return out
    }

    /// The source name of lines typed at the interactive prompt.
    static let interactiveFile = "<prompt>"

    /// Messages quote what was typed; a quoted megabyte is cut in the middle to this many characters.
    static let messageWidth = 400

    static func shorten(_ s: String, _ language: Language) -> String {
        guard s.utf8.count > messageWidth else { return s }
        let count = s.count
        guard count > messageWidth else { return s }
        let cut = count - messageWidth
        let head = messageWidth * 2 / 3
        let gap = language == .zh ? "…（省略 \(cut) 个字符）…" : "…(\(cut) characters left out)…"
        let headEnd = s.index(s.startIndex, offsetBy: head)
        let tailStart = s.index(headEnd, offsetBy: cut)
        return String(s[..<headEnd]) + gap + String(s[tailStart...])
    }

    /// Source lines longer than this are shown as a window around the caret.
    static let clipWidth = 160

    /// A long line (a pasted megabyte) is cut to `clipWidth` characters around `column`, with `…` where cut; returns
    /// the shown text and the column in it.
    static func clip(_ src: String, column: Int) -> (String, Int) {
        guard src.utf8.count > clipWidth else { return (src, column) }
        let count = src.count
        guard count > clipWidth else { return (src, column) }
        let start = max(0, min(column - 1 - clipWidth / 4, count - clipWidth))
        let end = min(count, start + clipWidth)
        let from = src.index(src.startIndex, offsetBy: start)
        let to = src.index(from, offsetBy: end - start)
        let head = start > 0 ? "…" : ""
        let tail = end < count ? "…" : ""
        return (head + String(src[from..<to]) + tail, column - start + head.count)
    }

    /// Spaces (tabs kept as tabs) up to the column, then one caret per terminal column of the range (a control
    /// character takes the width of its escaped form, as the source line is printed escaped).
    static func caretLine(_ src: String, column: Int, length: Int, color: Bool = false) -> String {
        let chars = Array(src)
        func width(_ c: Character) -> Int {
            c.unicodeScalars.contains(where: TerminalText.isUnsafe) ? TerminalText.escape(String(c)).count : DisplayWidth.of(c)
        }
        var lead = ""
        for c in chars.prefix(max(0, column - 1)) {
            lead += c == "\t" ? "\t" : String(repeating: " ", count: width(c))
        }
        if column - 1 > chars.count { lead += String(repeating: " ", count: column - 1 - chars.count) }
        let start = min(max(0, column - 1), chars.count)
        let end = min(chars.count, start + max(1, length))
        let w = max(1, chars[start..<end].reduce(0) { $0 + max(1, width($1)) })
        let carets = String(repeating: "^", count: w)
        return lead + (color ? "\u{1B}[1;32m\(carets)\u{1B}[0m" : carets)
    }
}
