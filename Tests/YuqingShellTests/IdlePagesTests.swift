import Foundation
import Testing
@testable import YuqingShell

/// The REPL at rest gives back its executable's pages (`IdlePages`): the mappings are found and advised, and the
/// process's resident file pages go down, without the process losing anything (it goes on running the next test).
@Suite struct IdlePagesTests {
    /// `RssFile` of this process, in KiB.
    static func residentFilePages() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("RssFile:") }
        return line?.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    /// The other tests run beside this one in the same process and fault the executable's pages back in as they
    /// go, so one measurement can see more resident pages after the advice than before (it did, once in a few
    /// hundred runs): the drop must show in one of a few tries.
    @Test func theExecutablesPagesAreGivenBack() throws {
        #if os(Linux)
        var seen: [(before: Int, after: Int)] = []
        for _ in 0..<5 {
            let before = try #require(Self.residentFilePages())
            #expect(IdlePages.pageOutExecutable() > 0)
            let after = try #require(Self.residentFilePages())
            seen.append((before, after))
            if after < before { break }
        }
        #expect(seen.contains { $0.after < $0.before }, "RssFile before and after, in KiB: \(seen)")
        #endif
    }

    @Test func itTrimsOncePerPauseAfterTheQuietTime() {
        let pages = IdlePages(quietSeconds: 0)
        pages.idle()
        pages.idle()
        #expect(pages.trims == 1)
        pages.touched()
        pages.idle()
        #expect(pages.trims == 2)
        let waiting = IdlePages(quietSeconds: 3600)
        waiting.idle()
        #expect(waiting.trims == 0)
    }
}
