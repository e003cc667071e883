import CReadline
import Foundation
import YuqingCore

/// The interactive loop on a terminal: prompt with who acts and the open meeting, multi-line input for `\`
/// continuations and `<<END` blocks, errors reported without stopping.
final class REPL {
    let session: Session
    let interpreter: Interpreter
    let sink: StandardSink
    let historyPath: String

    init(session: Session, interpreter: Interpreter, sink: StandardSink, historyPath: String) {
        self.session = session
        self.interpreter = interpreter
        self.sink = sink
        self.historyPath = historyPath
    }

    static let continuationPrompt = "…> "

    func run() -> Int32 {
        let editor = ReadlineEditor(historyPath: historyPath,
                                    completer: Completer(entries: interpreter.entries, session: session))
        defer { editor.close() }
        let welcome = Localized(zh: "yuqing 舆情 — 输入 help 查看命令，Ctrl-D 退出",
                                en: "yuqing 舆情 — type `help` for commands, Ctrl-D to leave")
        sink.out(session.say(welcome) + "\n")
        for l in session.domain?.startupBoard(session) ?? [] { sink.out(l + "\n") }
        // Live lines: only here, at a terminal. Scripts and piped input never get a feed.
        let live = (session.domain as? Workspace).map { LiveFeed(ws: $0, session: session) }
        let pages = IdlePages()
        setIdleWork { [session, interpreter, sink] in REPL.idle(session, interpreter, sink, live, pages) }
        defer { setIdleWork(nil) }
        var pending = ""
        while session.quitRequested == nil {
            sink.flush()
            let main = session.prompt
            let input = editor.readLine(prompt: pending.isEmpty ? main : REPL.continuationPrompt,
                                        continuation: !pending.isEmpty, main: main)
            switch input {
            case .end:
                return session.quitRequested ?? ExitCode.ok
            case .interrupted:
                pending = ""
                continue
            case .line(var line):
                if line.hasPrefix("\u{0}") {
                    pending = ""
                    line.removeFirst()
                }
                pending += pending.isEmpty ? line : "\n" + line
            }
            if Lexer.needsMore(pending) { continue }
            let entry = pending
            pending = ""
            guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            editor.addHistory(HistoryText.redacted(entry))
            session.history.append(HistoryText.sessionEntry(entry))
            let before = session.actor.name
            _ = interpreter.run(source: entry, file: Diagnostics.interactiveFile, session: session, keepGoing: true, output: sink)
            if let lines = live?.commandRan(actors: [before, session.actor.name]) {
                REPL.show(lines, session, sink)
            }
            pages.touched()
        }
        sink.flush()
        return session.quitRequested ?? ExitCode.ok
    }

    /// While readline waits: run what the domain says is due (a live drill's injects, a joined drill's journal)
    /// above the line being typed, print the live lines of the store's news, and keep the prompt current (a live
    /// drill's clock, a meeting closed elsewhere); after a few quiet seconds, give back the executable's pages
    /// (`IdlePages`).
    static func idle(_ session: Session, _ interpreter: Interpreter, _ sink: StandardSink, _ live: LiveFeed?,
                     _ pages: IdlePages) {
        if case .run(let command) = session.domain?.idleWork() ?? .none {
            printAboveInput({
                _ = interpreter.run(source: command, file: "<live>", session: session, keepGoing: true, output: sink)
                sink.flush()
            }, prompt: session.prompt)
            pages.touched()
            return
        }
        if let lines = live?.poll(), !lines.isEmpty {
            printAboveInput({ show(lines, session, sink) }, prompt: session.prompt)
            pages.touched()
        } else if let current = currentPrompt(), current != session.prompt {
            refreshPrompt(session.prompt)
        } else {
            pages.idle()
        }
    }

    /// Prints live lines (already escaped) and rings the bell once if one of them asks for it and the bell is on.
    static func show(_ lines: [LiveLine], _ session: Session, _ sink: StandardSink) {
        guard !lines.isEmpty else { return }
        for l in lines { sink.out(SentenceWrap.chatLine(l.text, width: sink.terminalWidth) + "\n") }
        sink.flush()
        if lines.contains(where: \.ring), LiveSettings.of(session).bell { fputs("\u{07}", yq_stdout()) }
        fflush(yq_stdout())
    }
}
