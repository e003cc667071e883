import Synchronization
import YuqingCore

/// Decoded case snapshots, keyed by case and checked against the hash of the case's last event.
///
/// Decoding a snapshot's JSON is the dearest part of reading a case, and a command reads its case several times
/// (permission, stage rule, the answer). The last event's hash names the fold exactly — even after a rolled-back
/// savepoint reused a sequence number, a different event has a different hash — so a hit is never stale, whatever
/// other shells wrote to the file meanwhile.
final class SnapshotCache: Sendable {
    private let entries = Mutex<[Int: (hash: String, file: CaseFile)]>([:])
    static let capacity = 4096

    func get(_ number: Int, hash: String) -> CaseFile? {
        entries.withLock { d in
            guard let e = d[number], e.hash == hash else { return nil }
            return e.file
        }
    }

    /// The cached fold of a case and the hash it was checked against, whatever the latest hash is.
    func entry(_ number: Int) -> (hash: String, file: CaseFile)? {
        entries.withLock { $0[number] }
    }

    func put(_ number: Int, hash: String, _ c: CaseFile) {
        entries.withLock { d in
            if d.count >= SnapshotCache.capacity, d[number] == nil { d.removeAll(keepingCapacity: true) }
            d[number] = (hash, c)
        }
    }

    func clear() { entries.withLock { $0.removeAll() } }
}
