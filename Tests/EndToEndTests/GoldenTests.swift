import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Golden scripts: `Golden/NAME.yq` runs through the built executable (`yuqing --no-init run NAME.yq`, or on
/// standard input with a `# stdin` line); standard output and error together must equal `NAME.out`, and the exit
/// status the `# exit: N` line (0 when absent). `# args: …` adds arguments. Set YUQING_UPDATE_GOLDEN=1 to rewrite
/// the .out files (then read the diff before committing).
///
/// Heads of the event chain printed on reports (`COUNT:HASH`) are compared by their count only: events record the
/// real time they were written, so the hash differs from run to run (the count does not). So is the number of
/// signed checkpoints `audit verify` reports: a script commits every 1,000 commands or 250 ms of work
/// (`ScriptBatcher`) and each commit signs one, so a script starved of the CPU signs more (1 when idle, 2–3 at load
/// 10–20 on PostgreSQL); the events the newest one covers are compared. The operator is the machine's user running
/// the tests (root where the files were written): another login reads as `root`.
@Suite struct GoldenTests {
    static let sourceDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The scripts of the folder. A folder that cannot be read gives one name that fails, never an empty list (with
    /// no arguments the test would run zero times and pass).
    static var scripts: [String] {
        do {
            let names = try FileManager.default.contentsOfDirectory(atPath: sourceDir.path).filter { $0.hasSuffix(".yq") }
            return names.isEmpty ? ["<no .yq scripts in \(sourceDir.path)>"] : names.sorted()
        } catch {
            return ["<cannot read \(sourceDir.path): \(error.localizedDescription)>"]
        }
    }

    /// Every golden script runs on SQLite, and on PostgreSQL when a test server is configured: same output.
    @Test(arguments: Backend.available, scripts)
    func golden(_ backend: Backend, _ name: String) throws {
        try #require(name.hasSuffix(".yq"), "\(name)")
        let script = try String(contentsOf: Self.sourceDir.appendingPathComponent(name), encoding: .utf8)
        var expectedCode: Int32 = 0
        var args = ["--no-init"]
        var viaStdin = false
        for line in script.split(separator: "\n") where line.hasPrefix("# ") {
            if line.hasPrefix("# exit: "), let n = Int32(line.dropFirst(8)) { expectedCode = n }
            if line.hasPrefix("# args: ") { args += line.dropFirst(8).split(separator: " ").map(String.init) }
            if line == "# stdin" { viaStdin = true }
        }
        // Whatever the scenario did, the store it leaves must pass the audit: every stored snapshot and index row
        // equals its case's fold (a field the snapshot forgot made untouched cases read as edited).
        let verify = ["--no-init", "-c", "audit verify"]
        let ((raw, code), audit) = viaStdin
            ? try Executable.run(args, cwd: Self.sourceDir, stdin: script, backend: backend, then: verify)
            : try Executable.run(args + ["run", name], cwd: Self.sourceDir, backend: backend, then: verify)
        if let (auditOut, auditCode) = audit {
            #expect(auditCode == 0, "audit verify after \(name): \(auditOut)")
        }
        let written = Self.normalizingLogin(Self.normalizingHeads(raw), backend.login)
        let outFile = Self.sourceDir.appendingPathComponent(name.replacingOccurrences(of: ".yq", with: ".out"))
        if ProcessInfo.processInfo.environment["YUQING_UPDATE_GOLDEN"] == "1", backend == .sqlite {
            try written.write(to: outFile, atomically: true, encoding: .utf8)
        }
        let expected = Self.normalizingCheckpoints(try String(contentsOf: outFile, encoding: .utf8))
        let out = Self.normalizingCheckpoints(written)
        if backend.login != "root" {
            // Another operator name makes the columns that show it wider: compared without the padding (the
            // SQLite run, as the files were written, checks the alignment). A drill report names its operator, so
            // its digest differs too; a replay's check still has to find it the same.
            #expect(Self.unpadded(Self.normalizingReportDigests(out)) == Self.unpadded(Self.normalizingReportDigests(expected)))
        } else {
            #expect(out == expected)
        }
        #expect(code == expectedCode)
    }

    /// Runs of spaces and of dashes as one.
    static func unpadded(_ s: String) -> String {
        guard let re = try? NSRegularExpression(pattern: "( )+|(-)+") else { return s }
        return re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "$1$2")
    }

    /// The operator's login (the database role on PostgreSQL) as the golden files were written (`root`).
    static func normalizingLogin(_ s: String, _ login: String) -> String {
        guard login != "root", let re = try? NSRegularExpression(pattern: "\\b" + NSRegularExpression.escapedPattern(for: login) + "\\b") else { return s }
        return re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "root")
    }

    /// `report SHA-256 HEX HEX same` → `report SHA-256 <digest> <digest> same` (a drill report names its operator).
    static func normalizingReportDigests(_ s: String) -> String {
        guard let re = try? NSRegularExpression(pattern: "(report SHA-256 +)[0-9a-f]{64}( +)[0-9a-f]{64}") else { return s }
        return re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "$1<digest>$2<digest>")
    }

    /// `3 个签名检查点均相符` → `<n> 个签名检查点均相符`, `3 signed checkpoints agree` → `<n> signed checkpoints agree`:
    /// how many commits a script made depends on how fast it ran (see the type's comment).
    static func normalizingCheckpoints(_ s: String) -> String {
        guard let zh = try? NSRegularExpression(pattern: "[0-9]+ 个签名检查点均相符"),
              let en = try? NSRegularExpression(pattern: "[0-9]+ signed checkpoints? agrees?") else { return s }
        let z = zh.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "<n> 个签名检查点均相符")
        return en.stringByReplacingMatches(in: z, range: NSRange(z.startIndex..., in: z), withTemplate: "<n> signed checkpoints agree")
    }

    /// `1234:9f2c…` (64 hex digits) → `1234:<head>`.
    static func normalizingHeads(_ s: String) -> String {
        guard let re = try? NSRegularExpression(pattern: "([0-9]+):[0-9a-f]{64}") else { return s }
        return re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "$1:<head>")
    }
}

