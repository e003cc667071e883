import Foundation
import Testing
@testable import YuqingStore
#if canImport(Glibc)
import Glibc
#endif

/// `YUQING_TEST_OPERATOR` is honoured only where it gives nobody anything new (docs/security.md, "Testing with
/// several operators"): a personal SQLite store of the user running yuqing, or a memory store — never a store
/// that others can read or write, never a malformed login. (Tests run the debug build, where the switch exists.)
@Suite struct TestOperatorTests {
    static let env = [TestOperator.variable: "wangfang"]

    static func folder(mode: mode_t) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-op-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, mode)
        return dir
    }

    @Test func aPersonalStoreAndAMemoryStoreHonourIt() throws {
        let dir = try Self.folder(mode: 0o700)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SQLiteStore(path: dir + "/s.sqlite", projector: StubProjector())
        #expect(TestOperator.login(for: store, environment: Self.env) == "wangfang")
        #expect(TestOperator.login(for: MemoryStore(projector: StubProjector()), environment: Self.env) == "wangfang")
        #expect(TestOperator.login(for: store, environment: [:]) == nil, "without the variable, the OS login stands")
    }

    /// A store someone else may read or write — a shared store's file (0660) or its group-writable folder — ignores
    /// it: no member of the group can pass for another.
    @Test(arguments: [(file: mode_t(0o660), dir: mode_t(0o700)), (file: 0o640, dir: 0o700), (file: 0o604, dir: 0o700),
                      (file: 0o600, dir: 0o2770), (file: 0o600, dir: 0o777)])
    func aStoreOthersCanReachIgnoresIt(_ modes: (file: mode_t, dir: mode_t)) throws {
        let dir = try Self.folder(mode: 0o700)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SQLiteStore(path: dir + "/s.sqlite", projector: StubProjector())
        chmod(dir + "/s.sqlite", modes.file)
        chmod(dir, modes.dir)
        #expect(TestOperator.login(for: store, environment: Self.env) == nil,
                "file \(String(modes.file, radix: 8)), folder \(String(modes.dir, radix: 8))")
    }

    @Test(arguments: ["", "王芳", "a b", "x;DROP", "../etc", String(repeating: "a", count: 65)])
    func aMalformedLoginIsIgnored(_ login: String) {
        #expect(TestOperator.login(for: MemoryStore(projector: StubProjector()), environment: [TestOperator.variable: login]) == nil)
    }
}
