import Foundation
import Testing
import YuqingShell

/// Every example that `help` shows, run by the real executable in a process of its own on a copy of a store that
/// holds a month of work, in every output format: it may succeed or be refused, but it must never crash or hang.
///
/// A fresh process matters: `accountability` crashed in a new shell on SQLite (the directory, not yet cached, was
/// read inside the due index's cursor, which GRDB does not allow) although every test that ran it in a shell that
/// had already read the directory passed.
@Suite struct EveryExampleTests {
    /// A command line to try, with the verb it exemplifies (for the failure message).
    struct Example: Sendable, CustomTestStringConvertible {
        var verb: String
        var line: String
        var lang: String
        var testDescription: String { "\(line) --lang \(lang)" }
    }

    /// The examples, `$last`/`$case` pointing at a reported case of the seed month, case work done as a coordinator. Verbs that wait for a person or
    /// the clock are left to the live tests; read-only verbs are also asked for every export format. Chinese and
    /// English alternate (each process costs 50–100 ms; both languages share every code path but the words).
    static let examples: [Example] = CommandTable.flattened().flatMap { entry -> [Example] in
        let spec = entry.spec
        guard !spec.waits else { return [] }
        return spec.examples.flatMap { raw -> [Example] in
            let line = raw.replacingOccurrences(of: "$last", with: "C8").replacingOccurrences(of: "$case", with: "C8")
            let variants = spec.mutates || line.contains("\n") || line.contains("--format") || line.contains("--out")
                ? [line]
                : [line, line + " --format csv", line + " --format json", line + " --format md"]
            // The store's administrator (the test's user) does not work cases: a coordinator does.
            let persona = [.cases, .meetings].contains(spec.group) ? "as 王敏 --role coordinator --dept open-gov\n" : ""
            return variants.map { Example(verb: spec.fullName, line: persona + $0, lang: "zh") }
        }
    }.enumerated().map { i, e in
        var e = e
        if i % 2 == 1 { e.lang = "en" }
        return e
    }

    /// The seed store: January 2020 of the examples (scripts/examples/month-2020-01.yq), built once.
    static let seed: Result<URL, SeedError> = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/examples/month-2020-01.yq")
        do {
            let home = try Executable.sandbox()
            let db = home.appendingPathComponent("seed.sqlite")
            let (out, status) = try Executable.launch(["--no-init", "--db", db.path, "run", script.path], home: home, cwd: home)
            guard status == 0 else { return .failure(SeedError(text: "the seed script failed (\(status)):\n\(out.suffix(2000))")) }
            return .success(db)
        } catch {
            return .failure(SeedError(text: "\(error)"))
        }
    }()

    struct SeedError: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }

    @Test func theSeedHoldsAMonthOfWork() throws {
        let db = try Self.seed.get()
        let (out, status) = try Self.run("cases --format csv", on: db, lang: "en")
        #expect(status == 0)
        #expect(out.split(separator: "\n").count > 8, "\(out)")
        #expect(Self.examples.count > 200)
    }

    @Test(arguments: examples)
    func neverCrashesOrHangs(_ example: Example) throws {
        let db = try Self.seed.get()
        let (out, status) = try Self.run(example.line, on: db, lang: example.lang)
        let what = "`\(example.line)` (\(example.verb), --lang \(example.lang))"
        #expect(status >= 0, "\(what) was killed by signal \(-status):\n\(out.suffix(3000))")
        #expect(!out.contains("Fatal error"), "\(what):\n\(out.suffix(3000))")
        #expect(!out.contains("Optional("), "\(what) shows a Swift optional:\n\(out.suffix(3000))")
    }

    /// Runs one command line on a copy of `seed` in a sandbox of its own; a process killed by a signal gives the
    /// negated signal number.
    static func run(_ line: String, on seed: URL, lang: String) throws -> (String, Int32) {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let db = home.appendingPathComponent("store.sqlite")
        let fm = FileManager.default
        for suffix in ["", "-wal", "-shm", ".key", ".head", "-queue"] {
            let from = URL(fileURLWithPath: seed.path + suffix)
            if fm.fileExists(atPath: from.path) { try fm.copyItem(at: from, to: URL(fileURLWithPath: db.path + suffix)) }
        }
        // Killed after two minutes: a hang is a failure too, and a loaded machine is slow.
        return try Executable.launch(["--no-init", "--db", db.path, "--lang", lang, "-c", line], home: home, cwd: home,
                                     timeout: 120)
    }
}
