import Foundation
import Testing
import YuqingCore
@testable import YuqingShell
@testable import YuqingStore

/// The condition language under hostile input: no unbounded recursion (here or in SQLite's parser), and quoted
/// text is a value. Run on the SQLite store, where SQLite's own limits would show.
@Suite struct FilterDepthTests {
    static func shell() throws -> (Session, Workspace) {
        let (session, ws, _) = try FailedCommitTests.shell(failCommit: nil)
        for t in ["a=b (x)", "or", "普通", "not", "x\"y", "c,d"] {
            let r = FailedCommitTests.run("collect \"\(t.replacingOccurrences(of: "\"", with: "\\\""))\" --source weibo", session)
            #expect(r.1.exitCode == 0, "\(r.0.stderr)")
        }
        return (session, ws)
    }

    static func ids(_ script: String, _ session: Session) -> (ids: [String], err: String) {
        let (sink, _) = FailedCommitTests.run(script + " --format json", session)
        let rows = (try? JSONSerialization.jsonObject(with: Data(sink.stdout.utf8)) as? [[String: Any]]) ?? []
        return (rows.compactMap { $0["id"] as? String }, sink.stderr)
    }

    @Test(arguments: [
        (#"cases where title = "a=b (x)""#, ["C1"]),
        (#"cases where title="a=b (x)""#, ["C1"]),
        (#"cases where title = 'a=b (x)'"#, ["C1"]),
        (#"cases where title ~ "or""#, ["C2"]),
        (#"cases where title = "not" or title = "or""#, ["C2", "C4"]),
        (#"cases where title = "x\"y""#, ["C5"]),
        (#"cases where title in ("c,d", "普通")"#, ["C3", "C6"]),
        (#"cases where title ~ "(""#, ["C1"]),
        (#"cases where title = """#, []),
        (#"cases where title = "null""#, []),
    ])
    func quotedTextIsAValue(_ script: String, _ expected: [String]) throws {
        let (session, _) = try Self.shell()
        let r = Self.ids(script, session)
        #expect(r.err.isEmpty, "\(r.err)")
        #expect(r.ids == expected)
    }

    @Test(arguments: [0, 1, 2, 5_000, 5_001])
    func runsOfNotFold(_ n: Int) throws {
        let (session, _) = try Self.shell()
        let r = Self.ids("cases where " + String(repeating: "not ", count: n) + "historical", session)
        #expect(r.err.isEmpty, "\(r.err.prefix(300))")
        #expect(r.ids.count == (n % 2 == 0 ? 0 : 6))
    }

    /// A misspelt choice value or order-by field listed the choices but suggested none (fields did).
    @Test(arguments: [
        ("cases where stage = colected", "not a stage: “colected” (did you mean collected?); one of:"),
        ("cases order by titel", "not a field to order by: titel (did you mean title?); fields: id title url"),
    ])
    func misspeltValuesAndOrderFieldsGetASuggestion(_ script: String, _ expected: String) throws {
        let (session, _) = try Self.shell()
        let r = Self.ids(script, session)
        #expect(r.ids.isEmpty)
        #expect(r.err.contains(expected), "\(r.err)")
    }

    @Test func notInsideParenthesesFoldsToo() throws {
        let (session, _) = try Self.shell()
        let r = Self.ids("cases where not (not (not (not historical)))", session)
        #expect(r.ids.isEmpty && r.err.isEmpty)
    }

    @Test func parenthesesNestAtMostMaxDepth() throws {
        let (session, _) = try Self.shell()
        let d = CaseFilterParser.maxDepth
        let ok = Self.ids("cases where " + String(repeating: "(", count: d) + "not historical" + String(repeating: ")", count: d), session)
        #expect(ok.ids.count == 6, "\(ok.err.prefix(300))")
        let deep = 20_000
        let bad = Self.ids("cases where " + String(repeating: "(", count: deep) + "historical" + String(repeating: ")", count: deep), session)
        #expect(bad.ids.isEmpty)
        #expect(bad.err.contains("parentheses nested too deeply (at most \(d))"))
        #expect(bad.err.hasPrefix("s.yq:1:\(13 + d):"), "\(bad.err.prefix(200))")
    }

    @Test func longChainsRunAndAreBounded() throws {
        let (session, _) = try Self.shell()
        let n = CaseFilterParser.maxConditions
        let chain = (1..<n).map { "title = t\($0)" }.joined(separator: " or ")
        let r = Self.ids("cases where " + chain + " or title ~ 普", session)
        #expect(r.err.isEmpty, "\(r.err.prefix(300))")
        #expect(r.ids == ["C3"])
        let and = (1...n).map { _ in "not historical" }.joined(separator: " and ")
        #expect(Self.ids("cases where " + and, session).ids.count == 6)
        let over = Self.ids("cases where " + chain + " or title ~ a or title ~ b", session)
        #expect(over.err.contains("too many comparisons (at most \(n))"))
        let list = Self.ids("cases where id in (" + (1...(CaseFilterParser.maxValues + 1)).map { "C\($0)" }.joined(separator: ",") + ")", session)
        #expect(list.err.contains("too many values in in (…) (at most \(CaseFilterParser.maxValues))"))
    }

    @Test func chainsAreBalanced() throws {
        var p = CaseFilterParser(words: (1...512).map { _ in "historical" }.joined(separator: " and ").split(separator: " ").map(String.init),
                                 resolveDept: { $0 }, resolveTime: { _ in nil })
        let f = try #require(try p.parse().filter)
        func depth(_ f: CaseFilter) -> Int {
            switch f {
            case .and(let a, let b), .or(let a, let b): 1 + max(depth(a), depth(b))
            case .not(let a): 1 + depth(a)
            default: 0
            }
        }
        #expect(depth(f) == 9)
    }
}
