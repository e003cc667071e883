import Testing
import YuqingCore
@testable import YuqingShell

/// The Chinese and English help of a verb cite the same paragraphs of the same articles. An outside reader of
/// `help assess` in English saw the 15 working days of a historical issue cited as Art. 8 ¶3 (the escalation) while the
/// Chinese said 第八条第二款 (the verification report), which is right.
@Suite struct HelpArticleTests {
    static let numerals: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                                             "九": 9, "十": 10]

    static func chinese(_ s: Substring) -> Int {
        // 一 … 十四: at most "十" and one digit on either side.
        var n = 0
        var current = 0
        for ch in s {
            guard let v = numerals[ch] else { return -1 }
            if v == 10 { n += max(current, 1) * 10; current = 0 } else { current = v }
        }
        return n + current
    }

    /// "Art. 8 ¶2" → "8¶2"; only citations with a paragraph, which are unambiguous in both languages.
    static func english(_ text: String) -> [String] {
        text.matches(of: /Art\. (\d+) ¶(\d+)/).map { "\($0.1)¶\($0.2)" }.sorted()
    }

    /// "第八条第二款" → "8¶2".
    static func chineseCitations(_ text: String) -> [String] {
        text.matches(of: /第([一二三四五六七八九十]+)条第([一二三四五六七八九十]+)款/)
            .map { "\(chinese($0.1))¶\(chinese($0.2))" }.sorted()
    }

    @Test(arguments: CommandTableTests.all.map(\.spec.fullName))
    func bothLanguagesCiteTheSameParagraphs(_ name: String) throws {
        let spec = try #require(CommandTableTests.all.first { $0.spec.fullName == name }?.spec)
        for text in [spec.summary, spec.help] + spec.allFlags.map(\.help) {
            #expect(Self.english(text.en) == Self.chineseCitations(text.zh), "\(name): “\(text.en)” / “\(text.zh)”")
        }
    }
}
