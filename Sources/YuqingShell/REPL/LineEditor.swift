import CReadline
import Foundation
import YuqingStore
#if canImport(Glibc)
import Glibc
#endif

/// What reading a line gave.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: drop what was being typed (the line, or a half-entered text block).
    case interrupted
    /// Ctrl-D on an empty line, or the end of input.
    case end
}

/// Set by the SIGINT handler, cleared by readline's signal hook. A C signal handler can reach nothing but a global,
/// and may only store a plain word (async-signal-safe: the C idiom is a `volatile sig_atomic_t`), so this is
/// `nonisolated(unsafe)`: the one store from the handler and the reads by the hook are the only accesses.
nonisolated(unsafe) private var interruptFlag: Int32 = 0

/// Whether Ctrl-C was pressed since the REPL last read a line, clearing it: long work at the prompt (an import) asks
/// between rows and stops (`ProgressLine.interrupted`). Outside the REPL SIGINT keeps its default and ends the process.
func takePendingInterrupt() -> Bool {
    guard interruptFlag != 0 else { return false }
    interruptFlag = 0
    return true
}

/// What readline's callbacks need. They are C function pointers that cannot capture context, so this lives in a
/// global; `nonisolated(unsafe)` because only the REPL thread touches it: the REPL sets it before calling
/// `readline()`, and the callbacks (completion, the signal hook, the ten-times-a-second event hook) run inside that
/// call, on the same thread.
private struct ReadlineState {
    var completer: Completer?
    /// The main prompt, shown again after Ctrl-C in a continuation line (readline keeps the pointer).
    var mainPrompt: UnsafeMutablePointer<CChar>?
    var interruptedDuringRead = false
    /// Whether the line being read continues a command (`…> `): the main prompt is then not on screen.
    var readingContinuation = false
    /// What the REPL does while readline waits for a key (a live drill's injects falling due); set by the REPL.
    var idleWork: (() -> Void)?
}
nonisolated(unsafe) private var readlineState = ReadlineState()

/// The main prompt on screen now, nil while a continuation line is read.
func currentPrompt() -> String? {
    guard !readlineState.readingContinuation, let p = readlineState.mainPrompt else { return nil }
    return String(cString: p)
}

/// Sets (or, with nil, clears) what the REPL does while readline waits for a key.
func setIdleWork(_ work: (() -> Void)?) { readlineState.idleWork = work }

/// Readline calls this about ten times a second while it waits for input (`rl_set_keyboard_input_timeout`).
/// With an event hook readline waits in `select`, which Ctrl-C interrupts without ever calling the signal hook
/// (it calls this one instead), so Ctrl-C is looked for here too: before, it was ignored at the prompt.
private let eventHook: @convention(c) () -> Int32 = {
    if interruptFlag != 0 { _ = signalHook() }
    readlineState.idleWork?()
    return 0
}

/// Prints text above the line being typed and redraws the prompt and the line (the buffer and cursor are kept).
func printAboveInput(_ body: () -> Void, prompt: String?) {
    rl_clear_visible_line()
    body()
    fflush(yq_stdout())
    if let prompt, !readlineState.readingContinuation {
        free(readlineState.mainPrompt)
        readlineState.mainPrompt = strdup(prompt)
        rl_set_prompt(prompt)
    }
    rl_on_new_line()
    rl_redisplay()
}

/// A new prompt (the drill clock moved), drawn without disturbing the line being typed.
func refreshPrompt(_ prompt: String) {
    free(readlineState.mainPrompt)
    readlineState.mainPrompt = strdup(prompt)
    rl_set_prompt(prompt)
    rl_redisplay()
}

/// The SIGINT handler only sets a flag (async-signal-safe); readline calls `signalHook` when its read is
/// interrupted, and that clears the line.
private func installInterruptHandler() {
    var sa = sigaction()
    sa.__sigaction_handler.sa_handler = { _ in interruptFlag = 1 }
    sigemptyset(&sa.sa_mask)
    sa.sa_flags = 0  // no SA_RESTART: the read returns EINTR so readline runs the hook
    sigaction(SIGINT, &sa, nil)
    // A REPL started with SIGINT blocked (the mask is inherited: a launcher's thread that blocks it) got Ctrl-C only
    // while readline unblocked it, so long work at the prompt could not be stopped.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
}

