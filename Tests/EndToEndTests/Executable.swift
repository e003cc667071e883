import Foundation
import Testing

/// Finds and runs the built `yuqing` binary, isolated from the user's files.
enum Executable {
    /// The `yuqing` next to this test bundle in the build products directory (falls back to `.build/debug`).
    static var url: URL? {
        var candidates: [URL] = [Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("yuqing")]
        for b in Bundle.allBundles { candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("yuqing")) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/yuqing"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A throwaway home with its own data and config directories.
    static func sandbox() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("config/yuqing"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        return dir
    }

    static func environment(_ home: URL) -> [String: String] {
        ["HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
         "XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "USER": "tester", "LANG": "C.UTF-8",
         "NO_COLOR": "1", "YUQING_NOW": "2019-12-19T09:00", "PATH": "/usr/bin:/bin"]
    }

    /// Runs yuqing with `args` in `cwd` on a new store of `backend`; stdout and stderr are captured together in
    /// order.
    static func run(_ args: [String], cwd: URL, stdin: String? = nil, env extra: [String: String] = [:],
                    backend: Backend = .sqlite) throws -> (String, Int32) {
        try run(args, cwd: cwd, stdin: stdin, env: extra, backend: backend, then: nil).0
    }

    /// As `run`, then runs `then` (when given) on the same store, e.g. `audit verify` after a scenario.
    static func run(_ args: [String], cwd: URL, stdin: String? = nil, env extra: [String: String] = [:],
                    backend: Backend = .sqlite, then: [String]?) throws -> ((String, Int32), (String, Int32)?) {
        let home = try sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let db = try backend.newStore(home: home)
        defer { db.drop() }
        let first = try launch(["--db", db.argument] + args, home: home, cwd: cwd, stdin: stdin, env: extra)
        return (first, try then.map { try launch(["--db", db.argument] + $0, home: home, cwd: cwd, env: extra) })
    }

    /// Runs yuqing with exactly `args` in the sandbox `home`; stdout and stderr are captured together in order. A
    /// process killed by a signal gives the negated signal number (a crash is never taken for an exit code); with a
    /// `timeout`, a process still running then is terminated (a hang fails as a signal). `executable`: another copy
    /// of yuqing to run than the built one.
    static func launch(_ args: [String], home: URL, cwd: URL, stdin: String? = nil, env extra: [String: String] = [:],
                       timeout: TimeInterval? = nil, executable: URL? = nil) throws -> (String, Int32) {
        guard let exe = executable ?? url else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build yuqing first"]) }
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = cwd
        p.environment = environment(home).merging(extra) { $1 }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let s = stdin { input.fileHandleForWriting.write(Data(s.utf8)) }
        try input.fileHandleForWriting.close()
        let timer = DispatchWorkItem { if p.isRunning { p.terminate() } }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer) }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        timer.cancel()
        let text = String(decoding: data, as: UTF8.self)
        return (text, p.terminationReason == .uncaughtSignal ? -p.terminationStatus : p.terminationStatus)
    }
}
