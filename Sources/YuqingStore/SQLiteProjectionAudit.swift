import GRDB
import YuqingCore

/// The projection tables as `audit verify` reads them on SQLite (`ProjectionTable`): one statement a case.
extension SQLiteTransaction: StoredProjectionReader {
    var storesGrams: Bool { false }

    /// Read through SQLite's C API (`SQLiteRawInsert`), on a statement cached by its text: `audit verify` runs it
    /// once a case.
    func storedProjection(_ id: EntityID, urls: [String]) throws -> ProjectionRows {
        var s = try SQLiteRawInsert(cached: db, sql: ProjectionTable.selectRows(urls: urls.count, postgres: false))
        s.bind(id.description)
        s.bind(id.number)
        for u in urls { s.bind(u) }
        var cells: [[String?]] = []
        try s.rows { c in cells.append((0..<ProjectionTable.selectWidth).map { c.text(Int32($0)) }) }
        var out = ProjectionRows()
        for row in cells { try out.add(stored: row, grams: false) }
        return out
    }

    func projectionRowCounts() throws -> [ProjectionTable: Int] {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: ProjectionTable.countRows)) else { return [:] }
        return Dictionary(uniqueKeysWithValues: ProjectionTable.allCases.enumerated().map { ($1, row[$0] as Int) })
    }

    func projectionRowKeys(_ table: ProjectionTable) throws -> [(key: String, count: Int)] {
        try Row.fetchAll(db, sql: table.keyCounts).map { ((String.fromDatabaseValue($0[0] as DatabaseValue)) ?? "NULL", $0[1]) }
    }

    /// SQLite's full-text index is contentless: its words cannot be read back one case at a time (only by walking the
    /// whole index, about as long again as the rest of the check on 100k cases). What FTS5 keeps per entry is its
    /// number of words (`case_search_docsize`, one index read): an entry deleted (`'delete'`, `'delete-all'`), or
    /// replaced by another text's words, shows there as missing or of another length than the grams of the case's
    /// text, counted by FTS5's own tokenizer (`unicode61`). An entry replaced by other words of the same number is
    /// not seen (docs/security.md §6).
    func searchIndexDifference(_ num: Int, text: String?) throws -> Localized? {
        var s = try SQLiteRawInsert(cached: db, sql: "SELECT sz FROM case_search_docsize WHERE id = ?")
        s.bind(num)
        // No row (or a NULL size): no entry; a size that is not one varint: unreadable.
        let cell: Int??? = try s.row { (c: SQLiteRawInsert.Columns) -> Int?? in c.varint(0) }
        let stored: Int?? = cell ?? nil
        let title = Localized(zh: "全文索引（case_search）", en: "full-text index (case_search)")
        guard let text else {
            guard stored != nil else { return nil }
            return Localized(zh: "\(title.zh)：存有一条，而案件没有检索文本", en: "\(title.en): an entry is stored, none expected")
        }
        let expected = try searchIndexWords(SearchGrams.document(text))
        switch stored {
        case nil:
            return Localized(zh: "\(title.zh)：缺少这个案件的条目（应有 \(expected) 个词），search 与 text ~ 找不到它",
                             en: "\(title.en): the case's entry is missing (\(expected) words expected), so search and text ~ cannot find it")
        case let n?? where n == expected:
            return nil
        case let n??:
            return Localized(zh: "\(title.zh)：条目有 \(n) 个词，应为 \(expected) 个（条目被删改）",
                             en: "\(title.en): the entry holds \(n) words, \(expected) expected (it was altered)")
        case .some(nil):
            return Localized(zh: "\(title.zh)：条目的词数无法读取（条目被改动）", en: "\(title.en): the entry's word count is unreadable (it was altered)")
        }
    }

    /// The number of words FTS5 indexes for a grams document: one a gram when each is plain ASCII letters and digits
    /// or common CJK ideographs (what `unicode61` surely keeps whole, the usual text); else FTS5's own tokenizer
    /// counts them, so a character its Unicode tables do not know is counted as FTS5 counted it.
    func searchIndexWords(_ document: String) throws -> Int {
        var plain = true, words = document.isEmpty ? 0 : 1
        for u in document.unicodeScalars {
            if u == " " { words += 1; continue }
            let v = u.value
            if (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0x4E00 && v <= 0x9FFF) {
                continue
            }
            plain = false
            break
        }
        if plain { return words }
        let tokenizer = try db.makeTokenizer(.unicode61())
        var count = 0
        let bytes = Array(document.utf8)
        let rc = withUnsafeMutablePointer(to: &count) { counter in
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return CInt(0) }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { text in
                    tokenizer.tokenize(context: UnsafeMutableRawPointer(counter), tokenization: .document, pText: text,
                                       nText: CInt(buffer.count)) { context, flags, _, _, _, _ in
                        // A colocated token (a synonym) takes no position of its own; unicode61 makes none.
                        if flags == 0 { context?.assumingMemoryBound(to: Int.self).pointee += 1 }
                        return 0
                    }
                }
            }
        }
        guard rc == 0 else { throw StoreError.corrupt("FTS5's tokenizer failed (\(rc))") }
        return count
    }

    func searchIndexEntries(unless expected: Int) throws -> [Int]? {
        let n = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM case_search_docsize")) ?? 0
        guard n != expected else { return nil }
        return try Int.fetchAll(db, sql: "SELECT id FROM case_search_docsize ORDER BY id")
    }
}
