import YuqingCore

/// Prints errors the way compilers do: `file:line:col: error: message`, the source line, carets under the range
/// (aligned for Chinese double-width characters and tabs), then an optional hint.
enum Diagnostics {
    static func render(_ e: ShellError, line sourceLine: String?, language: Language, color: Bool = false) -> String {
        let label = language == .zh ? "错误：" : "error: "
        let hintLabel = language == .zh ? "提示：" : "hint: "
        let red = color ? "\u{1B}[1;31m" : "", bold = color ? "\u{1B}[1m" : "", cyan = color ? "\u{1B}[36m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        var out = ""
        if let r = e.range {
            out += "\(bold)\(r.file):\(r.line):\(r.column):\(reset) \(red)\(label)\(reset)\(e.message.text(language))\n"
            if let src = sourceLine {
                out += src + "\n" + caretLine(src, column: r.column, length: r.length, color: color) + "\n"
            }
        } else {
            out += "\(red)\(label)\(reset)\(e.message.text(language))\n"
        }
        if let h = e.hint { out += "\(cyan)\(hintLabel)\(reset)\(h.text(language))\n" }
        return out
    }

    /// Spaces (tabs kept as tabs) up to the column, then one caret per terminal column of the range.
    static func caretLine(_ src: String, column: Int, length: Int, color: Bool = false) -> String {
        let chars = Array(src)
        var lead = ""
        for c in chars.prefix(max(0, column - 1)) {
            lead += c == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of(c))
        }
        if column - 1 > chars.count { lead += String(repeating: " ", count: column - 1 - chars.count) }
        let start = min(max(0, column - 1), chars.count)
        let end = min(chars.count, start + max(1, length))
        let w = max(1, chars[start..<end].reduce(0) { $0 + max(1, DisplayWidth.of($1)) })
        let carets = String(repeating: "^", count: w)
        return lead + (color ? "\u{1B}[1;32m\(carets)\u{1B}[0m" : carets)
    }
}
