import Foundation
import Testing
import YuqingCore
@testable import YuqingShell

@Suite struct InterpreterTests {
    @Test func variablesAndLast() {
        let (out, r) = runShell("set who 张三\necho hi $who\nclaim C7\necho $last '$last'")
        #expect(r.failures == 0)
        #expect(out == "hi 张三\nC7 claimed\nC7 $last\n")
    }

    @Test func stopsAtFirstErrorUnlessKeepGoing() {
        let src = "echo one\nclaim X1\necho two\nbogus\necho three"
        let (out, r) = runShell(src)
        #expect(r.exitCode == 1 && r.failures == 1)
        #expect(out == "one\nt.yq:2:7: error: X1 is an extension id, not a case id (like C7)\nclaim X1\n      ^^\n")
        let (out2, r2) = runShell(src, keepGoing: true)
        #expect(r2.failures == 2 && r2.exitCode == 1)
        #expect(out2.hasSuffix("two\nt.yq:4:1: error: unknown command `bogus`\nbogus\n^^^^^\nhint: type `help` for the list of commands\nthree\n"))
    }

    @Test func internalFailureExitsThreeAndHandlerErrorsPointAtTheVerb() {
        let (out, r) = runShell("  fail")
        #expect(r.exitCode == 3)
        #expect(out.hasPrefix("t.yq:1:3: error: broken\n  fail\n  ^^^^\n"))
    }

    @Test func transactionWrapsEveryHandler() {
        let s = testSession()
        final class Count: @unchecked Sendable { var n = 0 }
        let c = Count()
        s.transaction = { (body: () throws(ShellError) -> CommandOutput) throws(ShellError) -> CommandOutput in
            c.n += 1
            return try body()
        }
        _ = runShell("echo a\nclaim C1", session: s)
        #expect(c.n == 2)
    }

    @Test func clockVerbs() {
        let (out, _) = runShell("clock\nclock advance 1h30m\nclock set 2019-12-27T15:00\nclock set +1d\n时钟 前进 30m")
        #expect(out == """
        It is 2019-12-19 09:00 (Thursday, simulated clock).
        It is 2019-12-19 10:30 (Thursday, simulated clock).
        It is 2019-12-27 15:00 (Friday, simulated clock).
        It is 2019-12-28 15:00 (Saturday, simulated clock).
        It is 2019-12-28 15:30 (Saturday, simulated clock).

        """)
    }

    @Test func asSetsTheActorAndPrompt() {
        let s = testSession(.zh)
        let (out, _) = runShell("as 张三 --role coordinator --dept police", session: s)
        #expect(out == "当前身份：张三（协调员，police）\n")
        #expect(s.prompt == "[police 张三]> ")
        let domain = StubDomain()
        domain.prompt = "M2"
        s.domain = domain
        #expect(s.prompt == "[M2 police 张三]> ")
    }

    @Test func perCommandFormatAndSessionFormat() {
        let (out, _) = runShell("set a 1\nset --format json\nformat csv --bom\nset")
        #expect(out == "[{\"name\":\"a\",\"value\":\"1\"}]\nOutput format: csv (with BOM).\n\u{FEFF}name,value\na,1\n")
    }

    /// `--at 08:00` means today: written as typed, a replay on another day would move the event (an outside check
    /// saw `record` → replay put a case collected `--at 09:00` on 2020-01-06 at 09:00 of the replay's day).
    @Test func recordWritesReplayableScript() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-rec-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("r.yq").path
        let (out, r) = runShell("""
        record start \(file)
        claim C1
        as 李四 --role liaison --dept police
        claim C2 --at 08:00 --note "a b"
        echo not recorded
        say --at=08:30 <<END
        第一行
        END
        record stop
        """)
        #expect(r.failures == 0, "\(out)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == """
        # yuqing recording started 2019-12-19 09:00
        as tester --role admin
        claim C1 --at 2019-12-19T09:00
        as 李四 --role liaison --dept police
        claim C2 --at 2019-12-19T08:00 --note 'a b'
        say --at=2019-12-19T08:30 <<END
        第一行
        END

        """)
        let (replayed, r2) = runShell("source \(file)")
        #expect(r2.failures == 0, "\(replayed)")
    }

    /// A second `record start` switched files silently (the first kept only its header); a file that cannot be
    /// written was explained in Foundation's English on a Chinese screen.
    @Test func recordStartRefusesASecondRecordingAndSaysWhyInChinese() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-rec2-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let one = dir.appendingPathComponent("1.yq").path, two = dir.appendingPathComponent("2.yq").path
        let (out, r) = runShell("record start \(one)\nrecord start \(two)\nclaim C1\nrecord stop", keepGoing: true)
        #expect(r.failures == 1)
        #expect(out.contains("error: already recording to \(one)"), "\(out)")
        #expect(!FileManager.default.fileExists(atPath: two))
        #expect(try String(contentsOfFile: one, encoding: .utf8).contains("claim C1"))
        let (zh, _) = runShell("lang zh\nrecord start /nonexistent/dir/r.yq")
        #expect(zh.contains("无法写入 /nonexistent/dir/r.yq：文件夹 /nonexistent/dir 不存在"), "\(zh)")
    }

    @Test func runReportsErrorsInsideTheFileAndRestoresSettings() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-run-\(getpid()).yq").path
        try "lang zh\nas 王五\necho 在脚本中\nclaim C\n".write(toFile: file, atomically: true, encoding: .utf8)
        let s = testSession()
        let (out, r) = runShell("run \(file)\necho after", session: s, keepGoing: true)
        #expect(out == "界面语言：中文\n当前身份：王五（管理员）\n在脚本中\n\(file):4:7: 错误：无效的案件编号“C”：应为 C7 这样的编号\nclaim C\n      ^\nafter\n")
        #expect(r.failures == 1)
        #expect(s.language == .en && s.actor.name == "tester")
        let (out2, _) = runShell("run /nonexistent/x.yq")
        #expect(out2.hasPrefix("t.yq:1:5: error: cannot read file /nonexistent/x.yq\n"))
    }

    @Test func quitStopsTheScript() {
        let s = testSession()
        let (out, r) = runShell("echo a\nquit 4\necho b", session: s)
        #expect(out == "a\n" && r.quit && s.quitRequested == 4)
    }
}
