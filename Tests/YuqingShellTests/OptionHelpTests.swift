import Testing
import YuqingCore
@testable import YuqingShell

/// Every option says what it is for, in both languages: `help VERB` and docs/commands.md printed `--note TEXT`,
/// `--as duplicate|recurrence`, `--dept DEPT`, `--actions FILE`, `--reason TEXT` with an empty description under
/// `extend approve|reject`, `review`, `link`, `close`, `instruct undertake|complete` and `drill check` (accept19).
@Suite struct OptionHelpTests {
    @Test(arguments: CommandTable.flattened(CommandTable.entries).map(\.spec.fullName))
    func everyOptionHasHelpInBothLanguages(_ name: String) throws {
        let spec = try #require(CommandTable.flattened(CommandTable.entries).first { $0.spec.fullName == name }?.spec)
        for f in spec.flags {
            #expect(!f.help.zh.isEmpty && !f.help.en.isEmpty, "\(name) --\(f.name) has no help")
        }
    }
}
