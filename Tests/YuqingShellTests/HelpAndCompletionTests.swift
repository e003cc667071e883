import Foundation
import Testing
import YuqingCore
@testable import YuqingShell

@Suite struct HelpTests {
    @Test func overviewIsGroupedAndLocalized() {
        let (en, _) = runShell("help")
        #expect(en.hasPrefix("Commands (help VERB for details):\n\nShell\n  help (帮助)"))
        #expect(en.contains("\nCases\n  claim (认领)"))
        let (zh, _) = runShell("lang zh\n帮助")
        #expect(zh.contains("外壳\n  help (帮助)"))
        #expect(!en.contains("commands-md"))
    }

    @Test func verbHelpShowsUsageOptionsAndExamples() {
        let (out, _) = runShell("help clock")
        #expect(out.hasPrefix("clock (时钟) — show, set or advance the time (simulated clock for drills)\nusage: clock [set TIME | advance SPAN | real]\n"))
        #expect(out.contains("Sub-commands:\n  clock set (设置)"))
        #expect(out.contains("Examples:\n  clock\n"))
        let (sub, _) = runShell("help 时钟 设置")
        #expect(sub.hasPrefix("clock set (设置) — set the simulated clock to a time\nusage: clock set TIME\n"))
        let (claim, _) = runShell("help claim")
        #expect(claim.contains("--at TIME"))
        let (bad, r) = runShell("help clok")
        #expect(r.failures == 1 && bad.contains("hint: did you mean `clock`?"))
    }

    /// `as x --角色 liaison --部门 police`, `user add … --姓名`, `set … --保密` were accepted but neither `help` nor
    /// docs/commands.md named these spellings (seen by accept14): an option's Chinese spelling is shown beside it.
    @Test func optionAliasesAreShown() {
        let (out, _) = runShell("help as")
        #expect(out.contains("--role, --角色 patrol|"), "\(out)")
        #expect(out.contains("--dept, --部门 DEPT"), "\(out)")
        let md = HelpText.markdown(CommandTable.entries)
        #expect(md.contains("| `--secret, --保密` |") && md.contains("| `--name, --姓名 TEXT` |"))
    }

    /// cases/count accept Chinese and symbolic spellings of their keywords (且 并且 && 或 或者 || 非 不 排序 按 降序
    /// 升序 限 属于 条件) that help and docs/commands.md did not name (seen by accept14).
    @Test func queryKeywordSpellingsAreDocumented() {
        let md = HelpText.markdown(CommandTable.entries)
        for word in ["并且", "&&", "或者", "||", "非", "降序", "升序", "限 N", "属于", "条件", "是/否"] {
            #expect(md.contains(word), "\(word)")
        }
    }

    @Test func commandsMarkdownMatchesDocs() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/commands.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        #expect(text == HelpText.markdown(CommandTable.entries),
                "docs/commands.md is stale: regenerate with `swift run yuqing --commands-md > docs/commands.md`")
    }
}

@Suite struct CompletionTests {
    func complete(_ line: String, session: Session = testSession()) -> [String] {
        let c = Completer(entries: ShellVerbs.entries + TestVerbs.entries, session: session)
        let start = line.lastIndex(of: " ").map { line.index(after: $0) } ?? line.startIndex
        return c.candidates(before: String(line[..<start]), word: String(line[start...]))
    }

    @Test func verbsInBothLanguages() {
        #expect(complete("hel") == ["help"])
        #expect(complete("cl") == ["claim", "clear", "clock"])
        #expect(complete("认") == ["认领"])
        #expect(complete("清") == ["清屏"])
    }

    @Test func subverbsFlagsAndChoices() {
        #expect(complete("clock ") == ["advance", "real", "set", "前进", "实时", "设置"])
        #expect(complete("claim C7 --d") == ["--dept"])
        #expect(complete("claim C7 --level ") == ["general", "high-attention", "major-sensitive", "一般", "关注度高", "重大敏感"])
        #expect(complete("format j") == ["json"])
        #expect(complete("as x --") == ["--bom", "--dept", "--format", "--help", "--role", "--角色", "--部门"])
        #expect(complete("claim C7 --h") == ["--help"])
        #expect(complete("help claim --") == ["--bom", "--format"])
        #expect(complete("help cl") == ["claim", "clear", "clock"])
    }

    @Test func idsAndDepartmentsComeFromTheProvider() {
        let s = testSession()
        let domain = StubDomain()
        domain.candidates = { slot in
            switch slot {
            case .id(.caseFile): ["C1", "C7", "C12"]
            case .department: ["police", "市公安局"]
            default: []
            }
        }
        s.domain = domain
        #expect(complete("claim C1", session: s) == ["C1", "C12"])
        #expect(complete("claim C7 --dept ", session: s) == ["police", "市公安局"])
        #expect(complete("as x --dept 市", session: s) == ["市公安局"])
    }

    @Test func filePaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-comp-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "".write(to: dir.appendingPathComponent("演练.yq"), atomically: true, encoding: .utf8)
        #expect(Completer.files(matching: "", cwd: dir.path) == ["sub/", "演练.yq"])
        #expect(Completer.files(matching: dir.path + "/s") == [dir.path + "/sub/"])
        let c = Completer(session: testSession())
        #expect(c.wantsPath(before: "run ", word: ""))
        #expect(c.wantsPath(before: "record start ", word: ""))
        #expect(!c.wantsPath(before: "clock set ", word: ""))
    }
}
