import Foundation
import Testing

/// A script on a real full disk: a 2 MB tmpfs, mounted where the tests run as root and may mount (elsewhere the
/// test says so and passes; `FailedCommitTests` injects the same failure into the store in any case).
@Suite struct FullDiskTests {
    /// Mounts a tmpfs of `size` on a new directory, or nil when not permitted here.
    static func mountTmpfs(size: String) -> URL? {
        guard getuid() == 0 else { return nil }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-full-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)) != nil else { return nil }
        guard sh("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir.path]) == 0 else {
            try? FileManager.default.removeItem(at: dir)
            return nil
        }
        return dir
    }

    static func unmount(_ dir: URL) {
        _ = sh("/bin/umount", [dir.path])
        try? FileManager.default.removeItem(at: dir)
    }

    @discardableResult
    static func sh(_ exe: String, _ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test func everySuccessPrintedOnAFullDiskIsStored() throws {
        guard let mnt = Self.mountTmpfs(size: "2m") else {
            print("FullDiskTests: mounting a tmpfs is not permitted here; covered by FailedCommitTests instead")
            return
        }
        defer { Self.unmount(mnt) }
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let db = mnt.appendingPathComponent("s.sqlite")
        let script = home.appendingPathComponent("many.yq")
        let n = 4000
        let setup = StoreProcessTests.finish(try StoreProcessTests.start(["-c", "as 陈晓 --role patrol --dept open-gov"], db: db, home: home))
        #expect(setup.1 == 0, "\(setup.0)")
        try (["as 陈晓"] + (1...n).map { "collect 第\($0)条帖子：某小区自来水发黄，居民反映已持续三天 --source weibo" })
            .joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        let (out, code) = StoreProcessTests.finish(try StoreProcessTests.start(["run", script.path], db: db, home: home))
        #expect(code == 3, "\(out.suffix(500))")
        let lines = Array(out.split(separator: "\n").drop { $0.hasPrefix("Now acting as") })
        let printed = lines.filter { $0.hasPrefix("C") }.count
        #expect(printed > 0 && printed < n, "\(printed) printed")
        // Printed: C1…Ck in order; then one error naming line k+1.
        for (i, l) in lines.prefix(printed).enumerated() { #expect(l.hasPrefix("C\(i + 1) collected")) }
        #expect(lines.dropFirst(printed).first?.hasPrefix("\(script.path):\(printed + 2):1: error: the store failed") == true,
                "\(lines.dropFirst(printed).prefix(3))")
        // Stored: exactly the printed ones, with their titles.
        let (json, c2) = StoreProcessTests.finish(try StoreProcessTests.start(
            ["--format", "json", "-c", "cases where stage = collected"], db: db, home: home))
        #expect(c2 == 0, "\(json.prefix(300))")
        let rows = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]) ?? []
        #expect(rows.count == printed)
        for r in rows {
            let id = (r["id"] as? String) ?? ""
            #expect((r["title"] as? String)?.hasPrefix("第\(id.dropFirst())条帖子") == true, "\(r)")
        }
        // With room again, the next id is the first one not printed: no id is given out twice.
        #expect(Self.sh("/bin/mount", ["-o", "remount,size=8m", mnt.path]) == 0)
        let (next, c3) = StoreProcessTests.finish(try StoreProcessTests.start(["-c", "as 陈晓", "-c", "collect 新帖子 --source weibo", "-c", "audit verify"],
                                                                             db: db, home: home))
        #expect(c3 == 0, "\(next)")
        #expect(next.contains("\nC\(printed + 1) collected"), "\(next)")
    }
    /// `store copy --to` a new file on a disk that fills up: the copy fails and no half store is left where the
    /// person asked for one (before: the file, its WAL, its queue and key stayed, an empty store of a copy that
    /// never happened). A source path that does not exist is refused (before: an empty store was made there and
    /// "Copied 0 events … Both chains verify" printed, exit 0).
    @Test func aCopyThatFailsLeavesNoHalfStore() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let db = home.appendingPathComponent("s.sqlite")
        let script = home.appendingPathComponent("many.yq")
        try (["as 陈晓 --role patrol --dept open-gov"] + (1...1500).map { "collect 第\($0)条帖子：某小区自来水发黄，居民反映已持续三天 --source weibo" })
            .joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        let setup = StoreProcessTests.finish(try StoreProcessTests.start(["run", script.path], db: db, home: home))
        #expect(setup.1 == 0, "\(setup.0.suffix(300))")
        let missing = home.appendingPathComponent("nosuch.sqlite"), other = home.appendingPathComponent("t.sqlite")
        let (refused, c1) = StoreProcessTests.finish(try StoreProcessTests.start(
            ["-c", "store copy --from \(missing.path) --to \(other.path)"], db: db, home: home))
        #expect(c1 != 0 && refused.contains("does not exist; nothing was copied"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: missing.path) && !FileManager.default.fileExists(atPath: other.path))
        guard let mnt = Self.mountTmpfs(size: "300k") else {
            print("FullDiskTests: mounting a tmpfs is not permitted here")
            return
        }
        defer { Self.unmount(mnt) }
        let target = mnt.appendingPathComponent("c.sqlite")
        let (out, code) = StoreProcessTests.finish(try StoreProcessTests.start(["-c", "store copy --to \(target.path)"], db: db, home: home))
        #expect(code != 0, "\(out)")
        #expect(out.contains("disk is full"), "\(out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mnt.path) == [], "\(out)")
    }

    /// `store rebuild` with no room in SQLite's temporary folder (a 64 KB tmpfs as `SQLITE_TMPDIR`), where it sorts
    /// and builds the full-text index: it fails saying where it needs room — not only SQLite's "database or disk is
    /// full", which sent people to look at the store's disk — and the store is as it was: the same search answer,
    /// an intact chain. With room, the same rebuild succeeds.
    @Test func aRebuildWithNoRoomForItsTemporaryFilesChangesNothing() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let db = home.appendingPathComponent("s.sqlite")
        let script = home.appendingPathComponent("many.yq")
        try (["as 陈晓 --role patrol --dept open-gov"] + (1...1500).map { "collect 第\($0)条帖子：某小区自来水发黄，\($0 % 7 == 0 ? "水质异常" : "居民反映已持续三天") --source weibo" })
            .joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        func yq(_ args: [String], tmp: URL? = nil) throws -> (String, Int32) {
            try Executable.launch(["--no-init", "--db", db.path] + args, home: home, cwd: home,
                                  env: tmp.map { ["SQLITE_TMPDIR": $0.path] } ?? [:])
        }
        let setup = try yq(["run", script.path])
        #expect(setup.1 == 0, "\(setup.0.suffix(300))")
        guard let mnt = Self.mountTmpfs(size: "64k") else {
            print("FullDiskTests: mounting a tmpfs is not permitted here")
            return
        }
        defer { Self.unmount(mnt) }
        let before = try yq(["-c", "search 水质 --limit 500"])
        #expect(before.1 == 0 && before.0.contains("C1498"), "\(before.0.suffix(300))")
        // With the progress line forced on: when it was drawn (after half a second of work), it is erased before
        // the error is printed (it was not: the error began on the line's last draw, `… events/serror: …`).
        let (out, code) = try Executable.launch(["--no-init", "--db", db.path, "-c", "store rebuild"], home: home, cwd: home,
                                                env: ["SQLITE_TMPDIR": mnt.path, "YUQING_PROGRESS": "1"])
        #expect(code == 3, "\(out)")
        if out.contains("rebuild: ") {
            #expect(out.contains("\r\u{1B}[K<command>:1:1: error: no room on disk"), "\(out.debugDescription)")
        }
        #expect(out.contains("error: no room on disk: the rebuild did not finish and the store is as it was"), "\(out)")
        #expect(out.contains("temporary folder \(mnt.path)") && out.contains("SQLITE_TMPDIR"), "\(out)")
        #expect(!out.contains("withheld") && !out.contains("Rebuilt"), "\(out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mnt.path) == [], "temporary files left behind")
        #expect(try yq(["-c", "search 水质 --limit 500"]) == before)
        let verify = try yq(["-c", "audit verify"])
        #expect(verify.1 == 0 && verify.0.contains("The hash chain is intact: 1503 events"), "\(verify.0)")
        let again = try yq(["-c", "store rebuild"], tmp: home)
        #expect(again.1 == 0 && again.0.contains("Rebuilt cases and deadlines from 1503 events"), "\(again.0)")
        #expect(try yq(["-c", "search 水质 --limit 500"]) == before)
    }
}
