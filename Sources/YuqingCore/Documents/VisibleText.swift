/// Characters that must never be shown raw — on a terminal or in a document — and how they are shown instead.
///
/// A title is stored exactly as collected, but printed as is it could clear the screen or retitle the window (ESC
/// sequences), ring the bell, overwrite a line (bare CR, backspace), or reorder what the reader sees (the bidi
/// controls of "Trojan Source", CVE-2021-42574) — in a terminal, and in a Markdown or HTML document opened later.
/// So they become visible text: C0 controls except TAB and LF, DEL, C1 (U+0080–U+009F), and U+202A–U+202E,
/// U+2066–U+2069 (`\x1B`, `\u{202E}`). The shell's `TerminalText` and the document writers share this one rule.
public enum VisibleText {
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// How an unsafe character is shown.
    public static func visible(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        return u.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex + "}"
    }

    /// `s` with every unsafe character shown escaped (unchanged, without copying, when there is none).
    public static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isUnsafe) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isUnsafe(u) { out.append(contentsOf: visible(u).unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }
}
