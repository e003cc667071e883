/// Characters that must never reach a terminal raw, and how they are shown instead.
///
/// A title is stored exactly as collected, but printed as is it could clear the screen or retitle the window (ESC
/// sequences), ring the bell, overwrite a line (bare CR, backspace), or reorder what the reader sees (the bidi
/// controls of "Trojan Source", CVE-2021-42574). So every renderer escapes: C0 controls except TAB and LF, DEL,
/// C1 (U+0080–U+009F), and U+202A–U+202E, U+2066–U+2069 become visible text (`\x1B`, `\u{202E}`).
enum TerminalText {
    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// How an unsafe character is shown.
    static func visible(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        return u.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex + "}"
    }

    /// `s` with every unsafe character shown escaped (unchanged, without copying, when there is none).
    static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isUnsafe) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isUnsafe(u) { out.append(contentsOf: visible(u).unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }

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
