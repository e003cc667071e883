import Crypto
import Foundation
import YuqingCore

/// A signed statement of how long the log was and which hash ended it, at a time: the anchor of the chain's head
/// outside the events table (like Certificate Transparency's signed tree head, RFC 6962). A hash chain alone cannot
/// show that its newest events were removed, nor that it was rewritten from some event on with every hash
/// recomputed; a checkpoint signed by a key the rewriter does not hold can.
public struct Checkpoint: Hashable, Sendable, Codable {
    /// Events in the log when it was signed.
    public var count: Int64
    /// The hash of event `count` (64 zeros for an empty log).
    public var head: String
    /// The real time of signing.
    public var at: Instant
    /// The signer's Ed25519 public key, hex.
    public var key: String
    /// The Ed25519 signature of `message`, hex.
    public var signature: String

    public init(count: Int64, head: String, at: Instant, key: String, signature: String) {
        self.count = count
        self.head = head
        self.at = at
        self.key = key
        self.signature = signature
    }

    /// What is signed: a versioned text, so a signature can never be read as another kind of statement.
    static func message(count: Int64, head: String, at: Instant) -> Data {
        Data("yuqing-checkpoint-v1\n\(count)\n\(head)\n\(at.seconds)\n".utf8)
    }

    /// True when `signature` is `key`'s signature of this checkpoint's count, head and time.
    public var hasValidSignature: Bool {
        guard let k = Hex.decode(key), let s = Hex.decode(signature),
              let pub = try? Curve25519.Signing.PublicKey(rawRepresentation: k) else { return false }
        return pub.isValidSignature(s, for: Checkpoint.message(count: count, head: head, at: at))
    }

    /// `1234:ab12…`: how a head is printed on paper and given to `audit verify --against`.
    public var printed: String { "\(count):\(head)" }

    /// The checkpoint as one line of JSON (the witness file beside the store).
    public var line: String {
        "{\"count\":\(count),\"head\":\"\(head)\",\"at\":\(at.seconds),\"key\":\"\(key)\",\"signature\":\"\(signature)\"}"
    }

    public init?(line: String) {
        guard let data = line.data(using: .utf8),
              let c = try? JSONDecoder().decode(WitnessLine.self, from: data) else { return nil }
        self.init(count: c.count, head: c.head, at: Instant(seconds: c.at), key: c.key, signature: c.signature)
    }

    private struct WitnessLine: Decodable {
        var count: Int64
        var head: String
        var at: Int64
        var key: String
        var signature: String
    }
}

/// The installation's signing key (Ed25519). Kept outside the store, readable only by the accounts that write it.
public struct CheckpointSigner: Sendable {
    /// The 32 bytes of the private key (swift-crypto's key type is not `Sendable`).
    let raw: Data
    /// Hex of the public key: what checkpoints name as their signer.
    public let publicKey: String

    public init(rawRepresentation: Data) throws {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation)
        raw = key.rawRepresentation
        publicKey = Hex.encode(key.publicKey.rawRepresentation)
    }

    /// A new random key (tests; `load(path:)` creates the installation's).
    public init() {
        let key = Curve25519.Signing.PrivateKey()
        raw = key.rawRepresentation
        publicKey = Hex.encode(key.publicKey.rawRepresentation)
    }

    public func sign(count: Int64, head: String, at: Instant) throws -> Checkpoint {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        let sig = try key.signature(for: Checkpoint.message(count: count, head: head, at: at))
        return Checkpoint(count: count, head: head, at: at, key: publicKey, signature: Hex.encode(sig))
    }

    static let header = "yuqing-signing-key-v1"

    /// Reads the key at `path`, or creates it there with `mode` (0600 for a personal store, 0640 for a group's)
    /// when it does not exist. The file holds a header line and the hex of the 32-byte private key.
    public static func load(path: String, mode: mode_t = 0o600) throws -> CheckpointSigner {
        if let data = FileManager.default.contents(atPath: path) {
            let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            guard lines.count >= 2, lines[0] == header, let raw = Hex.decode(String(lines[1])), raw.count == 32 else {
                throw StoreError.corrupt("the signing key \(path) is unreadable")
            }
            return try CheckpointSigner(rawRepresentation: raw)
        }
        let signer = CheckpointSigner()
        let text = "\(header)\n\(Hex.encode(signer.raw))\n"
        try SecureFiles.createExclusive(path, contents: Data(text.utf8), mode: mode)
        return signer
    }
}

