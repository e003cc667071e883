import Testing
import YuqingCore
@testable import YuqingShell

/// The command table as a whole: every verb's declarations hold together, sub-verbs are entries of their own, and
/// the parser returns the leaf entry.
@Suite struct CommandTableTests {
    static let all = CommandTable.flattened(CommandTable.entries + TestVerbs.entries)

    /// A handler reads its arguments through the properties it declares, so a lookup cannot name an option that is
    /// not there; what remains to check is that each property's Swift type can hold what the parser makes of its
    /// kind (a `String` property declared `.integer` would always read as absent).
    @Test(arguments: all.map(\.spec.fullName))
    func everyDeclarationFitsItsType(_ name: String) throws {
        let spec = try #require(Self.all.first { $0.spec.fullName == name }?.spec)
        for d in spec.declarations {
            #expect(d.typeFits, "\(name): \(d.name ?? "?") is \(d.typeName) but declared \(d.kind.placeholder)")
        }
        // Positionals: required ones first, a list (variadic) or a rest-of-line expression only last.
        let positionals = spec.positionals
        for (i, p) in positionals.enumerated() {
            if p.variadic { #expect(i == positionals.count - 1, "\(name): \(p.name) is variadic but not last") }
            if case .expression = p.kind { #expect(i == positionals.count - 1, "\(name): \(p.name) is an expression but not last") }
            if i > 0, !positionals[i - 1].variadic, positionals[i - 1].optional {
                #expect(p.optional, "\(name): required \(p.name) after an optional positional")
            }
        }
        let names = spec.allFlags.map(\.name)
        #expect(Set(names).count == names.count, "\(name): an option is declared twice")
        #expect(spec.allFlags.filter(\.fromBlock).count <= 1, "\(name): more than one option takes the text block")
        if spec.allFlags.contains(where: \.fromBlock) { #expect(spec.textBlock, "\(name): fromBlock without textBlock") }
    }

    /// Every positional argument, option and flag of every verb says what it is, in both languages: 58 positional
    /// arguments had empty help cells in docs/commands.md (`help VERB` showed nothing for them either).
    @Test func everyArgumentHasHelpInBothLanguages() {
        func lacks(_ h: Localized) -> Bool {
            h.zh.isEmpty || h.en.isEmpty || h.zh == h.en
                || !h.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
        }
        var missing: [String] = []
        for e in CommandTable.flattened(CommandTable.entries) {
            for p in e.spec.positionals where lacks(p.help) { missing.append("\(e.spec.fullName) \(p.name)") }
            for f in e.spec.allFlags where lacks(f.help) { missing.append("\(e.spec.fullName) --\(f.name)") }
        }
        #expect(missing.isEmpty, "\(missing.count) without help in both languages: \(missing.joined(separator: ", "))")
    }

    /// A sub-verb is an entry with its own handler (a verb without one only groups sub-verbs), and its usage line
    /// names its parent.
    @Test func subverbsAreEntries() {
        for e in Self.all {
            if e.handler == nil {
                #expect(!e.spec.subverbs.isEmpty, "\(e.spec.fullName) has neither a handler nor sub-verbs")
                if let d = e.spec.defaultSubverb { #expect(e.spec.subverb(named: d) != nil, "\(e.spec.fullName): no default \(d)") }
            }
            if let parent = e.spec.parent {
                #expect(e.spec.usage.hasPrefix(parent + " " + e.spec.name), "\(e.spec.fullName): usage `\(e.spec.usage)`")
            }
        }
    }

    static func parseDomain(_ source: String) throws(ShellError) -> (Invocation, CommandEntry) {
        guard case .success(let cmd)? = Lexer.lex(source, file: "t.yq").first else { throw ShellError(zh: "空", en: "empty") }
        return try Parser.parse(words: try Parser.expand(cmd, variables: [:]), command: cmd, entries: CommandTable.entries,
                                session: nil)
    }

    @Test(arguments: [
        ("extend approve X1 --days 3", "extend approve"),
        ("extend C7 --days 3 --reason r", "extend"),
        ("instruct complete L1", "instruct complete"),
        ("report special C7", "report special"),
        ("report monthly 2020-01", "report monthly"),
        ("drill", "drill status"),
        ("drill --format json", "drill status"),
        ("演练 下一步", "drill next"),
        ("meeting", "meeting show"),
        ("dept", "dept list"),
        ("audit", "audit verify"),
        ("policy set verify limit 7wd", "policy set"),
        ("制度 设定 verify limit 7wd", "policy set"),
        ("clock", "clock"),
        ("clock advance 2h", "clock advance"),
    ])
    func parserReturnsTheLeafEntry(_ source: String, _ leaf: String) throws {
        let (inv, entry) = try Self.parseDomain(source)
        #expect(entry.spec.fullName == leaf)
        #expect(inv.spec.fullName == leaf)
        #expect(entry.handler != nil)
    }

    @Test(arguments: [
        ("policy", 1, 1, 6, "`policy` needs a sub-command: show (查看), use (启用), export (导出), name (名称), cutoff (截止), rule (规则), set (设定), remove (删除), reading (解读), supervision (督查), score (计分)"),
        ("policy foo x", 1, 8, 3, "`policy` has no sub-command `foo`"),
        ("extend C7 --days 3", 1, 1, 6, "`extend` needs --reason TEXT"),
        ("extend C7 --days 61 --reason r", 1, 18, 2, "--days must be between 1 and 60 (got 61)"),
        ("extend approve X1 --days 0", 1, 26, 1, "--days must be between 1 and 60 (got 0)"),
        ("extend reject X1", 1, 1, 13, "`extend reject` needs --reason TEXT"),
        ("assess C7", 1, 1, 6, "`assess` needs --level general|high-attention|major-sensitive"),
        ("collect t --views -1", 1, 19, 2, "--views must be between 0 and 1,000,000,000,000 (got -1)"),
        ("collect t --reposts 1000000000001", 1, 21, 13, "--reposts must be between 0 and 1,000,000,000,000 (got 1000000000001)"),
        ("collect \"\"", 1, 9, 2, "`collect`: title is empty"),
        ("clock advance 3651d", 1, 15, 5, "the span `3651d` is longer than the limit of 3,650 days"),
        ("quit 256", 1, 6, 3, "STATUS must be between 0 and 255 (got 256)"),
        ("drill advance", 1, 15, 1, "`drill advance` is missing SPAN"),
        ("risk C7 --nature n --trend rising", 1, 1, 4, "`risk` needs --impact low|medium|high|severe"),
        ("instruct C7 --text t", 1, 1, 8, "`instruct` needs --leader TEXT"),
        ("instruct C7 --leader l --text t --due +3651d", 1, 39, 6, "the span `3651d` is longer than the limit of 3,650 days"),
    ] as [(String, Int, Int, Int, String)])
    func declaredRequirementsAndRanges(_ source: String, _ line: Int, _ col: Int, _ len: Int, _ message: String) {
        do {
            _ = try Self.parseDomain(source)
            Issue.record("accepted: \(source)")
        } catch {
            #expect(error.message.en == message)
            #expect(error.range == SourceRange(file: "t.yq", line: line, column: col, length: len))
        }
    }

    /// The generic error for a missing option is bilingual and points at the verb (and its sub-verb).
    @Test func missingOptionIsBilingual() throws {
        do { _ = try Self.parseDomain("extend approve"); Issue.record("accepted") } catch {
            #expect(error.message.zh == "extend approve 缺少参数：延期申请编号（如 X7）")
        }
        // Named by its help ("assign C7" said only "assign 缺少参数", then named the kind: 部门).
        do { _ = try Self.parseDomain("assign C7"); Issue.record("accepted") } catch {
            #expect(error.message.zh == "assign 缺少参数：承办部门（代码或名称）")
        }
        do { _ = try Self.parseDomain("extend C7 --reason r"); Issue.record("accepted") } catch {
            #expect(error.message.zh == "extend 缺少选项 --days N（1–60）")
            #expect(error.message.en == "`extend` needs --days N (1–60)")
            #expect(error.hint?.en.hasPrefix("usage: extend CASE") == true)
        }
    }
}
