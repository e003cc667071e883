import Foundation
import YuqingCore
import YuqingStore

/// Holds a script's output until the store has committed the commands that produced it, so nothing printed can be
/// lost if the process dies mid-batch ("never lose acknowledged data"). Order of standard output and error is kept.
final class GatedSink: OutputSink {
    private let inner: any OutputSink
    private var held: [(isError: Bool, text: String)] = []
    init(_ inner: any OutputSink) { self.inner = inner }
    var isTerminal: Bool { inner.isTerminal }
    var color: Bool { inner.color }
    var width: Int? { inner.width }
    func out(_ text: String) { held.append((false, text)) }
    func err(_ text: String) { held.append((true, text)) }
    /// Writes what is held; call only after a commit.
    func release() {
        for h in held { if h.isError { inner.err(h.text) } else { inner.out(h.text) } }
        held.removeAll(keepingCapacity: true)
    }
}

/// Runs scripts in batched transactions: one transaction per `every` mutating commands (or `interval` of work),
/// each command still a savepoint of its own, so a failing command leaves nothing and the others are kept.
struct ScriptBatcher {
    static let every = 1000
    static let intervalNanos: UInt64 = 250_000_000

    static func install(_ ws: Workspace, in session: Session) {
        session.scriptScope = { sink, body in
            let gate = GatedSink(sink)
            var pending = 0
            var last = monotonicNanos()
            let previous = session.afterCommand
            session.afterCommand = { inv, out in
                previous?(inv, out)
                pending += 1
                let now = monotonicNanos()
                if pending >= every || now - last >= intervalNanos {
                    // A failed commit point is reported by the store at the end of the batch.
                    if (try? ws.store.commitPoint()) != nil { gate.release() }
                    pending = 0
                    last = now
                }
            }
            defer { session.afterCommand = previous }
            var result = RunResult()
            do {
                result = try ws.store.batch { body(gate) }
            } catch {
                gate.err(Diagnostics.render(ShellError(caught: error), line: nil, language: session.language, color: false))
                result.exitCode = ExitCode.internalFailure
                result.failures += 1
            }
            gate.release()
            return result
        }
    }

    static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
