import Foundation

/// Where a run writes: standard output for answers, standard error for diagnostics.
public protocol OutputSink: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
    /// Colours and width-fitting apply only on a terminal.
    var isTerminal: Bool { get }
    var color: Bool { get }
    /// Terminal columns, when known.
    var width: Int? { get }
    /// The columns of the terminal standard error goes to, when known (errors are folded there).
    var errWidth: Int? { get }
    /// Pushes buffered output out of the process (the script batcher calls it after each commit, so what is stored
    /// is also shown, not left in a buffer a killed process loses).
    func flush()
    /// Clears the terminal's screen (`clear`); nothing when the output is not a terminal.
    func clearScreen()
    /// Where a streamed listing writes its rows as they are read: this sink, unless it holds answers until a commit
    /// (a script's `GatedSink`), which then commits what ran before and lets the stream pass (a listing only reads,
    /// so what it shows is stored).
    func streamingSink() throws(ShellError) -> any OutputSink
}

extension OutputSink {
    public var errWidth: Int? { isTerminal ? width : nil }
    /// The width to fold sentences to: the terminal's, and none when the output goes to a pipe or a file.
    public var terminalWidth: Int? { isTerminal ? width : nil }
    public func clearScreen() {}
    public func flush() {}
    public func streamingSink() throws(ShellError) -> any OutputSink { self }
}

/// Collects output in memory (tests, `--commands-md`).
public final class BufferSink: OutputSink {
    public private(set) var stdout = ""
    public private(set) var stderr = ""
    /// Both streams interleaved in order, as a terminal would show them.
    public private(set) var combined = ""
    public var isTerminal: Bool
    public var color: Bool
    public var width: Int?
    public init(isTerminal: Bool = false, color: Bool = false, width: Int? = nil) {
        self.isTerminal = isTerminal
        self.color = color
        self.width = width
    }
    /// How many times `clear` asked to clear the screen (a terminal's sink would have).
    public private(set) var clears = 0
    public func clearScreen() { if isTerminal { clears += 1 } }
    public func out(_ text: String) { stdout += text; combined += text }
    public func err(_ text: String) { stderr += text; combined += text }
}
