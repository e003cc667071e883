import CReadline
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard output and standard error of the process. Standard output is buffered (fast scripts) and flushed
/// before anything goes to standard error, so the two interleave in order.
public final class StandardSink: OutputSink {
    public let isTerminal: Bool
    public let color: Bool
    public var width: Int? { StandardSink.terminalWidth() }

    public init(environment: Environment = .current) {
        isTerminal = isatty(1) == 1
        color = isTerminal && isatty(2) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    public func out(_ text: String) { fputs(text, yq_stdout()) }

    public func err(_ text: String) {
        fflush(yq_stdout())
        fputs(text, yq_stderr())
    }

    public func flush() { fflush(yq_stdout()) }

    static func terminalWidth() -> Int? {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        return nil
    }
}
