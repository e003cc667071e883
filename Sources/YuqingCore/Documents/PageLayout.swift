/// The page of GB/T 9704-2012 (党政机关公文格式), shared by the HTML and .docx writers so both print alike: A4, a type
/// area of 156 × 225 mm (top margin 37 mm, left 28 mm), 22 lines of 28 characters in 3号 (16 pt), the title in 2号
/// (22 pt), the foot (版记) in 4号 (14 pt).
enum PageLayout {
    static let pageWidthMM = 210.0, pageHeightMM = 297.0
    static let topMM = 37.0, bottomMM = 35.0, leftMM = 28.0, rightMM = 26.0
    static let areaWidthMM = 156.0, areaHeightMM = 225.0
    static let lines = 22, chars = 28

    static let bodyPt = 16.0, titlePt = 22.0, footPt = 14.0
    /// Tables are set smaller (小四, 五号 when wide) so their columns fit the type area.
    static func tablePt(columns: Int) -> Double { columns >= 8 ? 10.5 : 12 }

    /// 225 mm / 22 lines = 28.99 pt; 579 twips (28.95 pt) so 22 lines fit without spilling over.
    static let lineTwips = 579
    static var linePt: Double { Double(lineTwips) / 20 }
    /// 156 mm / 28 characters = 15.79 pt: 16 pt characters condensed by ¼ pt (315 twips a character).
    static let condenseTwips = 5
    static var charTwips: Int { Int(bodyPt * 20) - condenseTwips }

    /// The masthead's size: large, and narrower than the type area however long the issuing office's name.
    static func mastheadPt(_ issuers: [String]) -> Double {
        let widest = issuers.map(DocumentText.width).max() ?? 1
        let areaPt = areaWidthMM / 25.4 * 72
        return min(36, (areaPt * 0.9 / max(widest, 1)).rounded(.down))
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
