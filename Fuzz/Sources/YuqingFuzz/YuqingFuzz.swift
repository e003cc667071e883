import Foundation
@testable import YuqingCore
@testable import YuqingShell
@testable import YuqingStore

/// One fuzz input: bytes as a script. Everything a script goes through before a handler runs is exercised with the
/// real pieces, nothing stubbed: decoding (UTF-8, NUL), the lexer, `$variable` expansion, the parser against the
/// real command table (so every verb's arguments reach the value parser: times, spans, working days, ids,
/// departments, choices), resolving times against the clock and calendar, the condition parser of `cases where`
/// and `count by … where` with its SQL compilation and in-memory evaluation, and the renderers and diagnostics
/// that print what was typed. Handlers are not run: they would write files and the store.
@_cdecl("LLVMFuzzerTestOneInput")
public func yuqingFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.run(Data(bytes: data, count: size))
    return 0
}

enum FuzzHarness {
    /// A session wired like the real one (calendar, policy, departments) on a memory store that is never written.
    nonisolated(unsafe) static let world: (Session, Workspace) = {
        let calendar = (try? Workspace.loadCalendar(userDirectory: nil)) ?? .empty
        let session = Session(language: .zh, format: .table, actor: Actor(name: "fuzz", role: .coordinator, dept: "open-gov"),
                              clock: SimulatedClock(Instant(date: CivilDate(year: 2019, month: 12, day: 19) ?? CivilDate(dayNumber: 0), hour: 9)))
        let engine = ObligationEngine(policy: .mingguang, calendar: calendar)
        let ws = Workspace(store: MemoryStore(projector: DueProjector(engine: engine)), calendar: calendar, policy: .mingguang)
        try? StoreConfigurator.install(ws, in: session)
        session.variables = ["last": "C1", "topic": "关于XX小区水质的舆情会商", "op": "=", "cond": "stage = claimed"]
        return (session, ws)
    }()

    static let sample = CaseSummary(
        id: EntityID(.caseFile, 7), title: "网传某小区自来水发黄", url: "https://weibo.com/1", stage: .claimed, dept: "police",
        level: .general, source: .weibo, category: .demand, historical: false, designated: false,
        collectedAt: Instant(seconds: 1_576_717_200), claimedAt: nil, nextDue: Instant(seconds: 1_576_720_800),
        nextDueRule: "report.unit")

    static func run(_ bytes: Data) {
        let (session, ws) = world
        let text: String
        do {
            text = try SourceText.decode(bytes, file: "fuzz.yq")
        } catch {
            show(error, line: nil, session)
            // Go on with the text as a careless caller would decode it: the lexer must refuse NUL itself.
            text = String(decoding: bytes, as: UTF8.self)
        }
        let lexer = Lexer(source: text, file: "fuzz.yq")
        var count = 0
        lexer.commands { item in
            count += 1
            guard count <= 64 else { return false }
            switch item {
            case .failure(let e):
                show(e, line: e.range.map { lexer.rawLines.indices.contains($0.line - 1) ? lexer.rawLines[$0.line - 1] : "" }, session)
            case .success(let cmd):
                do throws(ShellError) {
                    let words = try Parser.expand(cmd, variables: session.variables)
                    let (inv, _) = try Parser.parse(words: words, command: cmd, entries: CommandTable.entries, session: session)
                    try arguments(inv, session, ws)
                    render(words.map(\.text), session)
                } catch {
                    show(error, line: cmd.source.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init), session)
                }
            }
            return true
        }
    }

    /// What handlers do first with their arguments: resolve times, parse conditions.
    static func arguments(_ inv: Invocation, _ session: Session, _ ws: Workspace) throws(ShellError) {
        let options = inv.spec.allFlags + FlagSpec.global
        let args = inv.positionalArgs(from: 0) + options.flatMap { inv.optionArgs($0.name) }
        for a in args {
            if case .time(let t) = a.value { _ = try session.resolve(t) }
            if case .expression(var words) = a.value {
                if let first = words.first, ["where", "条件"].contains(first.text.lowercased()) { words.removeFirst() }
                if inv.spec.name == "count", words.count >= 2 { words.removeFirst(2) }
                filter(words, session, ws)
            }
        }
        _ = try? session.effectiveTime(inv)
    }

    static func filter(_ words: [Word], _ session: Session, _ ws: Workspace) {
        guard let q = try? ListQueries.parse(words, ws: ws, session: session), let f = q.filter else { return }
        var compiler = SQLFilterCompiler(now: session.now())
        _ = try? compiler.compile(f)
        _ = try? f.evaluate(sample, now: session.now())
    }

    static func show(_ e: ShellError, line: String?, _ session: Session) {
        for lang in [Language.zh, .en] {
            _ = Diagnostics.render(e, line: line, language: lang, color: true)
        }
        _ = session
    }

    /// Prints what was typed in every format, as a handler's answer quoting it would.
    static func render(_ words: [String], _ session: Session) {
        let cells = words.prefix(8).map { Cell.text($0) }
        let table = Table(title: Localized(words.first ?? ""), columns: cells.indices.map { Column("c\($0)", Localized("列\($0)")) },
                          rows: [cells, cells.reversed()])
        let out = CommandOutput(messages: [Localized(words.joined(separator: " "))], tables: [table], document: words.last)
        for format in OutputFormat.allCases {
            _ = Renderer(language: session.language, format: format, width: 60, color: true).render(out)
        }
        _ = TerminalText.escapeKeepingColors(words.joined(separator: "\u{1B}[1m"))
    }
}