/// Where a store anchors its head: the signer, and the witness file that keeps the newest checkpoint outside the
/// store, so that deleting the newest events together with their checkpoints is still caught.
public struct CheckpointAnchor: Sendable {
    public var signer: CheckpointSigner
    /// Clock of the signing time (the system's).
    public var clock: any Clock
    /// The witness file (`<store>.head`); nil keeps checkpoints in the store only.
    public var witnessPath: String?
    /// Whether every signed store has its witness file: true beside an SQLite file (written with each commit, so a
    /// missing one was removed); false for a server, where each desk keeps its own and one that never wrote has none.
    public var witnessRequired = false
    /// Whether other desks sign this store's checkpoints with keys of their own (a server: each desk's key lives in
    /// its user's data directory). Their checkpoints are then checked for their signature and against the log, like
    /// this desk's; otherwise only this installation's key is trusted (a file: one key beside it).
    public var sharedByDesks = false

    public init(signer: CheckpointSigner, clock: any Clock, witnessPath: String?) {
        self.signer = signer
        self.clock = clock
        self.witnessPath = witnessPath
    }

    /// The newest checkpoint in the witness file, if there is one.
    public func witness() -> Checkpoint? {
        if case let .found(c) = readWitness() { return c }
        return nil
    }

    /// What the witness file holds: a checkpoint, nothing (no file), or something that is not a checkpoint.
    public enum WitnessFile: Sendable { case found(Checkpoint), missing, unreadable }

    public func readWitness() -> WitnessFile {
        guard let p = witnessPath, let data = FileManager.default.contents(atPath: p) else { return .missing }
        let line = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Checkpoint(line: line).map(WitnessFile.found) ?? .unreadable
    }

    /// Whether the witness file is evidence a commit must not write over: unreadable, not a valid checkpoint (or
    /// not this installation's, on a file), or one the log contradicts (`contradicts`: its event gone, or with
    /// another hash). Kept, it goes on failing `audit verify` — and the desk's start-up check — after later commits.
    func keepsWitness(_ contradicts: (Checkpoint) throws -> Bool) throws -> Bool {
        switch readWitness() {
        case .found(let w):
            return try !w.hasValidSignature || (w.key != signer.publicKey && !sharedByDesks) || contradicts(w)
        case .unreadable: return true
        case .missing: return false
        }
    }

    /// Replaces the witness file with `c` (written aside and renamed, so it is never half written).
    func writeWitness(_ c: Checkpoint, like reference: String?) {
        guard let p = witnessPath else { return }
        let mode = reference.flatMap(SecureFiles.mode(of:)) ?? 0o600
        try? SecureFiles.replace(p, contents: Data((c.line + "\n").utf8), mode: mode)
    }
}

/// Who writes and by which clock: set by the wiring on a real store, so every event it appends names the
/// signed-in operator and is dated by the system clock whatever the session says (`--at` and simulated clocks set
/// the effective time only). Drills and scratch stores leave it unset and keep their simulated times.
public struct Attribution: Sendable {
    public var recordedBy: Operator
    /// The clock of `recorded`; nil keeps the time the caller gave.
    public var clock: (any Clock)?

    public init(recordedBy: Operator, clock: (any Clock)?) {
        self.recordedBy = recordedBy
        self.clock = clock
    }

    /// The event as this store records it.
    func stamp(_ e: NewEvent) -> NewEvent {
        var e = e
        e.recordedBy = recordedBy
        if let clock { e.recorded = clock.now() }
        return e
    }
}

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some DataProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ s: String) -> Data? {
        let u = Array(s.utf8)
        guard u.count % 2 == 0 else { return nil }
        func v(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out = Data(capacity: u.count / 2)
        var i = 0
        while i < u.count {
            guard let hi = v(u[i]), let lo = v(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
