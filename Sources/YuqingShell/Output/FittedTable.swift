/// A screen table's layout: the columns kept, their widths and alignment, fitted to the terminal's width when it
/// is known. Made from a whole table (`Renderer.table`) or from the first page of a long streamed one, whose later
/// pages are then cut and wrapped to the same layout (`PagedTable`), so a city's month of late limits fits the
/// terminal as a short listing does.
///
/// Fitting: wrapping columns without a drop rank (a department's name, a title) are first narrowed to 20 display
/// columns, whole words kept; then the most important columns that fit are kept: those without a drop rank, then the
/// others, highest rank first, each if the table still fits with it (the room freed by those left out goes back to
/// the narrowed columns); then wrapping columns are narrowed further, the one
/// that has given up the least of its natural width first (a long title before a short `2 days 3 hours`), down to
/// 10 columns or its header; then other text columns are cut, widest first, down
/// to 8; then wrapping columns again, down to 6; times are never cut. Still too wide (a 60-column terminal), the
/// table is folded: each row a record of `header  value` lines, every column back in. Without a width nothing is
/// fitted (pipes and scripts get the natural widths).
struct FittedTable {
    private(set) var columns: [Column]
    /// The kept columns' indices in the table's own columns (data-only columns are never kept).
    private(set) var keep: [Int]
    private(set) var heads: [String]
    /// The rows' cells as one-line text, kept columns only (the rows of the table it was made from).
    private(set) var body: [[String]]
    private(set) var widths: [Int]
    private(set) var rightAligned: [Bool]
    let title: String?
    let isEmpty: Bool
    let fitted: Bool
    /// Too wide even at its narrowest (a 60-column terminal): each row is printed as a record, one `header  value`
    /// line per column, the values wrapped, a blank line after each — instead of lines the terminal would break.
    private(set) var folded = false
    /// The terminal's width when fitted.
    private(set) var limit = 0
    /// The headers of the columns left out for the width, in table order: said under the title, so a narrow screen
    /// does not pass for the whole table (score at 80 columns showed no instructions, escalations or extensions).
    private(set) var dropped: [String] = []

    static let gap = 2
    /// How far a wrapping column is narrowed before any column is left out (a department's name on two lines).
    static let roomy = 20

    /// The widest word of each column (Chinese breaks anywhere: a character).
    static func unbroken(_ body: [[String]], _ count: Int) -> [Int] {
        (0..<count).map { i in
            body.map { row in
                row[i].split(separator: " ").map { w in w.contains { DisplayWidth.of($0) == 2 } ? 2 : DisplayWidth.of(w) }.max() ?? 0
            }.max() ?? 0
        }
    }

