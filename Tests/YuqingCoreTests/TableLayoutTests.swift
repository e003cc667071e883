import Testing
@testable import YuqingCore

/// The monthly report's findings table has 12 columns. Rendered from the .docx by LibreOffice an outside check saw
/// deadlines cut inside the time (`2020-01-07 11:` / `30`) and department names one character a line: the columns'
/// minimum widths (set at 小五) added up to more than the type area, so every column was scaled below its minimum.
/// Now such a table is set in 六号 and a time may go under its date: every column gets at least its minimum.
struct TableLayoutTests {
    static let findings = DocumentTable(
        headers: ["序号", "问题", "问责线索", "案件", "时限", "条款", "责任部门", "责任人", "应完成", "实际完成", "逾期", "证据事件"],
        rows: [["1", "逾期完成", "是", "C5", "报送市领导", "第八条第三款", "政务公开办、网宣办", "王敏、陈晓；何静、吴芳",
                "2020-01-07 11:30", "2020-01-07 12:30", "1 小时", "#570 #571"],
               ["3", "超期未完成", "是", "C8", "领导批示办理 L2", "第八条第四款", "市应急办", "钱卫东、赵强",
                "2020-01-21 18:00", "未完成", "12 天 15 小时", "#1439"]])

    @Test func noColumnIsNarrowerThanItsLongestUnbreakableRun() {
        let t = Self.findings
        let n = t.headers.count
        let available = PageLayout.areaWidthMM / 25.4 * 72 / PageLayout.tablePt(columns: n)
        let widths = PageLayout.columnFractions(t).map { $0 * available }
        for i in 0..<n {
            let cells = [t.headers[i]] + t.rows.map { $0[i] }
            let need = cells.enumerated().map { r, c in PageLayout.longestRun(c, header: r == 0, timeWithDate: false) }.max() ?? 0
            #expect(widths[i] >= need + 0.99, "column \(t.headers[i]): \(widths[i]) em for \(need) em")
        }
        // A date and its time stay together when the table is narrow enough to allow it.
        let narrow = DocumentTable(headers: ["案件", "应完成"], rows: [["C1", "2020-01-07 11:30"]])
        let f = PageLayout.columnFractions(narrow)
        let room = PageLayout.areaWidthMM / 25.4 * 72 / PageLayout.tablePt(columns: 2)
        #expect(f[1] * room >= PageLayout.longestRun("2020-01-07 11:30", header: false))
    }
}
