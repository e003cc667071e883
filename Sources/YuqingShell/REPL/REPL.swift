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
        setIdleWork { [session, interpreter, sink] in REPL.idle(session, interpreter, sink) }
        defer { setIdleWork(nil) }
        for l in session.domain?.startupBoard(session) ?? [] { sink.out(l + "\n") }
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
            session.history.append(entry)
            _ = interpreter.run(source: entry, file: Diagnostics.interactiveFile, session: session, keepGoing: true, output: sink)
        }
        sink.flush()
        return session.quitRequested ?? ExitCode.ok
    }

    /// While readline waits: run what the domain says is due (a live drill's injects) above the line being typed,
    /// and keep the prompt's drill clock current. Nothing at all unless a live drill runs.
    static func idle(_ session: Session, _ interpreter: Interpreter, _ sink: StandardSink) {
        switch session.domain?.idleWork() ?? .none {
        case .none:
            return
        case .run(let command):
            printAboveInput({
                _ = interpreter.run(source: command, file: "<live>", session: session, keepGoing: true, output: sink)
            }, prompt: session.prompt)
        case .refreshPrompt:
            if let current = currentPrompt(), current != session.prompt { refreshPrompt(session.prompt) }
        }
    }
}
