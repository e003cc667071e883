import Testing
import YuqingCore
@testable import YuqingShell

@Suite struct ParserTests {
    @Test func flagsAnywhereAndAliases() throws {
        let inv = try parse("认领 --dept police C7 --level 关注度高")
        #expect(inv.spec.name == "claim")
        let v = bound(TestVerbs.Claim.self, inv)
        #expect(v.caseID == EntityID(.caseFile, 7))
        #expect(v.dept == "police")
        #expect(v.level == "high-attention")
    }

    @Test func flagEqualsValueAndSwitchesAndLists() throws {
        let v = bound(TestVerbs.Claim.self, try parse("claim C7 --dept=公安 --urgent --cases C1,C2 C3 --note a --note b --within 3wd"))
        #expect(v.dept == "公安")
        #expect(v.urgent)
        #expect(v.cases == [EntityID(.caseFile, 1), EntityID(.caseFile, 2), EntityID(.caseFile, 3)])
        #expect(v.note == ["a", "b"])
        #expect(v.within == .workdays(3))
        let none = bound(TestVerbs.Claim.self, try parse("claim C7"))
        #expect(none.dept == nil && !none.urgent && none.cases.isEmpty && none.note.isEmpty && none.within == nil)
    }

    @Test func subverbsWithChineseAliases() throws {
        let inv = try parse("时钟 设置 \"2019-12-20 10:00\"")
        #expect(inv.spec.fullName == "clock set")
        #expect(bound(ShellVerbs.ClockSet.self, inv).time == .absolute(Instant(date: CivilDate(year: 2019, month: 12, day: 20)!, hour: 10)))
    }

    /// `VERB --help` is `help VERB` (with a sub-verb named right after the verb), wherever `--help` stands; a
    /// quoted `"--help"` or one after `--` is a value, and `help --help` stays an unknown option.
    @Test(arguments: [
        ("claim --help", ["claim"]),
        ("认领 C7 --dept police --help", ["认领"]),
        ("clock set --help", ["clock", "set"]),
        ("时钟 设置 2019-12-20T10:00 --help", ["时钟", "设置"]),
    ])
    func verbDashDashHelpIsHelp(source: String, verbs: [String]) throws {
        let inv = try parse(source)
        #expect(inv.spec.name == "help")
        #expect(bound(ShellVerbs.Help.self, inv).verbs == verbs)
    }

    @Test func aQuotedOrEndedHelpIsAValue() throws {
        #expect(try parse("say \"--help\"").spec.name == "say")
        #expect(try parse("say -- --help").spec.name == "say")
        #expect(parseError("help --help")?.message.en == "`help` has no option --help")
    }

    @Test func expressionTakesTheRestButNotKnownFlags() throws {
        let v = bound(TestVerbs.Cases.self, try parse("cases where level = high --limit 5 and dept = police"))
        #expect(v.$condition.raw == "where level = high and dept = police")
        #expect(v.condition?.words.map(\.text) == ["where", "level", "=", "high", "and", "dept", "=", "police"])
        #expect(v.limit == 5)
    }

    @Test func textBlockFillsTextFlag() throws {
        let inv = try parse("say <<END\n大家好\nEND")
        let v = bound(TestVerbs.Say.self, inv)
        #expect(v.words == "大家好")
        #expect(v.text == nil)
        let flagged = bound(TestVerbs.Say.self, try parse("say 你好 <<END\n正文\nEND"))
        #expect(flagged.text == "正文")
        #expect(inv.textBlock == "大家好")
    }

