import CReadline
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Signal handlers only set flags (async-signal-safe); the board's loop reads them.
nonisolated(unsafe) private var resizedFlag: Int32 = 0
nonisolated(unsafe) private var interruptedFlag: Int32 = 0

/// The terminal as a full-screen board (`watch`): input without echo, line editing or signals (any key, Ctrl-C
/// included, arrives as a byte and ends the board), the alternate screen with the cursor hidden, the size read
/// again when the window changes (SIGWINCH). `restore()` puts everything back as it was, whatever happened.
final class TerminalScreen {
    private var saved = termios()
    private var savedWinch = sigaction()
    private var savedInt = sigaction()
    private var savedMask = sigset_t()
    private var restored = false

    /// Nil when standard input or output is not a terminal (a script, a pipe): there is no screen to take.
    init?() {
        guard isatty(0) == 1, isatty(1) == 1, tcgetattr(0, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        guard tcsetattr(0, TCSAFLUSH, &raw) == 0 else { return nil }
        resizedFlag = 0
        interruptedFlag = 0
        var winch = sigaction()
        winch.__sigaction_handler.sa_handler = { _ in resizedFlag = 1 }
        sigemptyset(&winch.sa_mask)
        winch.sa_flags = 0
        sigaction(SIGWINCH, &winch, &savedWinch)
        // A SIGINT sent by `kill` (not typed: typed, it is a byte now) ends the board too, never the process with
        // the terminal left raw.
        var int = sigaction()
        int.__sigaction_handler.sa_handler = { _ in interruptedFlag = 1 }
        sigemptyset(&int.sa_mask)
        int.sa_flags = 0
        sigaction(SIGINT, &int, &savedInt)
        // A process may start with these signals blocked (inherited from whatever spawned it): unblock them while
        // the board runs, or a resize would never be noticed.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        sigaddset(&wanted, SIGWINCH)
        sigaddset(&wanted, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &wanted, &savedMask)
        TerminalScreen.write("\u{1B}[?1049h\u{1B}[?25l")
    }

    deinit { restore() }

    /// Leaves the alternate screen, shows the cursor, puts the terminal modes and signal handlers back.
    func restore() {
        guard !restored else { return }
        restored = true
        TerminalScreen.write("\u{1B}[?25h\u{1B}[?1049l")
        tcsetattr(0, TCSAFLUSH, &saved)
        sigaction(SIGWINCH, &savedWinch, nil)
        sigaction(SIGINT, &savedInt, nil)
        pthread_sigmask(SIG_SETMASK, &savedMask, nil)
    }

    /// Columns and rows (80×24 when the terminal does not say).
    var size: (width: Int, height: Int) {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 { return (Int(ws.ws_col), Int(ws.ws_row)) }
        return (80, 24)
    }

    /// True once after the window changed size.
    func takeResize() -> Bool {
        guard resizedFlag != 0 else { return false }
        resizedFlag = 0
        return true
    }

    var interrupted: Bool { interruptedFlag != 0 }

    /// Draws the whole screen: each line already fits the width, and there are no more lines than rows.
    func draw(_ lines: [String]) {
        TerminalScreen.write("\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\r\n"))
    }

    /// Waits up to `ms` for a key; true when one was pressed (what it was does not matter).
    func waitForKey(ms: Int32) -> Bool {
        var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, ms) > 0 else { return false }
        var buf = [UInt8](repeating: 0, count: 64)
        // A key, or the end of input (the terminal went away): either ends the board. EINTR is a signal's business.
        return read(0, &buf, buf.count) >= 0
    }

    static func write(_ s: String) {
        var s = s
        s.withUTF8 { b in _ = fwrite(b.baseAddress, 1, b.count, yq_stdout()) }
        fflush(yq_stdout())
    }
}
