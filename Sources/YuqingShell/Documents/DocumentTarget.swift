import Foundation
import YuqingCore
import YuqingStore
import ZIPFoundation

/// Where an official document goes and in which format: `--out FILE` chooses by the file's extension (.md, .html or
/// .htm, .docx) and refuses one it cannot write; `--format` chooses for the screen (Markdown or HTML) or for a file
/// without an extension. Resolved before anything is written, so a wrong name changes nothing.
struct DocumentTarget {
    /// The file as typed (`~` expanded when written), or nil for the screen.
    var path: String?
    var range: SourceRange?
    var format: DocumentFormat

    static let extensions = Localized(zh: ".md、.html、.htm 或 .docx", en: ".md, .html, .htm or .docx")

    /// The options every document verb declares.
    static let formats = ValueKind.choice([
        Choice("md", zh: "markdown", help: Localized(zh: "Markdown", en: "Markdown")),
        Choice("html", zh: "网页", help: Localized(zh: "网页，可直接打印（GB/T 9704 版式）", en: "HTML to print (GB/T 9704 layout)")),
        Choice("docx", zh: "word", help: Localized(zh: "Word 文档，供 Word/WPS 编辑", en: "a Word document, to edit in Word or WPS")),
    ])
    static let outHelp = Localized(zh: "写入文件：扩展名 .md、.html 或 .docx 决定格式", en: "write to this file: .md, .html or .docx chooses the format")
    static let formatHelp = Localized(zh: "屏幕上显示的格式（md 或 html），或无扩展名文件的格式", en: "the format on the screen (md or html), or of a file without an extension")
    static let langHelp = Localized(zh: "语言（默认中文）", en: "language (default Chinese)")

    /// `--out` and `--format` as the verb declared them.
    static func resolve(out: ArgumentRef, format: DocumentFormat?, formatRef: ArgumentRef,
                        verbRange: SourceRange?) throws(ShellError) -> DocumentTarget {
        try resolve(out: out.raw, outRange: out.range, format: format, formatRange: formatRef.range, verbRange: verbRange)
    }

    static func resolve(out: String?, outRange: SourceRange?, format asked: DocumentFormat?, formatRange: SourceRange?,
                        verbRange: SourceRange?) throws(ShellError) -> DocumentTarget {
        guard let out else {
            if asked == .docx {
                throw ShellError(Localized(zh: "Word 文档（.docx）只能写入文件", en: "a Word document (.docx) can only be written to a file"),
                                 range: formatRange ?? verbRange,
                                 hint: Localized(zh: "加上 --out 文件名.docx", en: "add --out NAME.docx"), kind: .usage)
            }
            return DocumentTarget(path: nil, range: nil, format: asked ?? .markdown)
        }
        let ext = (out as NSString).pathExtension
        if ext.isEmpty {
            guard let asked else {
                throw ShellError(Localized(zh: "无法判断 \(out) 的格式：文件名应以 \(extensions.zh) 结尾",
                                           en: "cannot tell the format of \(out): the name must end in \(extensions.en)"),
                                 range: outRange, hint: Localized(zh: "或用 --format md|html|docx 指定", en: "or give --format md|html|docx"),
                                 kind: .usage)
            }
            return DocumentTarget(path: out, range: outRange, format: asked)
        }
        guard let byName = DocumentFormat(code: ext) else {
            throw ShellError(Localized(zh: "无法写入“.\(ext)”格式的文件 \(out)：可写 \(extensions.zh)",
                                       en: "cannot write a “.\(ext)” file (\(out)): yuqing writes \(extensions.en)"),
                             range: outRange,
                             hint: Localized(zh: "PDF 可由 HTML 在浏览器中打印，或由 .docx 在 Word/WPS 中导出",
                                             en: "for a PDF, print the HTML from a browser or export the .docx from Word or WPS"),
                             kind: .usage)
        }
        if let asked, asked != byName {
            throw ShellError(Localized(zh: "--format \(asked.rawValue) 与 \(out) 的扩展名不一致",
                                       en: "--format \(asked.rawValue) does not match the extension of \(out)"),
                             range: formatRange, kind: .usage)
        }
        return DocumentTarget(path: out, range: outRange, format: byName)
    }

    /// Prints the document, or writes it and says where.
    func deliver(_ doc: OfficialDocument, what: Localized) throws(ShellError) -> CommandOutput {
        guard let path else {
            var o = CommandOutput(document: doc.text(format) ?? "")
            o.documentIsMarkup = true
            return o
        }
        let data: Data
        switch format {
        case .markdown, .html: data = Data((doc.text(format) ?? "").utf8)
        case .docx: data = try DocxArchive.data(doc)
        }
        try FileOutput.write(data, to: path, range: range)
        return CommandOutput(zh: "\(what.zh)已写入 \(path)（\(format.name.zh)，\(data.count) 字节）。",
                             en: "\(what.en) written to \(path) (\(format.name.en), \(data.count) bytes).")
    }

    /// Issues a numbered document: the number is taken from the store and the file written in one transaction, so a
    /// file that cannot be written leaves the number unused. The same kind and key (a case, a meeting, a month) keeps
    /// its number when written again; the next one of the year comes from a counter in the store's meta data.
    func issue(_ ws: Workspace, kind: DocumentKind, key: String, year: Int, what: Localized,
               build: (DocumentNumber?) -> OfficialDocument) throws(ShellError) -> CommandOutput {
        var output: CommandOutput?
        try ws.storeCall {
            try ws.store.write { tx in
                let number = try DocumentNumbers.number(tx, kind: kind, key: key, year: year)
                output = try deliver(build(number), what: what)
            }
        }
        guard let output else { throw ShellError(zh: "文档未生成", en: "the document was not written", kind: .internal) }
        return output
    }
}

/// The numbers of documents (明舆专〔2020〕3号), kept as meta data: `document.KIND.KEY` holds the number a document
/// was given (`2020-3`), `document.KIND.seq.YEAR` the last number of the year.
enum DocumentNumbers {
    static func number(_ tx: any StoreTransaction, kind: DocumentKind, key: String, year: Int) throws -> DocumentNumber? {
        guard let prefix = kind.numberPrefix else { return nil }
        let given = "document.\(kind.rawValue).\(key)"
        if let v = try tx.meta(given) {
            let p = v.split(separator: "-")
            if p.count == 2, let y = Int(p[0]), let n = Int(p[1]) { return DocumentNumber(prefix: prefix, year: y, sequence: n) }
        }
        let counter = "document.\(kind.rawValue).seq.\(year)"
        let next = (Int(try tx.meta(counter) ?? "") ?? 0) + 1
        try tx.setMeta(counter, String(next))
        try tx.setMeta(given, "\(year)-\(next)")
        return DocumentNumber(prefix: prefix, year: year, sequence: next)
    }
}

/// Zips the parts of a .docx (ZIPFoundation, in memory). Entries carry the document's date, so the same document
/// gives the same bytes.
enum DocxArchive {
    static func data(_ doc: OfficialDocument) throws(ShellError) -> Data {
        let date = Date(timeIntervalSince1970: TimeInterval(doc.header.date.map { Instant(date: $0).seconds } ?? 315_532_800))
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in DocxWriter.parts(doc) {
                let bytes = Data(part.xml.utf8)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                                     compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let data = archive.data else {
                throw ShellError(zh: "无法生成 .docx", en: "the .docx could not be built", kind: .internal)
            }
            return data
        } catch let e as ShellError {
            throw e
        } catch {
            throw ShellError(Localized(zh: "无法生成 .docx：\(error)", en: "the .docx could not be built: \(error)"), kind: .internal)
        }
    }
}
