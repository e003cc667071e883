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
    /// Pushes buffered output out of the process (the script batcher calls it after each commit, so what is stored
    /// is also shown, not left in a buffer a killed process loses).
    func flush()
    /// Where a streamed listing writes its rows as they are read: this sink, unless it holds answers until a commit
    /// (a script's `GatedSink`), which then commits what ran before and lets the stream pass (a listing only reads,
    /// so what it shows is stored).
    func streamingSink() throws(ShellError) -> any OutputSink
}

extension OutputSink {
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
    public func out(_ text: String) { stdout += text; combined += text }
    public func err(_ text: String) { stderr += text; combined += text }
}
