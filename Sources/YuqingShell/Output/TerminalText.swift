import YuqingCore

/// Characters that must never reach a terminal raw, and how they are shown instead: the rule is `VisibleText`'s
/// (shared with the document writers); the terminal adds the guard that keeps yuqing's own colour sequences.
enum TerminalText {
    static func isUnsafe(_ u: Unicode.Scalar) -> Bool { VisibleText.isUnsafe(u) }

    /// How an unsafe character is shown.
    static func visible(_ u: Unicode.Scalar) -> String { VisibleText.visible(u) }

    /// `s` with every unsafe character shown escaped (unchanged, without copying, when there is none).
    static func escape(_ s: String) -> String { VisibleText.escape(s) }

    /// Like `escape`, but keeps the colour sequences yuqing writes itself (`ESC [ digits;… m`). The last guard of
    /// what goes to a terminal, for text that did not pass through a renderer; renderers escape user text before
    /// they colour it, so a colour sequence left here is always yuqing's own.
    static func escapeKeepingColors(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isUnsafe) else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if u == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                var j = i + 2
                while j < scalars.count, (scalars[j] >= "0" && scalars[j] <= "9") || scalars[j] == ";" { j += 1 }
                if j < scalars.count, scalars[j] == "m" {
                    out.append(contentsOf: scalars[i...j])
                    i = j + 1
                    continue
                }
            }
            if isUnsafe(u) { out.append(contentsOf: visible(u).unicodeScalars) } else { out.append(u) }
            i += 1
        }
        return String(out)
    }

    /// A CSV cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, and cells starting with `+`,
    /// `-`, TAB or CR) gets a leading `'`, as OWASP recommends; Excel and WPS then show it as text.
    static func neutralizedCSVCell(_ s: String) -> String {
        guard let f = s.unicodeScalars.first else { return s }
        switch f {
        case "=", "+", "-", "@", "\t", "\r": return "'" + s
        default: return s
        }
    }
}
