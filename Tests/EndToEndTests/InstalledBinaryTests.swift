import Foundation
import Testing

/// The binary as README installs it (`install -m 755 … /usr/local/bin/yuqing`): alone in a folder, away from the
/// build tree. It used to stop at start-up ("could not load resource bundle") wherever the build folder was gone.
@Suite struct InstalledBinaryTests {
    @Test func theBinaryRunsAloneInAnotherFolder() throws {
        guard let exe = Executable.url else { Issue.record("build yuqing first"); return }
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let bin = home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let installed = bin.appendingPathComponent("yuqing")
        // Copied by `cp`, not in this process: a test child started elsewhere while the copy was open for writing
        // would inherit that descriptor for its whole run, and the kernel refuses to run a file open for writing.
        let cp = Process()
        cp.executableURL = URL(fileURLWithPath: "/bin/cp")
        cp.arguments = [exe.path, installed.path]
        try cp.run()
        cp.waitUntilExit()
        #expect(cp.terminationStatus == 0)
        // The 2024 National Day week: one working day after 09-30 up to 10-08, not six, by the compiled-in holidays.
        let (text, status) = try Executable.launch(
            ["--no-init", "--lang", "en", "--db", home.appendingPathComponent("s.sqlite").path,
             "-c", "calendar between 2024-09-30T09:00 2024-10-08T09:00"],
            home: home, cwd: home, executable: installed)
        #expect(status == 0, "\(text)")
        #expect(!text.contains("resource bundle"), "\(text)")
        #expect(text.contains("1 working day after 2024-09-30 up to and including 2024-10-08"), "\(text)")
    }
}
