import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// One error protocol across the layers: each layer's error says what kind of failure it is, the shell shows any of
/// them the same way and takes the exit status from the kind.
@Suite struct ErrorProtocolTests {
    /// Store errors are mapped by cause, not all "internal".
    @Test(arguments: [
        (StoreError.badQuery("claimed < null"), ErrorKind.usage, ExitCode.scriptError),
        (StoreError.busy("locked"), .conflict, ExitCode.scriptError),
        (StoreError.conflict(caseID: EntityID(.caseFile, 7), expected: 3, actual: 4), .conflict, ExitCode.scriptError),
        (StoreError.unknownCase(EntityID(.caseFile, 7)), .notFound, ExitCode.scriptError),
        (StoreError.io("disk full"), .internal, ExitCode.internalFailure),
        (StoreError.corrupt("bad page"), .internal, ExitCode.internalFailure),
    ])
    func storeErrorsByCause(_ error: StoreError, _ kind: ErrorKind, _ status: Int32) {
        let shown = ShellError(caught: error)
        #expect(shown.kind == kind)
        #expect(shown.message == error.message)
        #expect(ExitCode.of(shown.kind) == status)
    }

    @Test func aLayerErrorKeepsItsHintAndGetsTheRange() {
        let range = SourceRange(file: "t.yq", line: 2, column: 7, length: 2)
        let refusal = WorkflowError(.tooLate, Localized(zh: "晚了", en: "too late"), next: Localized(zh: "核实", en: "verify"))
        let shown = ShellError(caught: refusal, range: range)
        #expect(shown.kind == .tooLate)
        #expect(shown.hint?.en == "verify")
        #expect(shown.range == range)
        #expect(ShellError(caught: CalendarError.negativeWorkingDays(-1)).kind == .data)
        #expect(ShellError(caught: PolicyError.missingCommand).kind == .usage)
    }

    @Test func aShellErrorKeepsWhereItPoints() {
        let own = SourceRange(file: "t.yq", line: 1, column: 1, length: 1)
        let other = SourceRange(file: "t.yq", line: 9, column: 9, length: 9)
        #expect(ShellError(caught: ShellError(zh: "甲", en: "a", range: own), range: other).range == own)
        #expect(ShellError(caught: ShellError(zh: "甲", en: "a"), range: other).range == other)
    }

    @Test func anythingElseIsAnInternalFailure() {
        struct Strange: Error {}
        #expect(ShellError(caught: Strange()).kind == .internal)
        #expect(ExitCode.of(.internal) == ExitCode.internalFailure)
    }

    /// A condition the store cannot evaluate is a usage error with a caret under the word, never exit 3.
    @Test(arguments: [
        ("cases where claimed < null", "<test>:1:23: error: null can only be compared with = or !=\ncases where claimed < null\n                      ^^^^\n"),
        ("count by stage where due >= 空", "<test>:1:29: error: null can only be compared with = or !=\ncount by stage where due >= 空\n                            ^^\n"),
        ("cases where overdue ~ x", "<test>:1:21: error: “overdue” holds no text to search with ~; compare it with = != < <= > >=\ncases where overdue ~ x\n                    ^\n"),
    ])
    func aBadQueryPointsAtTheWord(_ command: String, _ expected: String) {
        let r = TestShell().run(command)
        #expect(r.failures == 1)
        #expect(r.err == expected)
    }
}
