import Crypto
import Foundation
import YuqingCore

/// How events are encoded and hash-chained. Both stores use exactly this, so the same log gives the same hashes
/// whichever store wrote it, and `audit verify` can recompute every hash from the stored columns alone.
public enum EventHashing {
    /// The `prevHash` of the first event: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The payload as stored: the JSON of the `EventBody`, keys sorted and slashes unescaped, so it is stable for a
    /// given body and readable in `sqlite3`. The hash covers the stored text itself, never a re-encoding. Written by
    /// `PayloadEncoder`, which writes exactly the bytes `JSONEncoder` wrote for every body (a test checks each kind).
    public static func payload(_ body: EventBody) throws -> String {
        PayloadEncoder.encode(body)
    }

    /// The verb of an event read from its payload: the one top-level key of the body's JSON (`{"claimed":{…}}`).
    /// Much cheaper than `EventBody.verb`, which reflects with `Mirror`, on the append path; falls back to it.
    static func verb(of body: EventBody, payload: String) -> String {
        let u = payload.utf8
        guard u.starts(with: #"{""#.utf8) else { return body.verb }
        let start = u.index(u.startIndex, offsetBy: 2)
        guard let end = u[start...].firstIndex(of: UInt8(ascii: "\"")) else { return body.verb }
        return String(decoding: u[start..<end], as: UTF8.self)
    }

    public static func body(fromPayload payload: String, seq: Int64) throws -> EventBody {
        if let body = PayloadDecoder.decode(payload) { return body }
        do {
            return try JSONDecoder().decode(EventBody.self, from: Data(payload.utf8))
        } catch {
            throw StoreError.corrupt("event \(seq) has an unreadable payload: \(error)")
        }
    }

    /// The hex SHA-256 of an event's canonical form. Version 1 (events written before operators were recorded):
    ///
    /// ```
    /// yuqing-event-v1\n
    /// then, for each field in this order: prevHash, seq, caseID, subject, actor name, actor role, actor dept,
    /// effective, recorded, verb, payload —
    ///   a present value:  <UTF-8 byte count>:<value>\n
    ///   an absent value:  ~\n
    /// ```
    ///
    /// Version 2 (every event that records its operator) starts `yuqing-event-v2\n` and adds two fields after the
    /// payload: the operator's login and the operator's name in the directory (`~` when it does not know them).
    /// The version follows from the stored row (an operator present means v2), so old events keep verifying under
    /// v1 and a v2 event whose operator is erased no longer matches its hash.
    ///
    /// Numbers (seq, effective and recorded seconds) are written in decimal; ids as `C7`; the role as its code.
    /// Length prefixes make the form unambiguous whatever the fields contain (newlines, colons, Chinese text), and
    /// `~` keeps an absent department distinct from an empty one.
    public static func hash(prevHash: String, seq: Int64, caseID: String?, subject: String?, actorName: String,
                            actorRole: String, actorDept: String?, effective: Int64, recorded: Int64, verb: String,
                            payload: String, operatorLogin: String? = nil, operatorName: String? = nil) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + payload.utf8.count)
        bytes.append(contentsOf: (operatorLogin == nil ? "yuqing-event-v1\n" : "yuqing-event-v2\n").utf8)
        func field(_ s: String?) {
            guard let s else {
                bytes.append(contentsOf: "~\n".utf8)
                return
            }
            bytes.append(contentsOf: String(s.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: s.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        field(prevHash)
        field(String(seq))
        field(caseID)
        field(subject)
        field(actorName)
        field(actorRole)
        field(actorDept)
        field(String(effective))
        field(String(recorded))
        field(verb)
        field(payload)
        if let operatorLogin {
            field(operatorLogin)
            field(operatorName)
        }
        return hex(SHA256.hash(data: bytes))
    }

    /// The hash of an event about to be stored.
    static func hash(of e: NewEvent, seq: Int64, prevHash: String, verb: String, payload: String) -> String {
        hash(prevHash: prevHash, seq: seq, caseID: e.caseID?.description, subject: e.subject?.description,
             actorName: e.actor.name, actorRole: e.actor.role.rawValue, actorDept: e.actor.dept,
             effective: e.effective.seconds, recorded: e.recorded.seconds, verb: verb, payload: payload,
             operatorLogin: e.recordedBy?.login, operatorName: e.recordedBy?.name)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func hex(_ digest: SHA256.Digest) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A case's snapshot as stored: compact bytes (`SnapshotCodec`). Not hashed: a cache of the fold.
    static func encodeSnapshot(_ c: CaseFile) -> [UInt8] { SnapshotCodec.encode(c) }

    /// Reads a stored snapshot: compact bytes, or the JSON text older stores wrote (it starts with `{`).
    static func decodeSnapshot(_ bytes: Data, id: String) throws -> CaseFile {
        if bytes.first == UInt8(ascii: "{") {
            do {
                return try JSONDecoder().decode(CaseFile.self, from: bytes)
            } catch {
                throw StoreError.corrupt("the stored snapshot of case \(id) is unreadable: \(error)")
            }
        }
        guard let c = bytes.withUnsafeBytes({ SnapshotCodec.decode($0) }) else {
            throw StoreError.corrupt("the stored snapshot of case \(id) is unreadable")
        }
        return c
    }

    /// The verbs whose payload can name an id (`mentionedIDs`) or a department: the only payloads a rebuild's
    /// first pass must read.
    static let verbsMentioningIDs = [
        "extensionApplied", "extensionApproved", "extensionRejected", "instructed", "instructionUndertaken",
        "instructionSupervised", "instructionCompleted", "meetingOpened", "meetingAttended", "meetingClosed",
        "meetingJoined", "meetingLeft", "agendaChanged", "remarked", "riskJudged", "decided", "linked", "departmentSaved",
    ]

    /// Every id an event mentions (its case, its subject, ids inside its body), so a rebuild never hands out an id
    /// that is already in the log.
    static func mentionedIDs(caseID: EntityID?, subject: EntityID?, body: EventBody) -> [EntityID] {
        var out: [EntityID] = []
        if let caseID { out.append(caseID) }
        if let subject { out.append(subject) }
        switch body {
        case let .extensionApplied(x, _, _), let .extensionApproved(x, _, _), let .extensionRejected(x, _):
            out.append(x)
        case let .instructed(l, _, _, _), let .instructionUndertaken(l, _, _), let .instructionSupervised(l, _),
             let .instructionCompleted(l, _):
            out.append(l)
        case let .meetingOpened(m, _, cases, _, _):
            out.append(m)
            out.append(contentsOf: cases)
        case let .meetingAttended(m, _), let .meetingClosed(m), let .meetingJoined(m), let .meetingLeft(m):
            out.append(m)
        case let .agendaChanged(m, c, _):
            out.append(m)
            out.append(c)
        case let .remarked(m?, _), let .riskJudged(m?, _, _, _, _, _), let .decided(m?, _, _):
            out.append(m)
        case let .linked(other, _, _):
            out.append(other)
        default:
            break
        }
        return out
    }
}
