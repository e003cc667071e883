import Testing
@testable import YuqingCore

/// Test helpers: the shipped calendar and profiles read from the repository (tests may do I/O; the core may not).
enum Repo {
    /// The repository root, from this file's path: Tests/YuqingCoreTests/Support.swift.
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func read(_ relative: String) throws -> String {
        let path = root + "/" + relative
        guard let f = fopen(path, "r") else { throw TestFileError(path: path) }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The calendar shipped with the shell, parsed once.
    static let calendar: WorkCalendar = {
        do {
            return try WorkCalendar.parse(read("Sources/YuqingShell/Resources/calendar.txt"), file: "calendar.txt")
        } catch {
            Issue.record("cannot load the shipped calendar: \(error)")
            return .empty
        }
    }()
}

struct TestFileError: Error { let path: String }

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `2019-12-27` → CivilDate (test input is known good; a bad literal fails the test with a clear message).
func day(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) -> CivilDate {
    guard let d = CivilDate(parsing: s) else {
        Issue.record("bad date literal \(s)", sourceLocation: sourceLocation)
        return CivilDate(dayNumber: 0)
    }
    return d
}

/// `2019-12-27 15:00` (or `2019-12-27 24:00`) → Instant in Asia/Shanghai.
func at(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) -> Instant {
    let p = s.split(separator: " ")
    let hm = p.count == 2 ? p[1].split(separator: ":") : []
    guard p.count == 2, let d = CivilDate(parsing: p[0]), hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]) else {
        Issue.record("bad time literal \(s)", sourceLocation: sourceLocation)
        return Instant(seconds: 0)
    }
    return Instant(date: d, hour: h, minute: m)
}
