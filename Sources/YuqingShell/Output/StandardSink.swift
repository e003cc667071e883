import CReadline
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard output and standard error of the process. Standard output is buffered (fast scripts) and flushed
/// before anything goes to standard error, so the two interleave in order.
///
/// Text is written by its byte count (a NUL would cut a C string short). What goes to a terminal passes a last
/// guard: control and bidi characters left in it (text that did not pass through a renderer) are shown escaped,
/// yuqing's own colour sequences excepted.
public final class StandardSink: OutputSink {
    public let isTerminal: Bool
    private let errIsTerminal: Bool
    public let color: Bool
    public var width: Int? { StandardSink.terminalWidth() }
    public var errWidth: Int? { errIsTerminal ? StandardSink.terminalWidth(2) : nil }

    public init(environment: Environment = .current) {
        isTerminal = isatty(1) == 1
        errIsTerminal = isatty(2) == 1
        color = isTerminal && errIsTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    public func out(_ text: String) {
        StandardSink.write(isTerminal ? TerminalText.escapeKeepingColors(text) : text, to: yq_stdout())
    }

    public func err(_ text: String) {
        fflush(yq_stdout())
        StandardSink.write(errIsTerminal ? TerminalText.escapeKeepingColors(text) : text, to: yq_stderr())
    }

    private static func write(_ text: String, to file: UnsafeMutablePointer<FILE>?) {
        var text = text
        text.withUTF8 { b in _ = fwrite(b.baseAddress, 1, b.count, file) }
    }

    public func flush() { fflush(yq_stdout()) }

    /// `clear`: the cursor home and the screen blanked, as Ctrl-L does (the scrollback is kept).
    public func clearScreen() {
        guard isTerminal else { return }
        StandardSink.write("\u{1B}[H\u{1B}[2J", to: yq_stdout())
        fflush(yq_stdout())
    }

    static func terminalWidth(_ fd: Int32 = 1) -> Int? {
        var ws = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        return nil
    }
}
