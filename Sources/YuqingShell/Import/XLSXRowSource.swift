import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import YuqingCore
import ZIPFoundation

/// An `.xlsx` workbook read with ZIPFoundation (the zip) and XMLParser (the parts): the first sheet or a named one.
///
/// Cells are read as the workbook stores them: shared strings (`t="s"`, an index into `xl/sharedStrings.xml`),
/// inline strings (`t="inlineStr"`), formula strings (`t="str"`), numbers and booleans. A date cell is stored as an
/// Excel serial day number (`45352.381944`); the import reads serials in time columns (`ExportValues.time`).
/// Rows are numbered as the sheet numbers them (`r="12"`), which is what a spreadsheet program shows.
final class XLSXRowSource: ExportRowSource {
    let encoding: ExportEncoding? = nil
    private let archive: Archive
    private let path: String
    let sheetName: String
    private let sheetPath: String
    /// The workbook's sheets in order: when the first one has no header, the error names the others.
    let sheetNames: [String]
    /// The workbook counts dates from 1904 (`<workbookPr date1904="1"/>`, Excel for Mac): its serials are 1,462
    /// days short of the 1900 system's (2024-03-01 read as 2020-02-29).
    let date1904: Bool
    private(set) var fraction: Double = 0

    init(path: String, sheet: String?) throws(ExportReadError) {
        self.path = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ExportReadError(message: Localized(zh: "\(path) 不是有效的 .xlsx 文件（无法作为 zip 打开）",
                                                     en: "\(path) is not a valid .xlsx file (it does not open as a zip)"))
        }
        let sheets = try XLSXRowSource.sheets(archive, path: path)
        sheetNames = sheets.map(\.name)
        date1904 = XLSXRowSource.uses1904(archive, path: path)
        guard let first = sheets.first else {
            throw ExportReadError(message: Localized(zh: "\(path) 中没有工作表", en: "\(path) has no sheets"))
        }
        if let sheet {
            guard let s = sheets.first(where: { $0.name == sheet }) ?? sheets.first(where: { $0.name.lowercased() == sheet.lowercased() }) else {
                let names = sheets.map(\.name).joined(separator: "、")
                throw ExportReadError(message: Localized(zh: "\(path) 中没有工作表“\(sheet)”（有：\(names)）",
                                                         en: "\(path) has no sheet “\(sheet)” (it has: \(names))"),
                                      aboutSheet: true)
            }
            (sheetName, sheetPath) = (s.name, s.path)
        } else {
            (sheetName, sheetPath) = (first.name, first.path)
        }
    }

    func rows(_ body: (RawRow) throws -> Bool) throws {
        let shared = try sharedStrings()
        let data = try XLSXRowSource.entry(archive, sheetPath, path: path)
        let parser = XMLParser(data: data)
        // The parser calls back synchronously; the reader lets go of `body` before `parse` returns.
        let (thrown, stopped) = withoutActuallyEscaping(body) { body in
            let reader = SheetReader(shared: shared, body: body) { [weak self] f in self?.fraction = f }
            parser.delegate = reader
            _ = parser.parse()
            parser.delegate = nil
            reader.body = nil
            return (reader.thrown, reader.stopped)
        }
        if let e = thrown { throw e }
        if let e = parser.parserError, !stopped {
            throw ExportReadError(message: Localized(zh: "工作表 \(sheetName) 的 XML 无法解析：\(e.localizedDescription)",
                                                     en: "the XML of sheet \(sheetName) cannot be parsed: \(e.localizedDescription)"))
        }
        fraction = 1
    }

    // MARK: workbook parts

    struct SheetRef { var name: String; var path: String }

    /// Sheets in workbook order, with the part each is stored in (`xl/worksheets/sheet1.xml`).
    static func sheets(_ archive: Archive, path: String) throws(ExportReadError) -> [SheetRef] {
        let workbook = try entry(archive, "xl/workbook.xml", path: path)
        let rels = (try? entry(archive, "xl/_rels/workbook.xml.rels", path: path)) ?? Data()
        let w = ElementCollector(element: "sheet")
        let wp = XMLParser(data: workbook)
        wp.shouldProcessNamespaces = false
        wp.delegate = w
        _ = wp.parse()
        let r = ElementCollector(element: "Relationship")
        let rp = XMLParser(data: rels)
        rp.delegate = r
        _ = rp.parse()
        var targets: [String: String] = [:]
        for a in r.found { if let id = a["Id"], let t = a["Target"] { targets[id] = t } }
        return w.found.enumerated().compactMap { i, a in
            guard let name = a["name"] else { return nil }
            let rid = a["r:id"] ?? a.first(where: { $0.key.hasSuffix(":id") })?.value
            var target = rid.flatMap { targets[$0] } ?? "worksheets/sheet\(i + 1).xml"
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            return SheetRef(name: name, path: target)
        }
    }

    static func uses1904(_ archive: Archive, path: String) -> Bool {
        guard let workbook = try? entry(archive, "xl/workbook.xml", path: path) else { return false }
        let c = ElementCollector(element: "workbookPr")
        let p = XMLParser(data: workbook)
        p.delegate = c
        _ = p.parse()
        return c.found.contains { ["1", "true"].contains($0["date1904"]?.lowercased() ?? "") }
    }

    func sharedStrings() throws(ExportReadError) -> [String] {
        guard archive["xl/sharedStrings.xml"] != nil else { return [] }
        let data = try XLSXRowSource.entry(archive, "xl/sharedStrings.xml", path: path)
        let s = SharedStringsReader()
        let p = XMLParser(data: data)
        p.delegate = s
        _ = p.parse()
        return s.strings
    }

    static func entry(_ archive: Archive, _ name: String, path: String) throws(ExportReadError) -> Data {
        guard let e = archive[name] else {
            throw ExportReadError(message: Localized(zh: "\(path) 缺少 \(name)，不是有效的 .xlsx 文件",
                                                     en: "\(path) lacks \(name): not a valid .xlsx file"))
        }
        var data = Data()
        do {
            _ = try archive.extract(e, skipCRC32: false) { data.append($0) }
        } catch {
            throw ExportReadError(message: Localized(zh: "\(path) 的 \(name) 无法解压：\(error)",
                                                     en: "\(name) in \(path) cannot be unpacked: \(error)"))
        }
        return data
    }
}