    /// `growing`: the first page of a longer listing: columns of numbers and ids get three more digits of room
    /// (a row number or case id of the 300,000th row is not cut to the first page's `1000`).
    init(_ t: Table, renderer r: Renderer, growing: Bool = false) {
        title = t.title.map { TerminalText.escape($0.text(r.language)) }
        isEmpty = t.rows.isEmpty
        fitted = r.width != nil
        var keep = t.columns.indices.filter { !t.columns[$0].dataOnly }
        var columns = keep.map { t.columns[$0] }
        var rows = t.rows.map { row in keep.map { $0 < row.count ? row[$0] : .empty } }
        var heads = columns.map { TerminalText.escape($0.header.text(r.language)) }
        var body = rows.map { row in row.map { Renderer.oneLine(TerminalText.escape(r.cellText($0))) } }
        var widths = columns.indices.map { i in max(DisplayWidth.of(heads[i]), body.map { DisplayWidth.of($0[i]) }.max() ?? 0) }
        if growing {
            for i in columns.indices where !rows.isEmpty && rows.allSatisfy({
                if case .integer = $0[i] { true } else if case .id = $0[i] { true } else if case .empty = $0[i] { true } else { false }
            }) {
                widths[i] += 3
            }
        }
        var natural = widths
        // The columns before any is left out: a folded table has room for all of them.
        let all = (keep, columns, heads, body, widths, rows)
        func total(_ w: [Int]) -> Int { w.reduce(0, +) + Self.gap * max(0, w.count - 1) }
        if let limit = r.width {
            // 1. Narrow the long wrapping columns (a department's name, a title) to `roomy` display columns, whole
            // words kept, before any column is left out: score at 120 columns dropped three columns rather than
            // wrap `Municipal Bureau of Housing and Urban-Rural Development` over two lines.
            func narrowBeforeDropping() {
                let unbroken = Self.unbroken(body, columns.count)
                while total(widths) > limit {
                    let candidates = columns.indices.filter { i in
                        columns[i].wraps && columns[i].dropRank == nil
                            && widths[i] > max(Self.roomy, DisplayWidth.of(heads[i]), unbroken[i])
                    }
                    guard let i = candidates.max(by: { (widths[$0] * natural[$1], widths[$0]) < (widths[$1] * natural[$0], widths[$1]) })
                    else { break }
                    widths[i] -= 1
                }
            }
            // Only where a column could be left out: a table without one narrows its wrapping columns as before
            // (each by its share, the short `经办` below 20 so that `内容` keeps its phrases).
            if columns.contains(where: { $0.dropRank != nil }) { narrowBeforeDropping() }
            // 2. Then keep the most important columns that fit: every column without a drop rank, then those with
            // one, highest rank first (of equal ranks the later), each kept if the table still fits with it. Leaving
            // out the lowest rank first until the table fitted never brought back a narrow column once a wide one
            // went after it (`cases` at 80 columns lost its source and level for the sake of `collected`). The room
            // the left-out columns freed goes back to the columns narrowed in 1 (most cut first).
            if total(widths) > limit {
                var out = Set(columns.indices.filter { columns[$0].dropRank != nil })
                func fits(without out: Set<Int>) -> Bool { total(widths.indices.filter { !out.contains($0) }.map { widths[$0] }) <= limit }
                let byImportance = out.sorted { (columns[$0].dropRank ?? 0, $0) > (columns[$1].dropRank ?? 0, $1) }
                for i in byImportance where fits(without: out.subtracting([i])) { out.remove(i) }
                for drop in out.sorted(by: >) {
                    columns.remove(at: drop)
                    keep.remove(at: drop)
                    dropped.append(heads[drop])
                    heads.remove(at: drop)
                    widths.remove(at: drop)
                    natural.remove(at: drop)
                    rows = rows.map { var x = $0; x.remove(at: drop); return x }
                    body = body.map { var x = $0; x.remove(at: drop); return x }
                }
                if !out.isEmpty {
                    while total(widths) < limit,
                          let i = columns.indices.filter({ widths[$0] < natural[$0] })
                              .min(by: { (widths[$0] * natural[$1], $0) < (widths[$1] * natural[$0], $1) }) {
                        widths[i] += 1
                    }
                }
            }
            // 3. Narrow wrapping columns (the one that has given up the least of its natural width, then the widest),
            // then cut other text columns, widest first, then wrap narrower.
            let isTime = columns.indices.map { i in
                rows.contains { { if case .time = $0 { true } else if case .deadline = $0 { true } else { false } }($0[i]) }
            }
            let unbroken = Self.unbroken(body, columns.count)
            // The first narrowing keeps each wrapping column's longest word whole (`verification` was broken to
            // `verificatio` / `n report`, and `coordinators` to `coordinator` / `s`, at 80 columns while another
            // column had room to give); the next one may break words.
            // Then, before any word is broken, a column of Latin words only narrows further, down to its longest
            // word (`late by` gave its room to nobody while `verification` broke at 80 columns).
            let latin = columns.indices.map { i in !body.contains { row in row[i].contains { DisplayWidth.of($0) == 2 } } }
            for (pass, least, whole) in [(true, 10, true), (true, 6, true), (true, 10, false), (false, 8, false), (true, 6, false)] {
                while total(widths) > limit {
                    let candidates = columns.indices.filter { !isTime[$0] && columns[$0].wraps == pass
                        && (least >= 10 || !whole || latin[$0])
                        && widths[$0] > max(least, DisplayWidth.of(heads[$0]), whole ? unbroken[$0] : 0) }
                    let pick = !pass ? candidates.max(by: { widths[$0] < widths[$1] })
                        : least == 10
                        ? candidates.max(by: { (widths[$0] * natural[$1], widths[$0]) < (widths[$1] * natural[$0], widths[$1]) })
                        // Below 10: a column whose words still fit first (`2 days` before `designated`).
                        : candidates.max(by: { (widths[$0] > unbroken[$0] ? 1 : 0, widths[$0]) < (widths[$1] > unbroken[$1] ? 1 : 0, widths[$1]) })
                    guard let i = pick else { break }
                    widths[i] -= 1
                }
            }
            self.limit = limit
            folded = total(widths) > limit
            if folded { (keep, columns, heads, body, widths, rows) = all; dropped = [] }
            let order = all.2
            dropped.sort { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }
        }
        rightAligned = columns.indices.map { i in
            columns[i].align == .right
                || (!rows.isEmpty && rows.allSatisfy { { if case .integer = $0 { true } else if case .empty = $0 { true } else { false } }($0[i]) })
        }
        self.columns = columns
        self.keep = keep
        self.heads = heads
        self.body = body
        self.widths = widths
    }

