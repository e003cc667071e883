import Foundation
import Testing
import YuqingCore
@testable import YuqingShell

/// A post's link is printed in documents (an HTML `href`), listings and exports, and clicked by coordinators:
/// `collect --url javascript:alert(1)` was stored as typed, and so were `data:`, `file:`, `vbscript:` links and
/// links with spaces or control characters. Only web addresses (http, https) are accepted now, refused with a
/// bilingual error at the option; `collect import` and `respond --url` take the same rule, a row with such a link
/// reported with its line and nothing stored.
@Suite struct LinkSchemeTests {
    static let refused: [(String, String)] = [
        ("javascript:alert(1)", "is not a web address (a javascript: link)"),
        ("JavaScript:alert(document.cookie)", "is not a web address (a JavaScript: link)"),
        ("data:text/html;base64,PHNjcmlwdD4=", "is not a web address (a data: link)"),
        ("file:///etc/passwd", "is not a web address (a file: link)"),
        ("vbscript:msgbox(1)", "is not a web address (a vbscript: link)"),
        ("ftp://example.com/x", "is not a web address (a ftp: link)"),
        ("weibo.com/123", "only links beginning with http:// or https:// are accepted"),
        ("https://", "names no host"),
        ("https://weibo.com/1 2", "space or control character (U+0020) at character 20"),
        ("https://weibo.com/1\u{7}", "space or control character (U+0007) at character 20"),
        ("https://weibo.com/\u{202E}1", "space or control character (U+202E) at character 19"),
        ("https://weibo.com/\t1", "space or control character (U+0009) at character 19"),
    ]

    @Test(arguments: refused)
    func collectRefusesALinkThatIsNotAWebAddress(_ url: String, _ why: String) {
        let sh = TestShell()
        let quoted = "\"" + url.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        let r = sh.run("collect \"网传某小区自来水发黄\" --url \(quoted) --source weibo")
        #expect(r.failures == 1)
        #expect(r.err.contains(why), "\(r.err)")
        // At the option's value: line 1, the column where the link starts.
        #expect(r.err.contains(":1:28:"), "\(r.err)")
        #expect(sh.eventCount == 0 || sh.caseFile(1) == nil)
        #expect(PostURL.problem(url)?.zh.contains("链接") == true)
    }

    @Test(arguments: ["https://weibo.com/1749127163/O8DMqvF1x?refer_flag=1001030103_", "HTTP://Example.com/路径?q=水质",
                      "http://user@host.example/x#frag", "https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1&sn=ab"])
    func webAddressesAreAccepted(_ url: String) {
        #expect(PostURL.problem(url) == nil)
        let sh = TestShell()
        let r = sh.run("collect \"网传某小区自来水发黄\" --url \"\(url)\" --source weibo")
        #expect(r.failures == 0, "\(r.err)")
        #expect(sh.caseFile(1)?.url == url)
    }

    @Test func respondRefusesTheSameLinks() {
        let sh = TestShell()
        sh.run("collect \"网传某小区自来水发黄\" --url https://weibo.com/1 --source weibo\nclaim C1 --dept police")
        let before = sh.eventCount
        let r = sh.run("as police\nrespond C1 --channel weibo --url javascript:alert(1) --text 已处理")
        #expect(r.failures == 1)
        #expect(r.err.contains("is not a web address (a javascript: link)"), "\(r.err)")
        #expect(sh.eventCount == before)
    }

    @Test func anImportedRowWithSuchALinkIsReportedNotStored() throws {
        let sh = TestShell()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-links-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let rows: [[String: String]] = [["title": "正常", "url": "https://weibo.com/1", "source": "weibo"],
                                         ["title": "脚本", "url": "javascript:alert(1)", "source": "weibo"],
                                         ["title": "文件", "url": "file:///etc/passwd", "source": "weibo"],
                                         ["title": "控制字符", "url": "https://weibo.com/2\u{1B}[2J", "source": "weibo"]]
        let lines = try rows.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let before = sh.eventCount
        let r = sh.run("collect import \(file.path)")
        #expect(r.failures == 1)
        #expect(r.err.contains("line 2: the link “javascript:alert(1)” is not a web address"), "\(r.err)")
        #expect(r.err.contains("line 3: the link “file:///"), "\(r.err)")
        #expect(r.err.contains("line 4: the link holds a space or control character (U+001B) at character 20"), "\(r.err)")
        #expect(sh.eventCount == before)
    }
}
