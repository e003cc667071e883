import Testing
@testable import YuqingShell

@Suite struct LexerTests {
    func words(_ s: String) -> [String] {
        guard case .success(let c)? = Lexer.lex(s, file: "t").first else { return [] }
        return c.words.map(\.literalText)
    }

    @Test(arguments: [
        ("echo a b", ["echo", "a", "b"]),
        ("echo \"a b\" 'c d'", ["echo", "a b", "c d"]),
        ("echo \"say \\\"hi\\\"\"", ["echo", "say \"hi\""]),
        ("echo a # comment", ["echo", "a"]),
        ("echo http://x/#frag", ["echo", "http://x/#frag"]),
        ("echo '#not'", ["echo", "#not"]),
        ("echo 你好\u{3000}世界", ["echo", "你好", "世界"]),
        ("echo a\\ b", ["echo", "a b"]),
        ("echo a \\\n  b", ["echo", "a", "b"]),
        ("  认领   C7  ", ["认领", "C7"]),
        // The special characters are recognised by their bytes: one with a combining mark is another character
        // (`#\u{301}` starts no comment, `"\u{301}` opens no quote), and so is U+3000 followed by a mark.
        ("echo #\u{301}x", ["echo", "#\u{301}x"]),
        ("echo a\"\u{301}b", ["echo", "a\"\u{301}b"]),
        ("echo 你\u{3000}\u{301}好", ["echo", "你\u{3000}\u{301}好"]),
        ("echo \"水质 \\\"发黄\\\" $\" '污水'处理", ["echo", "水质 \"发黄\" $", "污水处理"]),
        ("echo\u{3000}\u{3000}核实\t报告", ["echo", "核实", "报告"]),
    ])
    func splitsWords(_ source: String, _ expected: [String]) {
        #expect(words(source) == expected)
    }

    /// Windows line ends ("\r\n", one Character in Swift) end lines like "\n".
    @Test func crlfLinesAreLines() {
        let r = Lexer.lex("echo 一\r\necho 二\r\nsay <<E\r\n文\r\nE\r\n", file: "t")
        let cmds = r.compactMap { if case .success(let c) = $0 { c } else { nil } }
        #expect(cmds.map { $0.words.map(\.literalText) } == [["echo", "一"], ["echo", "二"], ["say"]])
        #expect(cmds.last?.textBlock == "文")
    }

    /// Lines are split on bytes: "\n" and "\r\n" end a line, and a line then loses one "\r" of its own, as when
    /// they were split on Characters; a lone "\r" inside a line stays.
    @Test(arguments: [
        ("a\r\r\nb", ["a", "b"]), ("a\rb\nc\r", ["a\rb", "c"]), ("一\r\n\r\n二", ["一", "", "二"]),
        ("x\n", ["x"]), ("\n\n", ["", ""]), ("é\u{301}\nb", ["é\u{301}", "b"]), ("a\r\r", ["a\r"]),
    ])
    func linesSplitOnBytes(_ source: String, _ lines: [String]) {
        #expect(Lexer(source: source, file: "t").rawLines == lines)
    }

    @Test func textBlockIsTakenVerbatim() throws {
        let r = Lexer.lex("say <<EOT\n  第一行 \"x\" #y\n第二行\nEOT\necho next", file: "t")
        #expect(r.count == 2)
        guard case .success(let c) = r[0] else { Issue.record("lex failed"); return }
        #expect(c.textBlock == "  第一行 \"x\" #y\n第二行")
        #expect(c.words.map(\.literalText) == ["say"])
    }

    @Test func variablesAreNotExpandedInSingleQuotes() {
        guard case .success(let c)? = Lexer.lex("echo $a \"$b\" '$c' ${d}x", file: "t").first else { Issue.record(); return }
        #expect(c.words[1].parts == [.variable("a", SourceRange(file: "t", line: 1, column: 6, length: 2), quoted: false)])
        #expect(c.words[3].literalText == "$c")
        #expect(c.words[4].parts.count == 2)
    }

    @Test func unterminatedQuotePointsAtTheOpeningQuote() {
        guard case .failure(let e)? = Lexer.lex("echo 你好 \"abc", file: "t").first else { Issue.record(); return }
        #expect(e.range == SourceRange(file: "t", line: 1, column: 9, length: 1))
        #expect(e.message.en == "unterminated quote")
    }

    @Test func unterminatedTextBlock() {
        let r = Lexer.lex("echo 1\nsay <<END\nabc", file: "t")
        guard case .failure(let e) = r[1] else { Issue.record(); return }
        #expect(e.range == SourceRange(file: "t", line: 2, column: 5, length: 5))
        #expect(Lexer.needsMore("say <<END\nabc"))
        #expect(!Lexer.needsMore("say <<END\nabc\nEND"))
        #expect(Lexer.needsMore("echo a \\"))
        #expect(!Lexer.needsMore("echo a"))
    }

    @Test func lineNumbersCountContinuationsAndBlocks() {
        let r = Lexer.lex("echo a \\\n b\nsay <<E\nx\nE\n\nbad", file: "t")
        guard r.count == 3, case .success(let c) = r[2] else { Issue.record(); return }
        #expect(c.range.line == 7)
    }

    /// Columns and lengths are in characters whatever the line holds: the lexer reads bytes, and a line with a
    /// scalar that may join its neighbour (a combining mark, an emoji with a modifier or a joiner, a variation
    /// selector, Hangul jamo) takes its characters from Swift's own grapheme breaking. Each word's range is checked
    /// against the `Character` offsets of the word in the line.
    @Test(arguments: [
        "echo 水质 \"发黄\" C7", "echo é\u{301}x 好", "echo 👍🏽 ok", "echo 👨‍👩‍👧 家庭 x", "echo ❤\u{FE0F} y",
        "echo \u{1100}\u{1161}\u{11A8} 한 z", "echo 𠀋字 w", "echo ｶﾞ ﾊﾟ k", "echo \"a\u{301}\" x\u{301}y c",
        "echo 《办法》—— “引” …", "echo \u{3000}x\u{3000}\u{301} y", "echo a\u{200D}b c", "echo \u{E9}\u{E9} d",
    ])
    func columnsAreCharacters(_ line: String) {
        guard case .success(let c)? = Lexer.lex(line, file: "t").first else { Issue.record(); return }
        let chars = Array(line)
        for w in c.words where !w.quoted {
            let text = w.literalText
            let col = w.range.column - 1
            #expect(String(chars[col..<(col + w.range.length)]) == text, "\(text) at \(w.range.column)")
        }
        #expect(c.words.last.map { $0.range.column + $0.range.length - 1 } == chars.count)
    }
}
