import Foundation

/// Gives back, while the REPL waits, the pages of yuqing's own executable that start-up and the last command read.
///
/// The binary users install carries the Swift runtime, Foundation and every package statically (180 MB), and the
/// runtime's first type and conformance lookups read their tables across much of it: an idle REPL held 25 MB of
/// clean pages of its executable (35 MB resident in all, against the brief's 30 MB for a REPL at rest) that it does
/// not read again until the next command. `MADV_PAGEOUT` asks the kernel to reclaim those pages now, as it would
/// under memory pressure: clean pages of the file are dropped (read again from the page cache or the file when
/// needed), and changed ones (relocated data) are never lost — without swap they simply stay. So it is safe on every
/// mapping of the file; it costs one read of `/proc/self/maps` and a system call per mapping, once per pause, after
/// `quiet` seconds without a command. Linux only; elsewhere nothing is done.
final class IdlePages {
    private let quiet: UInt64
    private var since = DispatchTime.now().uptimeNanoseconds
    private var trimmed = false
    /// How many pauses were trimmed (for the tests).
    private(set) var trims = 0

    init(quietSeconds: Double = 3) { quiet = UInt64(quietSeconds * 1e9) }

    /// A command ran (or live lines were shown): the next pause trims again.
    func touched() {
        since = DispatchTime.now().uptimeNanoseconds
        trimmed = false
    }

    /// Called while readline waits (ten times a second): trims once when the REPL has been quiet long enough.
    func idle() {
        guard !trimmed, DispatchTime.now().uptimeNanoseconds &- since >= quiet else { return }
        trimmed = true
        trims += 1
        Self.pageOutExecutable()
    }

    /// The mappings of `/proc/self/exe` in `/proc/self/maps`, each advised `MADV_PAGEOUT`. Returns how many were.
    @discardableResult
    static func pageOutExecutable() -> Int {
        #if os(Linux)
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return 0 }
        var advised = 0
        for line in maps.split(separator: "\n") {
            // `start-end perms offset dev inode path`: the path may hold spaces, so it is the rest after five fields.
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6, fields[5].trimmingCharacters(in: .whitespaces) == exe else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16), end > start,
                  let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            if madvise(address, Int(end - start), pageOut) == 0 { advised += 1 }
        }
        return advised
        #else
        return 0
        #endif
    }

    /// `MADV_PAGEOUT` (Linux 5.4); an older kernel refuses it with `EINVAL` and nothing changes.
    private static let pageOut: Int32 = 21
}
