/// Sentences, error messages and hints folded to the terminal's width, so a projector at 80–110 columns does not cut
/// a word or a `command` in two. Only on a terminal whose width is known: pipes, files and scripts get the text
/// unchanged (their goldens are byte-identical).
///
/// Chinese breaks between any two characters, but a line never starts with closing punctuation (，。、；：）」…)
/// nor ends with opening punctuation (（「“…); other text breaks at spaces; a `backticked command` (or, in a usage
/// line, a `[--flag VALUE]` group) stays whole when it fits on a line of its own. Continuation lines hang under
/// the label (`错误：`, `hint: `, the verb column of `help`).
enum SentenceWrap {
    /// A chat line (`[10:00 市公安局 李娜] 已到现场…`: a live line, a meeting's transcript, a drill's inject) folded
    /// to `width`, its continuation lines hanging under what was said rather than under its time; nil width leaves it
    /// as it is. The terminal's own wrap cut words and `commands` in two (`… J` / `oin with …`).
    ///
    /// The label it hangs under: a leading `[…] ` or `【…】` (a live line's kind: `[meeting] `, `【会商】`), then the
    /// chat's own `[09:42 市公安局 李娜] ` when one follows it — a mention (`【@提及】[09:42 市公安局 李娜] …`) hangs
    /// under what was said like any remark. Measured in display columns (CJK is 2 wide). A `【@提及】` line did not hang
    /// at all: it does not start with `[`.
    static func chatLine(_ line: String, width: Int?) -> String {
        guard let width, !line.contains("\n") else { return line }
        var hang = DisplayWidth.of(line[..<labelEnd(line)])
        if width - hang < 20 { hang = 2 }
        return lines(line, width: width, hang: hang, first: 0).joined(separator: "\n")
    }

    /// Where a chat line's label ends (its start when it has none): `[…] ` or `【…】`, and a `[…] ` right after it.
    static func labelEnd(_ line: String) -> String.Index {
        func label(from i: String.Index) -> String.Index? {
            let rest = line[i...]
            if rest.hasPrefix("["), let r = rest.range(of: "] ") { return r.upperBound }
            if rest.hasPrefix("【"), let r = rest.range(of: "】") { return r.upperBound }
            return nil
        }
        guard let first = label(from: line.startIndex) else { return line.startIndex }
        // Only a bracket (a chat's time and speaker) extends it: `[meeting] Open Government Office …` hangs at 10.
        if line[first...].hasPrefix("["), let second = label(from: first) { return second }
        return first
    }

    /// Lines of `text` (one paragraph, no newlines) that fit `width` columns when the first line already holds
    /// `hang` columns (its label) and each further line is indented by `hang` spaces (included in the result).
    /// `groups`: brackets that keep their content together like backticks (usage lines). `first`: the columns
    /// the first line's label takes when it differs from the indent (a long `file:line:col: error: ` prefix).
    /// `strict`: every line fits, however narrow (a table cell); otherwise a label leaving under 12 columns means no
    /// folding at all, which reads better than one character a line.
    static func lines(_ text: String, width: Int, hang: Int = 0, first: Int? = nil, groups: Bool = false,
                      strict: Bool = false) -> [String] {
        guard strict || (width - hang >= 12 && width - (first ?? hang) >= 12), width - hang >= 1, width - (first ?? hang) >= 1,
              DisplayWidth.of(text) > width - (first ?? hang) else {
            return [text]
        }
        var room = width - (first ?? hang)
        var out: [String] = []
        var line = ""
        var lineWidth = 0
        func flush() {
            out.append(line)
            room = width - hang
            line = ""
            lineWidth = 0
        }
        func place(_ a: Atom) {
            let sep = a.spaced && !line.isEmpty ? 1 : 0
            if lineWidth + sep + a.width <= room {
                if sep == 1 { line += " " }
                line += a.text
                lineWidth += sep + a.width
                return
            }
            if !line.isEmpty { flush() }
            if a.width <= room {
                line = a.text
                lineWidth = a.width
                return
            }
            // Longer than a whole line: in a table cell, an aside with Chinese in it breaks as Chinese does
            // (`（3 个工作日）` in a narrow column is not left as `（3` on a line of its own).
            if strict, a.text.contains(where: { DisplayWidth.of($0) == 2 }) {
                let parts = atoms(a.text, groups: false, asides: false)
                if parts.count > 1 {
                    for (i, p) in parts.enumerated() { place(i == 0 ? Atom(text: p.text, spaced: a.spaced) : p) }
                    return
                }
            }
            // Otherwise a group breaks at its spaces, a word where the line ends.
            let parts = a.text.split(separator: " ", omittingEmptySubsequences: false)
            if parts.count > 1 {
                for (i, p) in parts.enumerated() { place(Atom(text: String(p), spaced: i > 0)) }
                return
            }
            for c in a.text {
                let cw = DisplayWidth.of(c)
                if lineWidth + cw > room { flush() }
                line.append(c)
                lineWidth += cw
            }
        }
        for a in atoms(text, groups: groups) { place(a) }
        if !line.isEmpty { flush() }
        let indent = String(repeating: " ", count: hang)
        return out.enumerated().map { i, l in i == 0 ? l : indent + l }
    }

