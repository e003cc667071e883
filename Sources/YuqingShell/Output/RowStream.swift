import Foundation
import YuqingCore

/// One row of a streamed listing: cells for table, CSV and Markdown, or the row's JSON object. Only the one the
/// format needs is made (`RowStream.forEach` is told which).
enum StreamedRow {
    case cells([Cell])
    case json(JSONValue)
}

/// A listing written as its rows come from a store cursor (`cases --format csv|json|md`, `accountability` over a
/// city's month: 85,000 late limits), so its rows, and their text, never sit in memory all at once.
///
/// Every format writes the bytes the whole rendering of the same rows gives (`StreamingRendererTests`): CSV and
/// Markdown print the header once and the rows in pieces; JSON writes a bare array, or `{head…, "KEY": [rows…],
/// tail…}` when `jsonKey` is set (the tail is computed after the last row: counts). A screen table is sized from its
/// cells: up to `Renderer.streamChunk` rows it is the whole table (fitted to the terminal); beyond, on a terminal
/// every page is cut and wrapped to the first page's fitted layout, and to a pipe or file it is written page by page
/// on widths that grow and never shrink, as psql does with `FETCH_COUNT`.
///
/// `@unchecked Sendable`: the closures read the workspace's store on the thread that ran the command; the
/// interpreter runs them once, on that same thread, right after the handler.
struct RowStream: @unchecked Sendable {
    var title: Localized?
    var columns: [Column]
    /// JSON only: the fields before the rows, and the key of the rows' array (nil: the rows are a bare array).
    var jsonHead: [(String, JSONValue)]
    var jsonKey: String?
    /// JSON only: fields after the rows, asked for once every row has been produced.
    var jsonTail: () -> [(String, JSONValue)]
    /// Sentences after the rows in table and Markdown formats (a summary that needs every row counted).
    var footer: () -> [Localized]
    /// Calls `emit` for every row in order, as JSON objects when `asJSON` (else as cells); throws what the store
    /// throws (after the rows written so far).
    var forEach: (_ asJSON: Bool, _ emit: (StreamedRow) -> Void) throws(ShellError) -> Void

    init(title: Localized? = nil, columns: [Column], jsonHead: [(String, JSONValue)] = [], jsonKey: String? = nil,
         jsonTail: @escaping () -> [(String, JSONValue)] = { [] }, footer: @escaping () -> [Localized] = { [] },
         forEach: @escaping (_ asJSON: Bool, _ emit: (StreamedRow) -> Void) throws(ShellError) -> Void) {
        self.title = title
        self.columns = columns
        self.jsonHead = jsonHead
        self.jsonKey = jsonKey
        self.jsonTail = jsonTail
        self.footer = footer
        self.forEach = forEach
    }
}

extension Renderer {
    /// How many rows are rendered into one piece of text before it is written.
    static let streamChunk = 1_000

    /// Writes `s` to `write` in pieces, in the renderer's format.
    func stream(_ s: RowStream, to write: (String) -> Void) throws(ShellError) {
        switch format {
        case .json:
            var piece = ""
            if let key = s.jsonKey {
                piece = "{"
                for (k, v) in s.jsonHead {
                    JSONWriter.quote(k, into: &piece)
                    piece += ":"
                    JSONWriter.write(v, into: &piece)
                    piece += ","
                }
                JSONWriter.quote(key, into: &piece)
                piece += ":"
            }
            piece += "["
            var count = 0
            try s.forEach(true) { row in
                guard case .json(let j) = row else { return }
                if count > 0 { piece += "," }
                JSONWriter.write(j, into: &piece)
                count += 1
                if count % Self.streamChunk == 0 { write(piece); piece = "" }
            }
            piece += "]"
            if s.jsonKey != nil {
                for (k, v) in s.jsonTail() {
                    piece += ","
                    JSONWriter.quote(k, into: &piece)
                    piece += ":"
                    JSONWriter.write(v, into: &piece)
                }
                piece += "}"
            }
            write(piece + "\n")
        case .csv:
            write((bom ? "\u{FEFF}" : "") + csvPiece([s.columns.map(\.key)]))
            var rows: [[String]] = []
            try s.forEach(false) { row in
                guard case .cells(let cells) = row else { return }
                rows.append(s.columns.indices.map { i in i < cells.count ? csvText(cells[i]) : "" })
                if rows.count == Self.streamChunk { write(csvPiece(rows)); rows.removeAll(keepingCapacity: true) }
            }
            if !rows.isEmpty { write(csvPiece(rows)) }
        case .md:
            // Data-only columns (rule ids) are left out, as `Renderer.shown` leaves them out of a whole table.
            let keep = s.columns.indices.filter { !s.columns[$0].dataOnly }
            let columns = keep.map { s.columns[$0] }
            var piece = s.title.map { "**\(markdownEscape($0.text(language)))**\n\n" } ?? ""
            piece += markdownHeader(columns)
            var count = 0
            try s.forEach(false) { row in
                guard case .cells(let cells) = row else { return }
                piece += markdownRow(keep.map { $0 < cells.count ? cells[$0] : .empty }, columns: columns)
                count += 1
                if count % Self.streamChunk == 0 { write(piece); piece = "" }
            }
            if !piece.isEmpty { write(piece) }
            writeFooter(s, write)
        case .table:
            var first: [[Cell]] = []
            var paged: PagedTable?
            /// On a terminal: the layout of the first page, which every later page is cut and wrapped to.
            var layout: FittedTable?
            var page = ""
            var pageRows = 0
            try s.forEach(false) { row in
                guard case .cells(let cells) = row else { return }
                if let l = layout {
                    page += l.lines(l.texts(cells, self), self).map { $0 + "\n" }.joined()
                    pageRows += 1
                    if pageRows == Self.streamChunk { write(page); page = ""; pageRows = 0 }
                } else if var p = paged {
                    paged = nil  // `p` is the only copy while it grows (no copy of its buffer on write)
                    p.rows.append(cells)
                    if p.rows.count == Self.streamChunk { write(p.flush(self)) }
                    paged = p
                } else {
                    first.append(cells)
                    if first.count > Self.streamChunk, width != nil {
                        // Too many for one table, on a terminal: fitted on the first page, the rest to its layout.
                        let l = FittedTable(Table(title: s.title, columns: s.columns, rows: first), renderer: self, growing: true)
                        first = []
                        write(l.heading(self) + l.body.map { l.lines($0, self).map { $0 + "\n" }.joined() }.joined())
                        layout = l.withoutBody()
                    } else if first.count > Self.streamChunk {
                        // Too many for one table: from here on, pages on growing widths.
                        var p = PagedTable(s, rows: first, renderer: self)
                        first = []
                        write(p.flush(self))
                        paged = p
                    }
                }
            }
            if layout != nil {
                if !page.isEmpty { write(page) }
            } else if var p = paged {
                if !p.rows.isEmpty { write(p.flush(self)) }
            } else {
                write(table(Table(title: s.title, columns: s.columns, rows: first)))
            }
            writeFooter(s, write)
        }
    }