    /// The layout without the rows it was measured on (kept while the rest of a long listing streams).
    func withoutBody() -> FittedTable {
        var l = self
        l.body = []
        return l
    }

    /// A row of the table's own columns as one-line text of the kept columns.
    func texts(_ row: [Cell], _ r: Renderer) -> [String] {
        keep.map { Renderer.oneLine(TerminalText.escape($0 < row.count ? r.cellText(row[$0]) : "")) }
    }

    /// The title, the header and the dash rule.
    func heading(_ r: Renderer) -> String {
        var out = ""
        // A long title folds to the screen like a sentence (it broke mid-word at 70 columns).
        let titleLines = title.map { t in fitted ? r.width.map { SentenceWrap.lines(t, width: $0) } ?? [t] : [t] } ?? []
        for t in titleLines { out += (r.color ? "\u{1B}[1m\(t)\u{1B}[0m" : t) + "\n" }
        if folded { return out }
        if !dropped.isEmpty {
            let note = r.language == .zh
                ? "（屏幕较窄，未显示：\(dropped.joined(separator: "、"))；加宽终端或用 --format csv 查看全部列）"
                : "(narrow screen; not shown: \(dropped.joined(separator: ", ")); widen the terminal or use --format csv for every column)"
            for l in SentenceWrap.lines(note, width: limit) { out += l + "\n" }
        }
        let head = line(heads, header: true, r)
        out += (r.color ? "\u{1B}[1m\(head)\u{1B}[0m" : head) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: String(repeating: " ", count: Self.gap)) + "\n"
        return out
    }

    func line(_ values: [String], header: Bool = false, _ r: Renderer) -> String {
        let padded = values.indices.map { i in
            let cell = DisplayWidth.pad(DisplayWidth.truncate(values[i], to: widths[i]), to: widths[i],
                                        align: rightAligned[i] && !header ? .right : .left)
            // Highlighted after the cell is fitted, so the escapes take no width.
            guard r.color, !header, let mark = columns[i].marks.map(TerminalText.escape), !mark.isEmpty else { return cell }
            return cell.replacingOccurrences(of: mark, with: "\u{1B}[1;7m\(mark)\u{1B}[0m")
        }
        var s = padded.joined(separator: String(repeating: " ", count: Self.gap))
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// A row as one or more lines: wrapping columns continue on the next lines, the others are cut.
    func lines(_ row: [String], _ r: Renderer) -> [String] {
        if folded { return record(row, r) }
        let parts = row.indices.map { i in
            columns[i].wraps && fitted ? DisplayWidth.wrap(row[i], to: widths[i]) : [row[i]]
        }
        let n = parts.map(\.count).max() ?? 1
        return (0..<n).map { k in line(parts.map { k < $0.count ? $0[k] : "" }, r) }
    }

    /// A row of a folded table: `header  value` per column (empty cells left out), values wrapped under themselves.
    private func record(_ row: [String], _ r: Renderer) -> [String] {
        let label = heads.map(DisplayWidth.of).max() ?? 0
        let room = max(limit - label - Self.gap, 10)
        var out: [String] = []
        for i in row.indices where !row[i].isEmpty {
            let head = DisplayWidth.pad(heads[i], to: label, align: .left)
            let shown = r.color ? "\u{1B}[1m\(head)\u{1B}[0m" : head
            for (k, part) in DisplayWidth.wrap(row[i], to: room).enumerated() {
                out.append((k == 0 ? shown : String(repeating: " ", count: label)) + String(repeating: " ", count: Self.gap) + part)
            }
        }
        return out + [""]
    }
}
