import Testing
@testable import YuqingCore
@testable import YuqingShell

/// Lateness is read to the minute: the monthly report as of now printed an open limit as late by
/// `2504 天 21 小时 49 分钟 18 秒`.
struct LatenessTextTests {
    @Test(arguments: [(Int64(216_424_158), "2504 天 21 小时 49 分钟", "2504 days 21 h 49 min"),
                      (Int64(30), "30 秒", "30 s"), (Int64(5_430), "1 小时 30 分钟", "1 h 30 min")])
    func toTheMinute(_ seconds: Int64, _ zh: String, _ en: String) {
        let t = FindingsView.latenessText(Span(seconds: seconds))
        #expect(t.zh == zh && t.en == en, "\(t)")
    }
}
