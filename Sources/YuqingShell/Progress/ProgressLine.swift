import CReadline
import Foundation
import YuqingCore
#if canImport(Glibc)
import Glibc
#endif

/// Whether long work may draw a progress line: only for a person at a terminal (the REPL, or `yuqing -c` typed at
/// one) whose standard error is a terminal. Scripts, pipes and redirected output never see one, so nothing of it
/// can end up in a JSON or CSV file. Registered on the session by the launcher; absent means off (tests, drills).
public struct ProgressPolicy: Sendable {
    public var enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }

    /// On when standard error is a terminal that can redraw a line, the run is interactive, and
    /// `YUQING_PROGRESS` is not `0` (`YUQING_PROGRESS=1` forces it on, for trying it out in a pseudo-terminal).
    public static func detect(environment: Environment, interactive: Bool) -> ProgressPolicy {
        switch environment["YUQING_PROGRESS"] {
        case "0": return ProgressPolicy(enabled: false)
        case "1": return ProgressPolicy(enabled: true)
        default: break
        }
        let terminal = isatty(2) == 1 && environment["TERM"] != "dumb"
        return ProgressPolicy(enabled: interactive && terminal)
    }
}

/// One line on standard error, redrawn in place while long work runs (`导入 12,345 行 · 4,120 行/秒 · 约 19 秒`),
/// and erased when the work ends, so the answer prints on a clean line.
///
/// It draws nothing during the first half second (quick commands stay quiet) and at most four times a second after
/// that; each update costs a clock read, so it can be called for every row.
public final class ProgressLine {
    let label: Localized
    let unit: Localized
    let language: Language
    let write: (String) -> Void
    let clock: () -> UInt64
    private let started: UInt64
    private var lastDraw: UInt64 = 0
    private(set) var drawn = false
    /// Nanoseconds of quiet before the first draw, and between draws.
    static let delay: UInt64 = 500_000_000
    static let interval: UInt64 = 250_000_000

    /// `write` receives the control sequences and text; `clock` is monotonic nanoseconds.
    init(label: Localized, unit: Localized, language: Language, write: @escaping (String) -> Void,
         clock: @escaping () -> UInt64 = ProgressLine.monotonicNanos) {
        self.label = label
        self.unit = unit
        self.language = language
        self.write = write
        self.clock = clock
        started = clock()
    }

    /// A progress line for this session, or nil when progress is off (scripts, pipes, tests).
    public static func start(_ session: Session, label: Localized, unit: Localized) -> ProgressLine? {
        guard session.service(ProgressPolicy.self)?.enabled == true, (session.runContext?.depth ?? 1) <= 1 else {
            return nil
        }
        return ProgressLine(label: label, unit: unit, language: session.language) { text in
            fflush(yq_stdout())
            fputs(text, yq_stderr())
            fflush(yq_stderr())
        }
    }

    /// `done` units so far; `total` when known, else `fraction` (of bytes read, say) for the time left.
    public func update(done: Int64, total: Int64? = nil, fraction: Double? = nil) {
        let now = clock()
        guard now - started >= ProgressLine.delay, now - lastDraw >= ProgressLine.interval else { return }
        lastDraw = now
        drawn = true
        write("\r" + text(done: done, total: total, fraction: fraction, elapsed: now - started) + "\u{1B}[K")
    }

    /// Whether the person asked to stop (Ctrl-C at the REPL's prompt while the work runs). The work then throws
    /// and its transaction rolls back: a command happens whole or not at all.
    public func interrupted() -> Bool { takePendingInterrupt() }

    /// Erases the line if it was drawn.
    public func finish() {
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    /// The words of the line, for a given elapsed time (nanoseconds).
    func text(done: Int64, total: Int64?, fraction: Double?, elapsed: UInt64) -> String {
        let seconds = max(Double(elapsed) / 1e9, 0.001)
        let rate = Double(done) / seconds
        var share = fraction
        if let total, total > 0 { share = Double(done) / Double(total) }
        var left: Double?
        if let s = share, s > 0.001, s < 1 { left = seconds * (1 - s) / s }
        let zh = language == .zh
        var parts: [String] = []
        let count = total.map { "\(DocumentText.grouped(Int(done)))/\(DocumentText.grouped(Int($0)))" } ?? DocumentText.grouped(Int(done))
        parts.append(zh ? "\(label.zh) \(count) \(unit.zh)" : "\(label.en): \(count) \(unit.en)")
        if let s = share { parts[0] += " (\(Int((min(1, s) * 100).rounded(.down)))%)" }
        parts.append(zh ? "\(DocumentText.grouped(Int(rate))) \(unit.zh)/秒" : "\(DocumentText.grouped(Int(rate))) \(unit.en)/s")
        if let l = left {
            parts.append(zh ? "约剩 \(ProgressLine.duration(l, zh: true))" : "about \(ProgressLine.duration(l, zh: false)) left")
        }
        return parts.joined(separator: " · ")
    }



    static func duration(_ s: Double, zh: Bool) -> String {
        let n = Int(s.rounded(.up))
        if n < 60 { return zh ? "\(n) 秒" : "\(n) s" }
        let m = n / 60
        let r = n % 60
        return zh ? "\(m) 分 \(r) 秒" : "\(m) min \(r) s"
    }

    public static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
