import Foundation
import Testing

/// Eight writers and a reader on one store at once, through the real executable: every writer finishes (none
/// starves into "database is locked"), everything printed is stored, and the reader is never refused. The reader's
/// speed is measured by `scripts/bench/contention.py`, not here.
@Suite struct ContentionTests {
    @Test func eightWritersAndAReader() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let db = home.appendingPathComponent("shared.sqlite")
        let writers = 8, n = 5000
        // The machine's user becomes the administrator and records each desk's patrol on its behalf.
        let setup = StoreProcessTests.finish(try StoreProcessTests.start(["-c", "as 陈晓 --role patrol --dept open-gov"], db: db, home: home))
        #expect(setup.1 == 0, "\(setup.0)")
        var scripts: [URL] = []
        for w in 0..<writers {
            let url = home.appendingPathComponent("w\(w).yq")
            try (["as 陈晓"] + (0..<n).map { "collect \"写者\(w) 第\($0)条\" --source weibo" }).joined(separator: "\n")
                .write(to: url, atomically: true, encoding: .utf8)
            scripts.append(url)
        }
        // Output to files: a pipe nobody reads would stall a writer.
        var running: [(Process, URL)] = []
        for (w, s) in scripts.enumerated() {
            let outURL = home.appendingPathComponent("w\(w).out")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            let p = Process()
            p.executableURL = Executable.url
            p.arguments = ["--no-init", "--db", db.path, "run", s.path]
            p.environment = Executable.environment(home)
            let h = try FileHandle(forWritingTo: outURL)
            p.standardOutput = h
            p.standardError = h
            p.standardInput = FileHandle.nullDevice
            try p.run()
            running.append((p, outURL))
        }
        var reads = 0
        var readFailures: [String] = []
        while running.contains(where: { $0.0.isRunning }) {
            let r = StoreProcessTests.finish(try StoreProcessTests.start(["-c", "count by source"], db: db, home: home))
            reads += 1
            if r.1 != 0 { readFailures.append(r.0) }
        }
        #expect(readFailures.isEmpty, "\(readFailures.prefix(3))")
        #expect(reads > 0)
        var printed: [String: String] = [:]
        for (w, (p, outURL)) in running.enumerated() {
            p.waitUntilExit()
            let out = try String(contentsOf: outURL, encoding: .utf8)
            let lines = out.split(separator: "\n")
            #expect(p.terminationStatus == 0, "writer \(w): \(lines.filter { !$0.hasPrefix("C") }.prefix(3))")
            #expect(!out.contains("locked") && !out.contains("busy"))
            #expect(lines.count == n + 1)  // and the `as` line
            for l in lines {
                guard let id = l.split(separator: " ").first, let open = l.firstIndex(of: "“"),
                      let close = l.firstIndex(of: "”") else { continue }
                printed[String(id)] = String(l[l.index(after: open)..<close])
            }
        }
        #expect(printed.count == writers * n)
        let (json, code) = StoreProcessTests.finish(try StoreProcessTests.start(
            ["--format", "json", "-c", "cases limit \(writers * n + 1)"], db: db, home: home))
        #expect(code == 0)
        let rows = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]) ?? []
        var stored: [String: String] = [:]
        for r in rows { if let id = r["id"] as? String { stored[id] = r["title"] as? String } }
        #expect(stored == printed)
        let audit = StoreProcessTests.finish(try StoreProcessTests.start(["-c", "audit verify"], db: db, home: home))
        #expect(audit.1 == 0, "\(audit.0)")
    }
}