    /// `text` with every line folded (leading spaces of a line become its hanging indent); unchanged without a
    /// width.
    static func text(_ text: String, width: Int?, hang: Int = 0) -> String {
        guard let width, DisplayWidth.of(text) > width - hang || text.contains("\n") else { return text }
        var first = true
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { raw -> String in
            let lead = raw.prefix(while: { $0 == " " }).count
            let label = first ? hang : 0
            first = false
            return String(repeating: " ", count: lead)
                + lines(String(raw.dropFirst(lead)), width: width, hang: label + lead).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// A piece that is never broken (when it fits), and whether a space stood before it.
    struct Atom {
        var text: String
        var spaced: Bool
        var width: Int { DisplayWidth.of(text) }
    }

    static let closing: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "”", "’", "》", "〉", "】",
                                          "…", "·", ",", ".", ";", ":", "?", "!", ")", "]", "%", "％"]
    static let opening: Set<Character> = ["（", "「", "『", "“", "‘", "《", "〈", "【", "(", "["]

    static let pairs: [Character: Character] = ["（": "）", "(": ")", "「": "」", "“": "”", "《": "》"]

    /// True when the aside opened at `from` closes within `shortAside` columns, with nothing nested.
    static func shortGroup(_ chars: [Character], from: Int, closer: Character) -> Bool {
        var w = 0
        var i = from + 1
        while i < chars.count {
            let c = chars[i]
            if c == closer { return true }
            if c == chars[from] || c == "`" { return false }
            w += DisplayWidth.of(c)
            if w > shortAside { return false }
            i += 1
        }
        return false
    }

    /// The widest aside kept on one line.
    static let shortAside = 24

    /// `asides`: a short bracketed aside stays one atom (see `shortGroup`).
    static func atoms(_ text: String, groups: Bool, asides: Bool = true) -> [Atom] {
        var out: [Atom] = []
        var current = ""
        var spaced = false
        var pendingSpace = false
        /// Inside a backticked span or a bracket group (the closing character awaited, and the depth of brackets).
        var closer: Character?
        var depth = 0
        func end() {
            guard !current.isEmpty else { return }
            out.append(Atom(text: current, spaced: spaced))
            current = ""
            spaced = false
        }
        func startNew() {
            end()
            spaced = pendingSpace
            pendingSpace = false
        }
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            if let close = closer {
                current.append(c)
                if c == "[" && close == "]" { depth += 1 }
                if c == close {
                    depth -= 1
                    if depth == 0 { closer = nil }
                }
                continue
            }
            if c == " " {
                end()
                pendingSpace = true
                continue
            }
            let wide = DisplayWidth.of(c) == 2
            let last = current.last
            let afterOpening = last.map { opening.contains($0) } ?? false
            if pendingSpace || current.isEmpty {
                startNew()
            } else if closing.contains(c) {
                // Glued to what it closes.
            } else if afterOpening {
                // Glued to what it opens.
            } else if wide || (last.map { DisplayWidth.of($0) == 2 } ?? false) || c == "`" {
                // Chinese breaks between characters, and between Chinese and other text.
                startNew()
            }
            current.append(c)
            if c == "`" {
                closer = "`"
                depth = 1
            } else if groups && c == "[" {
                closer = "]"
                depth = 1
            } else if asides, let close = SentenceWrap.pairs[c], shortGroup(chars, from: i, closer: close) {
                // A short aside stays whole: `（1 小时，第六条）` does not end a line with `第六`.
                closer = close
                depth = 1
            }
        }
        end()
        return glued(out)
    }

    /// Units a number stays with (`7 天`, `2 小时`, `5 个工作日`), longest first.
    static let units = ["个工作日", "工作日", "小时", "分钟", "天", "项", "次", "条", "个", "行", "h", "min", "days", "day"]

    /// A date stays with its time (`01-06 24:00`, `2020-01-06 09:30`) and a number with its unit: a fold between
    /// them read `核实调查报告应于 01-06` / `24:00 前` and `后 7` / `天` at 80 columns.
    static func glued(_ atoms: [Atom]) -> [Atom] {
        var out: [Atom] = []
        var i = 0
        while i < atoms.count {
            var a = atoms[i]
            i += 1
            guard i < atoms.count, atoms[i].spaced else { out.append(a); continue }
            if endsWithDate(a.text), startsWithTime(atoms[i].text) {
                a.text += " " + atoms[i].text
                i += 1
            } else if isNumber(a.text) {
                // The unit may span several atoms (Chinese is split between characters): join until it is whole.
                var unit = ""
                var j = i
                var longest: (text: String, end: Int)?
                while j < atoms.count, j == i || !atoms[j].spaced, unit.count < 4 {
                    unit += atoms[j].text
                    j += 1
                    // `天，`: punctuation glued to the unit comes along.
                    if units.contains(String(unit.reversed().drop(while: { closing.contains($0) }).reversed())) { longest = (unit, j) }
                }
                if let longest {
                    a.text += " " + longest.text
                    i = longest.end
                }
            }
            out.append(a)
        }
        return out
    }

    static func isNumber(_ s: String) -> Bool {
        guard let f = s.first, f.isASCII, f.isNumber || f == "+" || f == "-" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "," || $0 == "." || $0 == "+" || $0 == "-") }
    }

    /// `…01-06`, `…2020-01-06` (an opening bracket before it is fine).
    static func endsWithDate(_ s: String) -> Bool {
        let t = Array(s.suffix(5))
        return t.count == 5 && t[0].isASCII && t[0].isNumber && t[1].isNumber && t[2] == "-" && t[3].isASCII
            && t[3].isNumber && t[4].isNumber
    }

    /// `24:00…`, `9:30…`.
    static func startsWithTime(_ s: String) -> Bool {
        let t = Array(s.prefix(5))
        guard let colon = t.firstIndex(of: ":"), colon == 1 || colon == 2, t.count >= colon + 3 else { return false }
        return t[..<colon].allSatisfy { $0.isASCII && $0.isNumber } && t[colon + 1].isASCII && t[colon + 1].isNumber
            && t[colon + 2].isASCII && t[colon + 2].isNumber
    }
}