private let signalHook: @convention(c) () -> Int32 = {
    guard interruptFlag != 0 else { return 0 }
    interruptFlag = 0
    readlineState.interruptedDuringRead = true
    rl_replace_line("", 0)
    fputs("^C", yq_stdout())
    rl_crlf()
    if let p = readlineState.mainPrompt { rl_set_prompt(p) }
    rl_on_new_line()
    rl_redisplay()
    return 0
}

private let completionFunction: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, start, _ in
    yq_rl_set_attempted_completion_over(1)
    guard let completer = readlineState.completer else { return nil }
    let word = text.map { String(cString: $0) } ?? ""
    var before = ""
    if let buf = yq_rl_line_buffer() {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buf).assumingMemoryBound(to: UInt8.self), count: Int(start))
        before = String(decoding: bytes, as: UTF8.self)
    }
    var cands = completer.candidates(before: before, word: word)
    if cands.isEmpty && (completer.wantsPath(before: before, word: word) || word.contains("/")) {
        cands = Completer.files(matching: word)
    }
    guard !cands.isEmpty else { return nil }
    yq_rl_set_completion_append_character(cands.count == 1 && cands[0].hasSuffix("/") ? 0 : 32)
    // readline wants [common prefix, match…, NULL], every string malloc'd (it frees them).
    var lcp = cands[0]
    for c in cands.dropFirst() {
        while !c.hasPrefix(lcp) { lcp.removeLast() }
    }
    let list = cands.count == 1 ? cands : [lcp] + cands
    guard let array = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (list.count + 1))?
        .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: list.count + 1) else { return nil }
    for (i, s) in list.enumerated() { array[i] = strdup(s) }
    array[list.count] = nil
    return array
}

/// Line editing over GNU readline: history file, Ctrl-R, completion, Ctrl-C that clears the line.
final class ReadlineEditor {
    let historyPath: String

    init(historyPath: String, completer: Completer) {
        self.historyPath = historyPath
        if setlocale(LC_ALL, "") == nil || !ReadlineEditor.localeIsUTF8() {
            setlocale(LC_ALL, "C.UTF-8")
            // Readline sets LC_CTYPE again from LC_ALL / LC_CTYPE / LANG when it starts: under LANG=C it went back
            // to bytes, and backspace took one byte of a Chinese character. The language was chosen already.
            setenv("LC_ALL", "C.UTF-8", 1)
        }
        readlineState.completer = completer
        yq_rl_set_readline_name(strdup("yuqing"))  // readline keeps the pointer: it must outlive this call
        yq_rl_set_catch_signals(0)
        yq_rl_set_completion(completionFunction)
        yq_rl_set_signal_event_hook(signalHook)
        yq_rl_set_event_hook(eventHook)
        rl_set_keyboard_input_timeout(100_000)
        yq_rl_set_basic_word_break_characters(strdup(" \t\n"))
        installInterruptHandler()
        using_history()
        stifle_history(2000)
        // Only its owner may read the history (an older yuqing left it 0644).
        try? SecureFiles.touch(historyPath, mode: 0o600)
        _ = chmod(historyPath, 0o600)
        _ = read_history(historyPath)
    }

    static func localeIsUTF8() -> Bool {
        guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    func readLine(prompt: String, continuation: Bool, main: String) -> LineInput {
        interruptFlag = 0
        readlineState.interruptedDuringRead = false
        free(readlineState.mainPrompt)
        readlineState.mainPrompt = strdup(main)
        readlineState.readingContinuation = continuation
        guard let raw = readline(prompt) else {
            fputs("\n", yq_stdout())
            return .end
        }
        defer { free(raw) }
        let text = String(cString: raw)
        if readlineState.interruptedDuringRead {
            readlineState.interruptedDuringRead = false
            // The text typed after Ctrl-C starts afresh at the main prompt.
            return text.isEmpty ? .interrupted : .line("\u{0}" + text)
        }
        return .line(text)
    }

    func addHistory(_ entry: String) {
        add_history(entry)
        if FileManager.default.fileExists(atPath: historyPath) {
            _ = append_history(1, historyPath)
        } else {
            _ = write_history(historyPath)
        }
    }

    func close() {
        _ = history_truncate_file(historyPath, 2000)
    }
}
