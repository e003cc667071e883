/// Terminal columns a text takes: East Asian wide and fullwidth characters (Chinese) take two, combining marks
/// none. Computed from Unicode ranges rather than `wcwidth`, which depends on the process locale.
enum DisplayWidth {
    static func of(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        let v = first.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x1100 { return first.properties.generalCategory == .nonspacingMark ? 0 : 1 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE10...0xFE19).contains(v)
            || (0xFE30...0xFE6F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Printable ASCII, the common case of a table cell (codes, numbers, times), is one column a byte; anything else
    /// is measured character by character.
    static func of(_ s: some StringProtocol) -> Int {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
        return s.reduce(0) { $0 + of($1) }
    }

    /// The longest prefix that fits in `width` columns, with `…` when cut.
    static func truncate(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = ""
        var w = 0
        for c in s {
            let cw = of(c)
            if w + cw > width - 1 { break }
            out.append(c)
            w += cw
        }
        return out + "…"
    }

    static func pad(_ s: String, to width: Int, align: Alignment) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(s)))
        return align == .right ? fill + s : s + fill
    }

    /// Lines of at most `width` columns (a table cell): Chinese breaks between any two characters, but a line does
    /// not start with closing punctuation; other text breaks at its last space (`SentenceWrap`).
    /// A cell of phrases (`已超期 2 天 23 小时`, `#262 #263`) breaks only at its spaces when every phrase fits, so
    /// `小时` is not cut in two and a number stays with its unit.
    static func wrap(_ s: String, to width: Int) -> [String] {
        guard width > 1, of(s) > width else { return [s] }
        // A number stays with its unit (`2 天`, `10 h`).
        var phrases: [String] = []
        for word in s.split(separator: " ") {
            if let last = phrases.last, last.allSatisfy({ $0.isASCII && $0.isNumber }) {
                phrases[phrases.count - 1] = last + " " + word
            } else {
                phrases.append(String(word))
            }
        }
        // Phrases, not Chinese prose: no phrase holds more than three Chinese characters in a row (`批准延期 X1（3
        // 个工作日）` wraps as Chinese).
        func longestRun(_ p: String) -> Int {
            var run = 0, most = 0
            for c in p {
                run = of(c) == 2 ? run + 1 : 0
                most = max(most, run)
            }
            return most
        }
        if phrases.count > 1, phrases.allSatisfy({ of($0) <= width && longestRun($0) <= 3 }) {
            var out: [String] = []
            var line = ""
            for p in phrases {
                if line.isEmpty { line = p } else if of(line) + 1 + of(p) <= width { line += " " + p } else {
                    out.append(line)
                    line = p
                }
            }
            out.append(line)
            return out
        }
        return SentenceWrap.lines(s, width: width, strict: true)
    }
}