/// Collects the attributes of every element with a given name.
private final class ElementCollector: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []
    init(element: String) { self.element = element }
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        if name == element || name.hasSuffix(":" + element) { found.append(attributes) }
    }
}

/// `<si>` items: plain `<t>` or rich-text runs `<r><t>`; phonetic runs (`<rPh>`) are not part of the text.
private final class SharedStringsReader: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "t": inText = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": phonetic -= 1
        default: break
        }
    }
}

/// Streams a worksheet's rows to the import, cell by cell.
private final class SheetReader: NSObject, XMLParserDelegate {
    let shared: [String]
    var body: ((RawRow) throws -> Bool)?
    let progress: (Double) -> Void
    var thrown: Error?
    var stopped = false
    private var lastRow = 0
    private var row = 0
    private var cells: [String] = []
    private var column = 0
    private var type = "n"
    private var value = ""
    private var inValue = false
    private var inInline = false

    init(shared: [String], body: @escaping (RawRow) throws -> Bool, progress: @escaping (Double) -> Void) {
        self.shared = shared
        self.body = body
        self.progress = progress
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        switch name {
        case "dimension":
            // `A1:K1001`: the last row, for progress.
            if let ref = attributes["ref"], let last = ref.split(separator: ":").last {
                lastRow = Int(last.filter(\.isNumber)) ?? 0
            }
        case "row":
            row = attributes["r"].flatMap { Int($0) } ?? row + 1
            cells = []
            column = 0
        case "c":
            if let ref = attributes["r"] { column = SheetReader.columnIndex(ref) ?? column }
            type = attributes["t"] ?? "n"
            value = ""
        case "v": inValue = true
        case "is": inInline = true
        case "t": if inInline { inValue = true }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inValue = false
        case "is": inInline = false
        case "c":
            let text: String
            switch type {
            case "s": text = Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            case "e": text = ""
            default: text = value
            }
            if column >= cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count + 1)) }
            cells[column] = text
            column += 1
        case "row":
            if lastRow > 0 { progress(Double(row) / Double(lastRow)) }
            guard !cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return }
            do {
                if let body, try !body(RawRow(line: row, cells: cells)) {
                    stopped = true
                    parser.abortParsing()
                }
            } catch {
                thrown = error
                parser.abortParsing()
            }
        default: break
        }
    }

    /// `C12` → 2 (0-based column of the letters).
    static func columnIndex(_ ref: String) -> Int? {
        var n = 0
        var any = false
        for ch in ref {
            guard let a = ch.asciiValue, (65...90).contains(a) || (97...122).contains(a) else { break }
            n = n * 26 + Int((a & 0xDF) - 64)
            any = true
        }
        return any ? n - 1 : nil
    }
}
