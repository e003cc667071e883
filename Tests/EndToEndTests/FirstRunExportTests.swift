import Foundation
import Testing

/// docs/rules.md: `yuqing -c 'policy export mingguang' > city.yq`, edit, `policy use city.yq`. On a fresh install
/// the first command of a new store printed "You (root) are the first operator of this store…" on standard output,
/// into the profile, and `policy use` refused the file ("a profile holds `policy` lines only, not `You`"; seen by
/// accept14). The notice goes to standard error: standard output is the profile alone.
@Suite struct FirstRunExportTests {
    @Test func aFirstExportIsAProfileThatLoads() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let exe = try #require(Executable.url)
        let db = home.appendingPathComponent("fresh.sqlite").path
        let p = Process()
        p.executableURL = exe
        p.arguments = ["--no-init", "--db", db, "-c", "policy export mingguang"]
        p.currentDirectoryURL = home
        p.environment = Executable.environment(home)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let profile = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let notice = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(notice)")
        #expect(profile.hasPrefix("#") && !profile.contains("first operator"), "\(profile.prefix(300))")
        #expect(notice.contains("first operator of this store"), "\(notice)")
        // Named a profile of the city's own, it loads.
        let city = home.appendingPathComponent("city.yq")
        try profile.replacingOccurrences(of: "policy name mingguang", with: "policy name city")
            .write(to: city, atomically: true, encoding: .utf8)
        let (used, status) = try Executable.launch(["--no-init", "--db", db, "-c", "policy use \(city.path)"], home: home, cwd: home)
        #expect(status == 0, "\(used)")
    }
}