    /// Every parse error with its exact position and message.
    @Test(arguments: [
        ("clam C7", 1, 1, 4, "unknown command `clam`", "did you mean `claim (认领)`?"),
        ("认令 C7", 1, 1, 2, "unknown command `认令`", "did you mean `认领 (claim)`?"),
        ("claim C7 --dpet police", 1, 10, 6, "`claim` has no option --dpet", "did you mean `--dept`?"),
        ("claim C7 --dept", 1, 10, 6, "option --dept needs a value (DEPT)", nil),
        ("claim", 1, 7, 1, "`claim` is missing CASE", "usage: claim CASE [--dept DEPT]"),
        ("claim C7 C8", 1, 10, 2, "too many arguments for `claim`: `C8`", "usage: claim CASE [--dept DEPT]"),
        ("claim M7", 1, 7, 2, "M7 is a meeting id, not a case id (like C7)", nil),
        ("claim X3", 1, 7, 2, "X3 is an extension id, not a case id (like C7)", nil),
        ("claim C", 1, 7, 1, "bad case id `C`: expected an id like C7", nil),
        ("claim C7 --level hi", 1, 18, 2, "bad value `hi`; expected one of: general (一般), high-attention (关注度高), major-sensitive (重大敏感)", nil),
        ("claim C7 --at 2019-13-01T09:00", 1, 15, 16, "bad time `2019-13-01T09:00`: month 13 is not between 1 and 12", nil),
        ("claim C7 --at 2019-02-30T09:00", 1, 15, 16, "bad time `2019-02-30T09:00`: day 30 is not in 2019-02 (28 days)", nil),
        ("claim C7 --at 2019-12-19", 1, 15, 10, "bad time `2019-12-19`: a date without a time of day", nil),
        ("claim C7 --at 25:00", 1, 15, 5, "bad time `25:00`: hour 25 is not between 0 and 23", nil),
        ("claim C7 --at +2x", 1, 15, 3, "bad time `+2x`: a relative time is +2h, +30m, -1d or +3wd", nil),
        ("claim C7 --within 2x", 1, 19, 2, "bad duration `2x`: expected 2h, 30m, 1h30m, 3d, or working days 3wd", nil),
        ("claim C7 --urgent=yes", 1, 10, 12, "option --urgent takes no value (got `yes`)", nil),
        ("claim C7 --dept a --dept b", 1, 19, 6, "option --dept given twice", nil),
        ("clock sett 10:00", 1, 7, 4, "`clock` has no sub-command `sett`", "did you mean `clock set (设置)`?"),
        ("echo $nope", 1, 6, 5, "unknown variable $nope", "define it with `set nope VALUE`"),
        ("clock <<END\nx\nEND", 1, 7, 5, "`clock` takes no text block", nil),
        ("claim C7 --weeks 0", 1, 18, 1, "--weeks must be between 1 and 60 (got 0)", nil),
        ("claim C7 --weeks 1000000000", 1, 18, 10, "--weeks must be between 1 and 60 (got 1000000000)", nil),
        ("claim C7 --weeks 99999999999999999999999", 1, 18, 23, "--weeks must be between 1 and 60 (got 99999999999999999999999)", nil),
        ("claim C7 --weeks -3", 1, 18, 2, "--weeks must be between 1 and 60 (got -3)", nil),
        ("claim C7 --weeks x", 1, 18, 1, "`x` is not a whole number", nil),
        ("claim C7 --within 3651d", 1, 19, 5, "the span `3651d` is longer than the limit of 3,650 days", nil),
        ("claim C7 --within 99999999999999999999999d", 1, 19, 24, "the span `99999999999999999999999d` is longer than the limit of 3,650 days", nil),
        ("claim C7 --within 3651wd", 1, 19, 6, "the span `3651wd` is longer than the limit of 3,650 days", nil),
        ("claim C7 --at +999999999999d", 1, 15, 14, "the span `999999999999d` is longer than the limit of 3,650 days", nil),
        ("note C7", 1, 1, 4, "`note` needs --text TEXT", "usage: note CASE --text TEXT"),
        ("note C7 --text \"  \"", 1, 16, 4, "`note`: --text is empty", nil),
    ] as [(String, Int, Int, Int, String, String?)])
    func errorsHaveExactPositions(_ src: String, _ line: Int, _ col: Int, _ len: Int, _ message: String, _ hint: String?) {
        guard let e = parseError(src) else { Issue.record("no error for \(src)"); return }
        #expect(e.message.en == message)
        #expect(e.range == SourceRange(file: "t.yq", line: line, column: col, length: len))
        #expect(e.hint?.en == hint || hint == nil)
    }

    @Test func departmentValidationHookCanonicalises() throws {
        let s = testSession()
        let domain = StubDomain()
        domain.departments = ["市公安局": "police", "police": "police"]
        s.domain = domain
        #expect(bound(TestVerbs.Claim.self, try parse("claim C7 --dept 市公安局", session: s)).dept == "police")
        do { _ = try parse("claim C7 --dept 火星局", session: s); Issue.record("accepted") } catch {
            #expect(error.range?.column == 17)
        }
    }
}
