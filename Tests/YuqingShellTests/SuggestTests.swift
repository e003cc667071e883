import Testing
import YuqingCore
@testable import YuqingShell

/// "Did you mean": still finds typos, and never measures a word that cannot be near anything.
@Suite struct SuggestTests {
    static let verbs = CommandTable.entries.flatMap { [$0.spec.name, $0.spec.alias] }

    @Test(arguments: [("clcok", "clock"), ("colect", "collect"), ("hlep", "help"), ("认", "认领"), ("zzzzzz", nil)] as [(String, String?)])
    func typosAreFound(_ word: String, _ expected: String?) {
        #expect(Suggest.nearest(word, among: Self.verbs) == expected)
    }

    /// A word longer than any candidate by more than the edit limit is near none of them (no distance is computed).
    @Test(arguments: [20, 1_000, 60_000, 1_000_000])
    func longWordsAreNearNothing(_ n: Int) {
        #expect(Suggest.nearest(String(repeating: "x", count: n), among: Self.verbs) == nil)
        #expect(DidYouMean.suggest(String(repeating: "x", count: n), among: ["verify", "name"]) == nil)
    }

    @Test func anUnknownVerbOfSixtyThousandCharactersIsShortenedInItsError() {
        let (out, r) = runShell(String(repeating: "動", count: 60_000))
        #expect(r.failures == 1)
        #expect(out.contains("unknown command"))
        #expect(out.contains("characters left out"))
        #expect(out.split(separator: "\n").allSatisfy { $0.count < 1_000 })
    }
}
