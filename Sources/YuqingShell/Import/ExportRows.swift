import CSV
import Foundation
import YuqingCore

/// One row of an export as read: where it is and its cells. JSON Lines rows name their own fields (`keys`).
struct RawRow {
    /// The line of a CSV or JSON Lines file; the row number of a sheet.
    var line: Int
    var cells: [String]
    var keys: [String]?
    /// Set when the row cannot be read at all (a JSON Lines line that is not an object).
    var problem: Localized?
}

/// The file formats `collect import` reads.
enum ExportFormat: String, CaseIterable, Sendable {
    case csv, jsonl, xlsx

    /// By extension: `.csv`/`.txt` → CSV, `.xlsx` → sheet, anything else → JSON Lines.
    static func guess(_ path: String) -> ExportFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv", "txt", "tsv": .csv
        case "xlsx", "xlsm": .xlsx
        default: .jsonl
        }
    }
}

/// A file of rows, read once from start to end. `rows` calls `body` for each row until it returns false.
protocol ExportRowSource: AnyObject {
    /// The encoding it was read in (nil for `.xlsx`, which is always UTF-8 XML inside).
    var encoding: ExportEncoding? { get }
    /// How much of the file has been read (0…1), for the progress line.
    var fraction: Double { get }
    func rows(_ body: (RawRow) throws -> Bool) throws
}

/// CSV through CSV.swift, streamed: the file is never held whole. A row's line is where its record starts (a quoted
/// field may span lines).
final class CSVRowSource: ExportRowSource {
    let stream: ExportInputStream
    let encoding: ExportEncoding?
    let delimiter: UnicodeScalar

    let path: String

    init(path: String, encoding: ExportEncoding, delimiter: UnicodeScalar) throws(ExportReadError) {
        stream = try ExportInputStream(path: path, encoding: encoding)
        self.encoding = encoding
        self.delimiter = delimiter
        self.path = path
    }

    /// The file's last byte that is not a line end or a blank (`"` when its last field was closed by a quote).
    func lastByte() -> UInt8? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let size = try? h.seekToEnd(), size > 0 else { return nil }
        try? h.seek(toOffset: size > 64 ? size - 64 : 0)
        let tail = (try? h.readToEnd()) ?? Data()
        return tail.last { ![0x0A, 0x0D, 0x20, 0x09].contains($0) }
    }

    var fraction: Double { stream.fraction }

    func rows(_ body: (RawRow) throws -> Bool) throws {
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, codecType: UTF8.self, hasHeaderRow: false, delimiter: delimiter)
        } catch {
            throw ExportReadError(message: Localized(zh: "无法读取 CSV：\(error)", en: "cannot read the CSV: \(error)"))
        }
        var line = 1
        /// Where the last record started, when its last field spans lines (then it was quoted).
        var openAtEnd: Int?
        while let r = reader.next() {
            let start = line
            openAtEnd = r.last.map { f in f.contains { $0 == "\n" || $0 == "\r" || $0 == "\r\n" } } == true ? start : nil
            line += 1
            for f in r where f.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                line += f.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" ? 1 : 0) }
            }
            if r.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            // A cell's line breaks are stored as LF whatever the file's line ends (CRLF from Excel/WPS on Windows).
            let cells = r.map { f in
                f.contains(where: { $0 == "\r" || $0 == "\r\n" })
                    ? String(f.map { $0 == "\r" || $0 == "\r\n" ? "\n" : $0 }) : f
            }
            if try !body(RawRow(line: start, cells: cells)) { return }
        }
        if let e = stream.decodingError { throw e }
        // A quote never closed takes every later line into one cell (rows 5, 6… became one title): the reader does
        // not say so, but the file then does not end with the closing quote.
        if let start = openAtEnd, lastByte() != UInt8(ascii: "\"") {
            _ = try body(RawRow(line: start, cells: [], problem: Localized(
                zh: "引号没有闭合：从这一行开始的带引号内容一直延续到文件末尾，其后各行都被并入了这一格",
                en: "a quote is never closed: the quoted text starting on this line runs to the end of the file, taking every later line into one cell")))
        }
        if reader.error != nil {
            throw ExportReadError(message: Localized(
                zh: "第 \(line) 行附近不是有效的 UTF-8 文本（GB18030/GBK 文件可用 --encoding gb18030）",
                en: "the text near line \(line) is not valid UTF-8 (for a GB18030/GBK file use --encoding gb18030)"))
        }
    }
}

/// JSON Lines: one object per line; blank lines are skipped. Values that are strings or numbers are read.
final class JSONLinesRowSource: ExportRowSource {
    let stream: ExportInputStream
    let encoding: ExportEncoding?

    init(path: String, encoding: ExportEncoding) throws(ExportReadError) {
        stream = try ExportInputStream(path: path, encoding: encoding)
        self.encoding = encoding
    }

    var fraction: Double { stream.fraction }

    func rows(_ body: (RawRow) throws -> Bool) throws {
        stream.open()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: [UInt8] = []
        var line = 0
        func emit(_ bytes: ArraySlice<UInt8>) throws -> Bool {
            line += 1
            var b = bytes
            if b.last == 0x0D { b.removeLast() }
            if b.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
            return try body(JSONLinesRowSource.row(Data(b), line: line))
        }
        while true {
            let n = stream.read(&buffer, maxLength: buffer.count)
            if n <= 0 { break }
            pending.append(contentsOf: buffer[0..<n])
            var start = pending.startIndex
            while let lf = pending[start...].firstIndex(of: 0x0A) {
                if try !emit(pending[start..<lf]) { return }
                start = lf + 1
            }
            pending.removeSubrange(pending.startIndex..<start)
        }
        if let e = stream.decodingError { throw e }
        if !pending.isEmpty { _ = try emit(pending[...]) }
    }

    /// A line as a row: its keys (sorted, for a stable mapping) and their values as text. A line that is not a JSON
    /// object becomes a row without keys, which the import rejects with its line number.
    static func row(_ data: Data, line: Int) -> RawRow {
        guard let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return RawRow(line: line, cells: [], keys: [], problem: Localized(zh: "不是 JSON 对象", en: "not a JSON object"))
        }
        let keys = obj.keys.sorted()
        let cells: [String] = keys.map { k in
            switch obj[k] {
            case let s as String: s
            case let n as NSNumber: n.stringValue
            default: ""
            }
        }
        return RawRow(line: line, cells: cells, keys: keys)
    }
}
