import Foundation
import YuqingCore

/// Folds a log read in (case, seq) order back into case files, one case at a time, for `rebuild` on every store:
/// each case is handed to `finished` once its last event has been read, so memory holds one case. With it go
/// when its first and last events were logged (the due rows carry them: see `SupervisionQueries.swift`).
struct CaseFolder {
    typealias Logged = (first: Instant, last: Instant)
    private var current: CaseFile?
    private var logged: Logged = (Instant(seconds: 0), Instant(seconds: 0))

    /// Adds the next event; the first event of another case first hands the previous case over.
    mutating func add(_ e: Event, finished: (CaseFile, Logged) throws -> Void) throws {
        guard let id = e.caseID else { return }
        if current?.id != id {
            if let c = current { try finished(c, logged) }
            current = CaseFile(id: id, collectedAt: e.effective)
            logged = (e.recorded, e.recorded)
        }
        current?.apply(e)
        logged = (min(logged.first, e.recorded), max(logged.last, e.recorded))
    }

    /// Hands over the last case.
    mutating func finish(_ finished: (CaseFile, Logged) throws -> Void) throws {
        if let c = current { try finished(c, logged) }
        current = nil
    }
}

/// How a department is kept in a store's `departments` table: its JSON, the same in every store. Keys sorted, so the
/// row is the same text however often it is written (a rebuild leaves the bytes the command path left).
enum DepartmentRow {
    static func json(_ d: Department) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(d), as: UTF8.self)
        } catch {
            throw StoreError.corrupt("cannot encode department \(d.code): \(error)")
        }
    }
}
