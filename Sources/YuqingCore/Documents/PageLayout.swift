/// The page of GB/T 9704-2012 (党政机关公文格式), shared by the HTML and .docx writers so both print alike: A4, a type
/// area of 156 × 225 mm (top margin 37 mm, left 28 mm), 22 lines of 28 characters in 3号 (16 pt), the title in 2号
/// (22 pt), the foot (版记) in 4号 (14 pt).
enum PageLayout {
    static let pageWidthMM = 210.0, pageHeightMM = 297.0
    static let topMM = 37.0, bottomMM = 35.0, leftMM = 28.0, rightMM = 26.0
    static let areaWidthMM = 156.0, areaHeightMM = 225.0
    static let lines = 22, chars = 28

    /// A paragraph holding a word too long for a line of 28 characters at 16 pt (a chain head's 64-digit hash, a
    /// long link) is set flush left: justified, the line before the word was stretched across the page
    /// (`事 件 链 ： 打 印 时 共`).
    static func holdsLongWord(_ s: String) -> Bool {
        var run = 0
        for c in s {
            if c.isASCII && !c.isWhitespace {
                run += 1
                if run > 40 { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    static let bodyPt = 16.0, titlePt = 22.0, footPt = 14.0
    /// Tables are set smaller (小四; 五号, 小五 or — from 12 columns, the monthly report's findings and scores — 六号
    /// when wide) so their columns fit the type area.
    static func tablePt(columns: Int) -> Double { columns >= 12 ? 7.5 : columns >= 10 ? 9 : columns >= 8 ? 10.5 : 12 }

    /// 225 mm / 22 lines = 28.99 pt; 579 twips (28.95 pt) so 22 lines fit without spilling over.
    static let lineTwips = 579
    static var linePt: Double { Double(lineTwips) / 20 }
    /// 156 mm / 28 characters = 15.79 pt: 16 pt characters condensed by ¼ pt (315 twips a character).
    static let condenseTwips = 5
    static var charTwips: Int { Int(bodyPt * 20) - condenseTwips }

    /// The masthead's size: large, and narrower than the type area however long the issuing office's name.
    static func mastheadPt(_ issuers: [String]) -> Double {
        let areaPt = areaWidthMM / 25.4 * 72
        return min(36, (areaPt * 0.9 / max(mastheadWidth(issuers), 1)).rounded(.down))
    }

    /// The widest issuer in characters (Latin letters of a bold display face run wider than half a character).
    static func mastheadWidth(_ issuers: [String]) -> Double {
        issuers.map { $0.unicodeScalars.reduce(0.0) { $0 + ($1.value < 0x1100 ? 0.62 : 1) } }.max() ?? 1
    }

    /// Joint Chinese offices are spread to the same width (联合行文); Latin names are centred as they are.
    static func spreadsMasthead(_ issuers: [String]) -> Bool {
        issuers.count > 1 && issuers.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value >= 0x1100 } }
    }

    static func twips(mm: Double) -> Int { Int((mm / 25.4 * 1440).rounded()) }

    /// The signature block without a seal (GB/T 9704 7.3.5.2): the names two characters from the right, the date's
    /// first character two to the right of the names' first; a date longer than that keeps two characters to the
    /// right and the names move left. Returns the indents from the left, in characters.
    static func signatureIndents(names: [String], date: String?) -> (names: Double, date: Double) {
        let n = names.map(DocumentText.width).max() ?? 0
        let d = date.map(DocumentText.width) ?? 0
        let total = Double(chars)
        var nameStart = total - 2 - n
        if date != nil, nameStart + 2 + d > total - 2 { nameStart = total - 4 - d }
        return (max(0, nameStart), max(0, nameStart + 2))
    }
}

extension PageLayout {
    /// The title in lines that fit the type area at 2号 (20 characters), balanced, and broken after a comma or
    /// pause mark when one lies near the middle (GB/T 9704 7.3.1: lines of balanced length that keep words whole).
    static func titleLines(_ title: String) -> [String] {
        let capacity = (areaWidthMM / 25.4 * 72 / titlePt).rounded(.down)
        let chars = Array(title)
        let widths = chars.map { DocumentText.width(String($0)) }
        let total = widths.reduce(0, +)
        guard total > capacity else { return [title] }
        let lines = (total / capacity).rounded(.up)
        let target = total / lines
        func isWordChar(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        var best: (index: Int, score: Double)?
        var before = 0.0
        for i in 1..<chars.count {
            before += widths[i - 1]
            guard before <= capacity else { break }
            if isWordChar(chars[i - 1]) && isWordChar(chars[i]) { continue }
            // A closing mark or a pause ends a line well; an opening mark starts one.
            if "”）》，、：；".contains(chars[i]) { continue }
            var score = abs(before - target) / target
            if "，、：；:".contains(chars[i - 1]) || "“（《".contains(chars[i]) { score -= 0.5 }
            if chars[i - 1] == " " { score -= 0.2 }
            if score < (best?.score ?? .infinity) { best = (i, score) }
        }
        guard let cut = best?.index else { return [title] }
        return [String(chars[..<cut])] + titleLines(String(chars[cut...]))
    }
}

extension PageLayout {
    /// The share of the type area's width each column of a table gets, the way a browser lays out an automatic
    /// table: every column at least as wide as its longest unbreakable run (a number, a time, a code: never cut),
    /// the rest shared in proportion to how much more each column's longest cell would take. Used by HTML and .docx
    /// alike, so both print the same columns.
    static func columnFractions(_ t: DocumentTable) -> [Double] {
        let n = t.headers.count
        guard n > 0 else { return [] }
        let available = areaWidthMM / 25.4 * 72 / tablePt(columns: n)
        let padding = 1.0
        func minimums(timeWithDate: Bool) -> [Double] {
            var minW = [Double](repeating: 1, count: n)
            for (r, row) in ([t.headers] + t.rows).enumerated() {
                for (i, cell) in row.prefix(n).enumerated() {
                    minW[i] = max(minW[i], longestRun(cell, header: r == 0, timeWithDate: timeWithDate))
                }
            }
            return minW.map { $0 + padding }
        }
        var maxW = [Double](repeating: 1, count: n)
        for row in [t.headers] + t.rows {
            for (i, cell) in row.prefix(n).enumerated() { maxW[i] = max(maxW[i], min(DocumentText.width(cell), 30)) }
        }
        // A date and its time on one line when the columns allow; else the time goes under its date, never cut.
        var minW = minimums(timeWithDate: true)
        if minW.reduce(0, +) > available { minW = minimums(timeWithDate: false) }
        maxW = zip(maxW, minW).map { max($0 + padding, $1) }
        let sumMin = minW.reduce(0, +), sumMax = maxW.reduce(0, +)
        let widths: [Double]
        if sumMax <= available {
            widths = maxW
        } else if sumMin < available {
            let share = (available - sumMin) / (sumMax - sumMin)
            widths = zip(minW, maxW).map { $0 + ($1 - $0) * share }
        } else {
            widths = minW
        }
        let total = widths.reduce(0, +)
        return widths.map { $0 / total }
    }

    /// The widest part of a cell that should stay on one line: a run of Latin letters, digits and their
    /// punctuation, a date with its time (at most 12 characters wide, so a web address may still break; Latin glyphs of Chinese faces run
    /// wider than half a character), up to 4 Chinese characters (a short word, not one character a line); in a
    /// header, a word between spaces or slashes.
    static func longestRun(_ s: String, header: Bool, timeWithDate: Bool = true) -> Double {
        var best = 0.0, run = 0.0, cjk = 0.0
        let chars = Array(s)
        for (i, ch) in chars.enumerated() {
            // A date and its time (`2020-01-03 18:30`) stay together.
            if !header, timeWithDate, ch == " ", i > 0, i + 1 < chars.count, chars[i - 1].isASCII, chars[i - 1].isNumber,
               chars[i + 1].isASCII, chars[i + 1].isNumber {
                run += 0.5 * 1.15
                continue
            }
            let w = DocumentText.width(String(ch))
            if header {
                if ch == " " || ch == "/" {
                    best = max(best, run + (ch == "/" ? 0.5 : 0))
                    run = 0
                } else {
                    run += w < 1 ? w * 1.15 : w
                }
            } else if w >= 1 {
                best = max(best, run)
                run = 0
                cjk += w
            } else if ch == " " {
                best = max(best, run)
                run = 0
            } else {
                run += w * 1.15
            }
        }
        return min(max(best, run, min(cjk, 4)), 12)
    }
}