    private func writeFooter(_ s: RowStream, _ write: (String) -> Void) {
        let footer = s.footer()
        // Folded to the terminal like every sentence (`SentenceWrap`); unchanged for pipes and files.
        if !footer.isEmpty {
            write("\n" + footer.map { SentenceWrap.text(TerminalText.escape($0.text(language)), width: width) + "\n" }.joined())
        }
    }

    /// Rows as CSV lines, each ending in a line break (the same writer as `csv`, so the same bytes).
    func csvPiece(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows { CSVText.append(row, to: &out) }
        return out
    }
}

/// A screen table too long to hold: its header is printed on the widths of the first page, and each page on the
/// widths so far (growing, never shrinking). Alignment is decided by the first page (a column of numbers is
/// right-aligned, as in a whole table). For pipes and files only: on a terminal the first page's fitted layout
/// (`FittedTable`) is kept for every page, so the listing fits the terminal's width.
private struct PagedTable {
    let keep: [Int]
    let right: [Bool]
    var widths: [Int]
    /// The title and column headers, printed once, before the first page.
    var heading: (title: String?, heads: [String])?
    var rows: [[Cell]]

    init(_ s: RowStream, rows: [[Cell]], renderer r: Renderer) {
        keep = s.columns.indices.filter { !s.columns[$0].dataOnly }
        let columns = keep.map { s.columns[$0] }
        right = keep.map { i in
            s.columns[i].align == .right || rows.allSatisfy { i < $0.count && { if case .integer = $0 { true } else if case .empty = $0 { true } else { false } }($0[i]) }
        }
        let heads = columns.map { TerminalText.escape($0.header.text(r.language)) }
        widths = heads.map(DisplayWidth.of)
        heading = (s.title.map { TerminalText.escape($0.text(r.language)) }, heads)
        self.rows = rows
    }

    /// The page's lines (after the heading, on the first page), and the page emptied.
    mutating func flush(_ r: Renderer) -> String {
        let cells = rows.map { row in
            keep.map { i in Renderer.oneLine(TerminalText.escape(i < row.count ? r.cellText(row[i]) : "")) }
        }
        rows.removeAll(keepingCapacity: true)
        let measured = cells.map { $0.map(DisplayWidth.of) }
        for row in measured { for i in row.indices { widths[i] = max(widths[i], row[i]) } }
        var out = ""
        if let h = heading {
            heading = nil
            let heads = h.heads
            if let title = h.title { out += (r.color ? "\u{1B}[1m\(title)\u{1B}[0m" : title) + "\n" }
            var line = heads.indices.map { DisplayWidth.pad(heads[$0], to: widths[$0], align: .left) }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += (r.color ? "\u{1B}[1m\(line)\u{1B}[0m" : line) + "\n"
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        }
        for (row, cw) in zip(cells, measured) {
            var line = ""
            for i in row.indices {
                if i > 0 { line += "  " }
                let fill = String(repeating: " ", count: widths[i] - cw[i])
                line += right[i] ? fill + row[i] : row[i] + fill
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
