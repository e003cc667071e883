import Foundation
import YuqingCore

/// What SQLite stores for one case, computed without the database: the summary columns, the snapshot bytes, the
/// due entries, the search text and the extension rows. `SQLiteTransaction.project` computes and writes them in
/// one go; `store rebuild` computes them on a second thread while the connection writes the previous cases
/// (`SQLiteRebuildPipeline`), so both paths store the same rows.
struct CaseRows: Sendable {
    let id: EntityID
    let summary: CaseSummary
    let snapshot: Data
    let version: Int
    let recorded: (first: Instant, last: Instant)
    let dues: [DueEntry]
    /// `CaseFile.searchText`: the row of `case_text` and the document of the full-text index.
    let text: String
    let extensions: [ExtensionRequest]

    /// `encoding`: whether to encode the snapshot (`audit verify` compares the fold itself, not its bytes).
    init(_ c: CaseFile, projector: any CaseProjector, recorded: (first: Instant, last: Instant), encoding: Bool = true) {
        id = c.id
        dues = projector.dueEntries(for: c)
        summary = CaseSummary(c, dues: dues)
        snapshot = encoding ? Data(SnapshotCodec.encode(c)) : Data()
        version = c.version
        self.recorded = recorded
        text = c.searchText
        extensions = c.extensions.map { ExtensionRequest($0, of: c) }
    }
}