/// The executable's own arguments and exit statuses.
@Suite struct ArgvTests {
    static let tmp = FileManager.default.temporaryDirectory

    @Test(arguments: [
        (["-c", "echo a", "-c", "echo 你好"], "a\n你好\n", 0),
        (["-c", "echo a", "-c", "bogus", "-c", "echo c"], "a\n<command>:1:1: error: unknown command `bogus`\nbogus\n^^^^^\nhint: type `help` for the list of commands\n", 1),
        (["--keep-going", "-c", "bogus", "-c", "echo c"], "<command>:1:1: error: unknown command `bogus`\nbogus\n^^^^^\nhint: type `help` for the list of commands\nc\n", 1),
        (["--lang", "zh", "-c", "未知"], "<command>:1:1: 错误：未知命令“未知”\n未知\n^^^^\n提示：输入 help 查看所有命令\n", 1),
        (["--format", "json", "-c", "set a 1", "-c", "set"], "[{\"name\":\"a\",\"value\":\"1\"}]\n", 0),
        (["-c", "quit 5"], "", 5),
        (["run", "/nonexistent/x.yq"], "error: cannot read file /nonexistent/x.yq\n", 2),
        (["--lang", "en", "--format", "xml", "-c", "echo"], "yuqing: usage error: --format must be table, json, csv or md (got 'xml')\nSee `yuqing --help`.\n", 2),
        (["--lang", "en", "walk"], "yuqing: usage error: unexpected argument 'walk': use `yuqing run FILE…` or `yuqing -c 'COMMAND'`\nSee `yuqing --help`.\n", 2),
        (["--lang", "zh", "--format", "xml", "-c", "echo"], "yuqing：用法错误：--format 只能是 table、json、csv 或 md（给了“xml”）\n用 yuqing --help 查看用法。\n", 2),
        (["--lang", "zh", "walk"], "yuqing：用法错误：多余的参数“walk”：用 yuqing run 文件… 或 yuqing -c '命令'\n用 yuqing --help 查看用法。\n", 2),
        (["--lang", "zh", "--bogus"], "yuqing：用法错误：未知选项“--bogus”\n用 yuqing --help 查看用法。\n", 2),
        (["--lang", "zh", "--db"], "yuqing：用法错误：选项“--db <PATH>”缺少值\n用 yuqing --help 查看用法。\n", 2),
        (["--version"], "0.1.0\n", 0),
    ] as [([String], String, Int32)])
    func argv(_ args: [String], _ expected: String, _ code: Int32) throws {
        let (out, status) = try Executable.run(["--no-init"] + args, cwd: Self.tmp)
        #expect(out == expected)
        #expect(status == code)
    }

    @Test func helpExitsZero() throws {
        let (out, status) = try Executable.run(["--lang", "en", "--help"], cwd: Self.tmp)
        #expect(status == 0 && out.contains("Exit status: 0 ok; 1 a command failed; 2 usage error"))
        // English help has no Chinese.
        #expect(!out.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
        let (zh, zhStatus) = try Executable.run(["--lang", "zh", "--help"], cwd: Self.tmp)
        #expect(zhStatus == 0 && zh.contains("退出状态：0 成功；1 有命令失败；2 用法错误"))
        let (fromLocale, _) = try Executable.run(["-h"], cwd: Self.tmp, env: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        #expect(fromLocale.contains("用法："))
    }

    /// The example `help run` cites: a coordinator's day runs whole and ends with the overdue report.
    @Test func coordinatorsDayExampleRuns() throws {
        let day = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/examples/day.yq").path
        let (out, status) = try Executable.run(["--no-init", "run", day], cwd: Self.tmp)
        #expect(status == 0, "\(out)")
        #expect(out.contains("C1 已指定由市政府办办理") && out.contains("已超期 5 小时 45 分钟"))
    }

    @Test func stdinIsAScriptWithoutPromptOrEcho() throws {
        let (out, status) = try Executable.run(["--no-init"], cwd: Self.tmp, stdin: "echo 一\n\nbad C7\necho 二\n")
        #expect(out == "一\n<stdin>:3:1: error: unknown command `bad`\nbad C7\n^^^\nhint: type `help` for the list of commands\n")
        #expect(status == 1)
    }

    @Test func startupFileRunsUnlessNoInit() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        // The sandbox of Executable.run is fresh each time, so point XDG_CONFIG_HOME at our own.
        try "set greeting 早上好\n".write(to: home.appendingPathComponent("config/yuqing/init.yq"), atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": home.appendingPathComponent("config").path]
        let (out, _) = try Executable.run(["-c", "echo $greeting"], cwd: Self.tmp, env: env)
        #expect(out == "早上好\n")
        let (out2, status) = try Executable.run(["--no-init", "-c", "echo $greeting"], cwd: Self.tmp, env: env)
        #expect(status == 1 && out2.contains("unknown variable $greeting"))
    }

    @Test func badYuqingNowIsAUsageError() throws {
        let (_, status) = try Executable.run(["-c", "clock"], cwd: Self.tmp, env: ["YUQING_NOW": "tomorrow"])
        #expect(status == 2)
    }
}
