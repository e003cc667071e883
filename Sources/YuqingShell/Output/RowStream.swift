import Foundation
import YuqingCore

/// One row of a streamed listing: cells for CSV and Markdown, or the row's JSON object.
enum StreamedRow {
    case cells([Cell])
    case json(JSONValue)
}

/// A listing written as its rows come from a store cursor (`cases --format csv|json|md`), so a million-row
/// export never holds its rows, nor its text, in memory. The handler builds it for an export format only: a
/// screen table is sized from all its cells, and a screen shows a page anyway.
///
/// `@unchecked Sendable`: `CommandOutput` is `Sendable`, but the closure reads the workspace's store on the
/// thread that ran the command; the interpreter runs it once, on that same thread, right after the handler.
struct RowStream: @unchecked Sendable {
    var columns: [Column]
    /// Calls `emit` for every row in order; throws what the store throws.
    var forEach: (_ emit: (StreamedRow) throws -> Void) throws(ShellError) -> Void
}

extension Renderer {
    /// How many rows are rendered into one piece of text before it is written.
    static let streamChunk = 1_000

    /// Writes `stream` to `write` in pieces. The bytes are exactly those `render` gives for the same rows as a
    /// table (CSV, Markdown) or as the handler's JSON array (`StreamingRendererTests` compares them).
    func stream(_ s: RowStream, to write: (String) -> Void) throws(ShellError) {
        switch format {
        case .json:
            var piece = "[", count = 0
            try s.forEach { row in
                guard case .json(let j) = row else { return }
                if count > 0 { piece += "," }
                JSONWriter.write(j, into: &piece)
                count += 1
                if count % Self.streamChunk == 0 { write(piece); piece = "" }
            }
            write(piece + "]\n")
        case .csv:
            write((bom ? "\u{FEFF}" : "") + csvPiece([s.columns.map(\.key)]))
            var rows: [[String]] = []
            try s.forEach { row in
                guard case .cells(let cells) = row else { return }
                rows.append(s.columns.indices.map { i in i < cells.count ? csvText(cells[i]) : "" })
                if rows.count == Self.streamChunk { write(csvPiece(rows)); rows.removeAll(keepingCapacity: true) }
            }
            if !rows.isEmpty { write(csvPiece(rows)) }
        case .table:
            // A screen table is sized from all its cells: gathered, then rendered as before.
            var rows: [[Cell]] = []
            try s.forEach { row in if case .cells(let cells) = row { rows.append(cells) } }
            write(table(Table(columns: s.columns, rows: rows)))
        case .md:
            // Data-only columns (rule ids) are left out, as `Renderer.shown` leaves them out of a whole table.
            let keep = s.columns.indices.filter { !s.columns[$0].dataOnly }
            let columns = keep.map { s.columns[$0] }
            write(markdownHeader(columns))
            var piece = "", count = 0
            try s.forEach { row in
                guard case .cells(let cells) = row else { return }
                piece += markdownRow(keep.map { $0 < cells.count ? cells[$0] : .empty }, columns: columns)
                count += 1
                if count % Self.streamChunk == 0 { write(piece); piece = "" }
            }
            if !piece.isEmpty { write(piece) }
        }
    }

    /// Rows as CSV lines, each ending in a line break (the same writer as `csv`, so the same bytes).
    func csvPiece(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows { CSVText.append(row, to: &out) }
        return out
    }
}
