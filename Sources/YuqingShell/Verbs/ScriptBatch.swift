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
    var errWidth: Int? { inner.errWidth }
    func out(_ text: String) { held.append((false, text)) }
    func err(_ text: String) { held.append((true, text)) }
    /// Writes what is held; call only after a commit that succeeded.
    func release() {
        // Consecutive pieces of one stream go out as one write: the moment between a commit and its answers being
        // shown (where a kill leaves them stored but unshown) stays as short as it can be.
        var i = 0
        while i < held.count {
            let isError = held[i].isError
            var text = held[i].text
            i += 1
            while i < held.count, held[i].isError == isError {
                text += held[i].text
                i += 1
            }
            if isError { inner.err(text) } else { inner.out(text) }
        }
        held.removeAll(keepingCapacity: true)
        inner.flush()
    }
    /// Drops what is held: the commands that produced it were not stored, so their answers must not be shown.
    func discard() { held.removeAll() }
    /// Writes past the gate (the report of a failed commit, true whatever was stored).
    func errNow(_ text: String) { inner.err(text) }
    /// Commits what ran before a streamed listing; true when it did (the batch sets it).
    var commitBeforeStream: (() -> Bool)?
    /// A streamed listing writes past the gate once what ran before it is committed (and its answers shown), so a
    /// million rows are not held; when that commit fails, the rows are held and dropped with the others.
    func streamingSink() throws(ShellError) -> any OutputSink {
        commitBeforeStream?() == true ? inner : self
    }
}

/// Runs scripts in batched transactions: one transaction per `every` mutating commands (or `interval` of work),
/// each command still a savepoint of its own, so a failing command leaves nothing and the others are kept.
///
/// Output is released only after a commit that succeeded. When a commit fails (a full disk, an I/O error), the
/// store has rolled back every command since the previous commit: their answers are dropped, the script stops,
/// and one error names the first command that was not stored (`file:line`), with exit status 3.
struct ScriptBatcher {
    static let every = 1000
    static let intervalNanos: UInt64 = 250_000_000

    static func install(_ ws: Workspace, in session: Session) {
        session.scriptScope = { sink, body in
            let batch = ScriptBatch(store: ws.store, session: session, gate: GatedSink(sink))
            batch.gate.commitBeforeStream = { [unowned batch] in batch.commitNow() }
            let previous = session.afterCommand
            let previousFailure = session.afterFailure
            let previousSettle = session.settle
            session.settle = {
                previousSettle?()
                batch.settle()
            }
            session.afterCommand = { inv, out in
                previous?(inv, out)
                batch.succeeded(inv)
            }
            session.afterFailure = { error in
                previousFailure?(error)
                batch.failed(error)
            }
            defer {
                session.afterCommand = previous
                session.afterFailure = previousFailure
                session.settle = previousSettle
                session.abortRun = false
            }
            var result = RunResult()
            do {
                result = try ws.store.batch { body(batch.gate) }
            } catch {
                // The final commit failed (or the batch could not start): nothing since the last commit is stored.
                batch.storeFailed(error, at: nil)
            }
            if batch.finish(into: &result) == false { batch.gate.release() }
            return result
        }
    }

    static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

/// One script's batch: the commands run since the last commit (whose answers are held), and the storage failure
/// that ended it, if any.
final class ScriptBatch {
    let store: any Store
    let session: Session
    let gate: GatedSink
    /// Commands run since the last commit point, and the first of them (where a rerun must start if it is lost).
    private var sinceCommit = 0
    private var firstSinceCommit: SourceRange?
    private var last = ScriptBatcher.monotonicNanos()
    private var failure: (error: ShellError, first: SourceRange?, lost: Int)?

    init(store: any Store, session: Session, gate: GatedSink) {
        self.store = store
        self.session = session
        self.gate = gate
    }

    func succeeded(_ inv: Invocation) {
        guard failure == nil else { return }
        if firstSinceCommit == nil { firstSinceCommit = inv.verbRange }
        sinceCommit += 1
        // It committed itself (after the commit before it): nothing is open, and its answer can go out now.
        if inv.spec.commitsAlone { return commit() }
        let now = ScriptBatcher.monotonicNanos()
        // The interval runs from the end of the first command after a commit: that command may have waited for
        // its turn among writers, and that wait must not count as holding the lock.
        if sinceCommit == 1 { last = now }
        if sinceCommit >= ScriptBatcher.every || now - last >= ScriptBatcher.intervalNanos { commit() }
    }

    /// A command failed. A store failure (kind `internal`) may mean the store can no longer write: a commit point
    /// tells (and, when it succeeds, what ran before is safe and printed).
    func failed(_ error: ShellError) {
        guard failure == nil, error.kind == .internal else { return }
        if firstSinceCommit == nil { firstSinceCommit = error.range }
        commit()
    }

    /// Before a long wait: commit what ran so far (the write lock goes to the other desks) and show its answers.
    func settle() {
        guard failure == nil else { return }
        commit()
    }

    /// Commits now (a streamed listing is about to write past the gate); false when the batch has failed.
    func commitNow() -> Bool {
        settle()
        return failure == nil
    }

    private func commit() {
        do {
            try store.commitPoint()
            gate.release()
            sinceCommit = 0
            firstSinceCommit = nil
        } catch {
            storeFailed(error, at: firstSinceCommit)
        }
    }

    /// Nothing since the last commit is stored: drop its answers and stop every run in progress.
    func storeFailed(_ error: any Error, at first: SourceRange?) {
        guard failure == nil else { return }
        gate.discard()
        failure = (ShellError(caught: error), first ?? firstSinceCommit, sinceCommit)
        session.abortRun = true
    }

    /// Reports the failure, if any, past the gate (and counts it in `result`); returns whether there was one.
    func finish(into result: inout RunResult) -> Bool {
        guard let failure else { return false }
        gate.discard()
        result.failures += 1
        result.exitCode = ExitCode.internalFailure
        let cause = failure.error.message
        let e: ShellError
        if let r = failure.first {
            let at = "\(r.file):\(r.line)"
            // A command that failed on its own, right after a commit, withheld no other answer: not said.
            let withheld = failure.lost == 0 ? Localized("")
                : Localized(zh: "\(failure.lost) 条命令的结果未显示。", en: " the answers of \(failure.lost) command(s) were withheld.")
            e = ShellError(Localized(zh: "数据库写入失败，从此处起的命令均未保存，脚本已停止（\(cause.zh)）",
                                     en: "the store failed: nothing from here on was stored, and the script stopped (\(cause.en))"),
                           range: r,
                           hint: Localized(zh: "此前已显示的结果均已保存；\(withheld.zh)排除原因（磁盘已满、连接中断等）后从 \(at) 起重新执行",
                                           en: "every answer shown before is stored;\(withheld.en) Once the cause is fixed (a full disk, a lost connection), run again from \(at)"),
                           kind: .internal)
        } else {
            e = ShellError(Localized(zh: "数据库写入失败，最后一批命令未保存（\(cause.zh)）",
                                     en: "the store failed: the last commands were not stored (\(cause.en))"),
                           hint: Localized(zh: "此前已显示的结果均已保存", en: "every answer shown before is stored"),
                           kind: .internal)
        }
        gate.errNow(Diagnostics.render(e, line: nil, language: session.language, color: gate.color, width: gate.errWidth))
        return true
    }
}
