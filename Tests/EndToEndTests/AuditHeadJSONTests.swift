import Foundation
import Testing

/// `audit head --format json` gave its checkpoint's time as `"2026-12-01 04:11:13"` where every other time in JSON
/// is ISO 8601 with the offset (docs/json.md), and the English line said "1 events" (found by accept19).
@Suite struct AuditHeadJSONTests {
    @Test func theCheckpointTimeIsISO8601() throws {
        let dir = FileManager.default.temporaryDirectory
        let (out, status) = try Executable.run(["--format", "json", "-c", "audit head"], cwd: dir)
        #expect(status == 0, "\(out)")
        let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("{") }, "\(out)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let checkpoint = try #require(object["checkpoint"] as? [String: Any], "\(object)")
        let at = try #require(checkpoint["at"] as? String)
        #expect(at.count == 25 && at.hasSuffix("+08:00") && Array(at)[10] == "T", "\(at)")
        let (text, _) = try Executable.run(["--lang", "en", "-c", "audit head"], cwd: dir)
        #expect(text.contains("Newest signed checkpoint: 1 event, "), "\(text)")
    }
}
