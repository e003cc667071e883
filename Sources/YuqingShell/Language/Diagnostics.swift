import YuqingCore

/// Prints errors the way compilers do: `file:line:col: error: message`, the source line, carets under the range
/// (aligned for Chinese double-width characters and tabs), then an optional hint. Messages often quote what the
/// user wrote, so control and bidi characters in them, and in the source line, are shown escaped (`TerminalText`).
enum Diagnostics {
    /// `warning`: labelled as a warning (something was skipped, nothing failed). `width`: the terminal's columns,
    /// when known: the message and the hint are folded there, hanging under their labels (the source line and its
    /// caret never are); without it the text is byte-for-byte what scripts' goldens expect.
    static func render(_ e: ShellError, line sourceLine: String?, language: Language, color: Bool = false,
                       warning: Bool = false, width: Int? = nil) -> String {
        let label = warning ? (language == .zh ? "警告：" : "warning: ") : (language == .zh ? "错误：" : "error: ")
        let hintLabel = language == .zh ? "提示：" : "hint: "
        let red = color ? (warning ? "\u{1B}[1;33m" : "\u{1B}[1;31m") : "", bold = color ? "\u{1B}[1m" : "", cyan = color ? "\u{1B}[36m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        var out = ""
        let message = TerminalText.escape(shorten(e.message.text(language), language))
        if let r = e.range {
            // At the prompt the line was just typed: the caret says where, a file name and line number would not.
            let plain = r.file == interactiveFile ? "" : "\(TerminalText.escape(r.file)):\(r.line):\(r.column): "
            let position = plain.isEmpty ? "" : "\(bold)\(plain.dropLast())\(reset) "
            let folded = fold(message, width, label: DisplayWidth.of(plain + label), hang: hang(plain + label, label, width))
            out += "\(position)\(red)\(label)\(reset)\(folded)\n"
            if let (src, column) = sourceLine.map({ clip($0, column: r.column) }) {
                out += TerminalText.escape(src) + "\n" + caretLine(src, column: column, length: min(r.length, clipWidth), color: color) + "\n"
            }
        } else {
            out += "\(red)\(label)\(reset)\(fold(message, width, label: DisplayWidth.of(label)))\n"
        }
        if let h = e.hint {
            let hint = TerminalText.escape(shorten(h.text(language), language))
            out += "\(cyan)\(hintLabel)\(reset)\(fold(hint, width, label: DisplayWidth.of(hintLabel)))\n"
        }
        return out
    }

    /// A message folded to `width` after a label of `label` columns, further lines indented by `hang` (the label's
    /// width unless given).
    static func fold(_ text: String, _ width: Int?, label: Int, hang: Int? = nil) -> String {
        guard let width else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, part in
            // Bracket groups stay whole: a hint is often a usage line (`[--lang zh|en]`).
            SentenceWrap.lines(String(part), width: width, hang: hang ?? label, first: i == 0 ? label : hang ?? label,
                               groups: true)
                .enumerated().map { j, l in i > 0 && j == 0 ? String(repeating: " ", count: hang ?? label) + l : l }
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Further lines hang under the message (after `file:line:col: 错误：`) when that leaves 40 columns, else
    /// under the label's width.
    static func hang(_ prefix: String, _ label: String, _ width: Int?) -> Int {
        let full = DisplayWidth.of(prefix)
        return (width ?? 0) - full >= 40 ? full : DisplayWidth.of(label)
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
