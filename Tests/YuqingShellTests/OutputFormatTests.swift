import Testing
@testable import YuqingCore
@testable import YuqingShell

/// The output format is worked out once (`Invocation.format`): a command's own `--format` and the session's format
/// (`format json`, `yuqing --format json`) give the same output, including the "nothing to show" answers.
@Suite struct OutputFormatTests {
    static let setUp = """
    collect "网传某小区自来水发黄" --source weibo --at 2019-12-27T09:00
    claim C1 --dept police --at 2019-12-27T09:30
    """

    @Test(arguments: ["overdue", "due within 2h", "cases where stage = closed", "cases", "timeline C1", "count by stage",
                      "score", "extensions", "search 自来水"])
    func commandFormatEqualsSessionFormat(_ command: String) throws {
        for format in [OutputFormat.json, .csv, .md] {
            let own = TestShell(at: "2019-12-30T09:00")
            own.run(Self.setUp)
            let ownOut = own.run("\(command) --format \(format.rawValue)")
            let session = TestShell(at: "2019-12-30T09:00")
            session.run(Self.setUp)
            session.session.format = format
            let sessionOut = session.run(command)
            #expect(ownOut.failures == 0 && sessionOut.failures == 0, "\(command) \(format): \(ownOut.err)\(sessionOut.err)")
            #expect(ownOut.out == sessionOut.out, "\(command) as \(format)")
        }
    }

    /// `overdue` with nothing overdue: the same empty list either way (it used to answer `{"messages":[…]}` to
    /// `overdue --format json` and `[]` to `yuqing --format json -c overdue`).
    @Test func nothingOverdueIsAnEmptyListInJSON() {
        let own = TestShell()
        #expect(own.run("overdue --format json").out == "[]\n")
        let session = TestShell()
        session.session.format = .json
        #expect(session.run("overdue").out == "[]\n")
    }

    /// A verb with a `--format` of its own (the minutes: md or html) is not rendered as that output format.
    @Test func aVerbsOwnFormatOptionIsNotTheOutputFormat() throws {
        let spec = MinutesVerb.entry.spec
        #expect(spec.flags.contains { $0.name == "format" })
        #expect(Parser.outputFormat(spec, ["format": [Arg(raw: "md", range: SourceRange(file: "t", line: 1, column: 1, length: 2), value: .choice("md"))]], nil) == .table)
    }
}
