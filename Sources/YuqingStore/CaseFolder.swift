import Foundation
import YuqingCore

/// Folds a log read in (case, seq) order back into case files, one case at a time, for `rebuild` on every store:
/// each case is handed to `finished` once its last event has been read, so memory holds one case.
struct CaseFolder {
    private var current: CaseFile?

    /// Adds the next event; the first event of another case first hands the previous case over.
    mutating func add(_ e: Event, finished: (CaseFile) throws -> Void) throws {
        guard let id = e.caseID else { return }
        if current?.id != id {
            if let c = current { try finished(c) }
            current = CaseFile(id: id, collectedAt: e.effective)
        }
        current?.apply(e)
    }

    /// Hands over the last case.
    mutating func finish(_ finished: (CaseFile) throws -> Void) throws {
        if let c = current { try finished(c) }
        current = nil
    }
}

/// How a department is kept in a store's `departments` table: its JSON, the same in every store.
enum DepartmentRow {
    static func json(_ d: Department) throws -> String {
        do {
            return String(decoding: try JSONEncoder().encode(d), as: UTF8.self)
        } catch {
            throw StoreError.corrupt("cannot encode department \(d.code): \(error)")
        }
    }
}
