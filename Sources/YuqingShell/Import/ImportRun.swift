import Foundation
import YuqingCore
import YuqingStore

/// What `collect import` was asked to do (the command's options, independent of how the verb declares them).
struct ImportOptions {
    var path: String
    var format: ExportFormat?
    var encoding: ExportEncoding?
    var sheet: String?
    /// A profile file, or the name of one in `import-profiles/` beside the store.
    var profile: String?
    var dryRun = false
    /// Where the rows that fail are reported (the file argument's range).
    var range: SourceRange?
    /// Where a profile that is missing or wrong is reported (the `--profile` value; the caret was under the file).
    var profileRange: SourceRange?
    /// Where a sheet the workbook does not have is reported (the `--sheet` value; the caret was under the file).
    var sheetRange: SourceRange?
}

/// `collect import`: reads an export, maps its columns, checks every row and writes them all in one transaction —
/// or, with `--dry-run`, only shows what would be stored.
///
/// All or nothing: rows are written as they are read (so 100k rows never sit in memory), and the first rejected row
/// stops the writing; reading goes on to list every rejected row, then the transaction is rolled back.
/// A row whose post is already in a case (same `PostURL.identity`) updates that post's counts with a
/// `metricsUpdated` event, or changes nothing when the counts are the same; it never opens a second case.
struct ImportRun {
    let options: ImportOptions
    let ws: Workspace
    let session: Session
    /// The effective time of the import (`--at`, else now): for rows without a time and for count updates.
    let at: Instant

    /// How many rows the dry run shows "as they will be stored".
    static let previewRows = 5

    enum Outcome {
        case newCase(EntityID)
        case updates(EntityID, item: Int)
        case unchanged(EntityID, item: Int)
    }

    struct Tally {
        var rows = 0
        var created = 0
        var updated = 0
        var unchanged = 0
        var problems: [RowProblem] = []
        var preview: [(line: Int, imported: ImportedItem, outcome: Outcome)] = []
        var mapping: HeaderMapping?
        var headerLine: Int?
    }

    /// Raised inside the store transaction to roll it back when a row was rejected.
    struct Rejected: Error {}
    /// Raised inside the store transaction to roll it back on Ctrl-C.
    struct Interrupted: Error {}

    func run() throws(ShellError) -> CommandOutput {
        let profile = try loadProfile()
        let source = try open(profile: profile)
        let directory = try ws.directory()
        let progress = ProgressLine.start(session, label: Localized(zh: "导入", en: "import"), unit: Localized(zh: "行", en: "rows"))
        defer { progress?.finish() }
        var tally = Tally()
        do {
            if options.dryRun {
                try ws.store.read { reader in
                    var next = try reader.lastNumber(.caseFile)
                    var seen: [String: (id: EntityID, item: Int, metrics: Metrics)] = [:]
                    try scan(source, profile: profile, directory: directory, tally: &tally, progress: progress) { imp in
                        try plan(imp, reader: reader, next: &next, seen: &seen)
                    }
                }
            } else {
                try ws.store.write { tx in
                    try scan(source, profile: profile, directory: directory, tally: &tally, progress: progress) { imp in
                        try write(imp, tx: tx)
                    }
                    if !tally.problems.isEmpty { throw Rejected() }
                }
            }
        } catch is Rejected {
            // Rolled back; reported below.
        } catch is Interrupted {
            progress?.finish()
            throw ShellError(Localized(zh: "已中断：\(options.path) 读到第 \(tally.rows) 行时按了 Ctrl-C，未导入任何信息（一个文件要么整个导入，要么都不导入）",
                                       en: "interrupted: Ctrl-C at row \(tally.rows) of \(options.path); nothing was imported (a file is imported whole or not at all)"),
                             range: options.range, kind: .usage)
        } catch let e as ExportReadError {
            // What is wrong with the file is said about the file.
            throw ShellError(e, range: options.range).about(options.path)
        } catch let e as ImportError {
            var error = ShellError(e, range: options.range).about(options.path)
            if case .noTitleColumn = e, let x = source as? XLSXRowSource, x.sheetNames.count > 1 {
                // A workbook's first sheet is often notes: say which sheet was read and which others there are.
                let others = x.sheetNames.filter { $0 != x.sheetName }.joined(separator: "、")
                error.hint = Localized(zh: "读的是工作表“\(x.sheetName)”；工作簿中还有：\(others)（用 --sheet 名称 指定）",
                                       en: "sheet “\(x.sheetName)” was read; the workbook also has: \(others) (choose one with --sheet NAME)")
            }
            throw error
        } catch {
            throw ShellError(caught: error)
        }
        progress?.finish()
        if options.dryRun {
            var out = dryRunOutput(tally, source: source)
            out.changedNothing = true
            return out
        }
        if !tally.problems.isEmpty {
            let list = tally.problems.map { problemLine($0, source: source) }
            throw ShellError(Localized(
                zh: "\(options.path)：\(tally.problems.count) 行有误，未导入任何信息：\n" + list.map(\.zh).joined(separator: "\n"),
                en: "\(options.path): \(tally.problems.count) row(s) rejected; nothing was imported:\n" + list.map(\.en).joined(separator: "\n")),
                range: options.range,
                hint: Localized(zh: "改正后重新导入；--dry-run 可先查看对应关系和将写入的内容",
                                en: "fix them and import again; --dry-run shows the mapping and what would be stored first"),
                kind: .data)
        }
        return CommandOutput(messages: [Localized(
            zh: "已从 \(options.path) 导入 \(tally.rows) 行：新立案件 \(tally.created) 个，更新传播数据 \(tally.updated) 条，已有且无变化 \(tally.unchanged) 条。",
            en: "Imported \(English.count(tally.rows, "row")) from \(options.path): \(English.count(tally.created, "new case")), \(English.count(tally.updated, "count update")), \(tally.unchanged) already known and unchanged.")],
            effective: at)
    }

    // MARK: reading

    func loadProfile() throws(ShellError) -> ImportProfile? {
        guard let name = options.profile else { return nil }
        var path = name
        if !FileManager.default.fileExists(atPath: path), let dir = ws.importProfileDirectory {
            path = (dir as NSString).appendingPathComponent(name.hasSuffix(".txt") ? name : name + ".txt")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError(Localized(zh: "找不到导入配置 \(name)（文件路径，或存放在数据库旁 import-profiles/ 中的名称）",
                                       en: "no import profile \(name) (a file path, or a name in import-profiles/ beside the store)"),
                             range: options.profileRange ?? options.range, kind: .notFound)
        }
        let text = String(data: data, encoding: .utf8)
            ?? String(data: data, encoding: ExportEncoding.gb18030Foundation) ?? ""
        return try ShellError.at(options.profileRange ?? options.range) {
            try ImportProfile.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, name: path)
        }
    }

    func open(profile: ImportProfile?) throws(ShellError) -> any ExportRowSource {
        let path = options.path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ShellError(Localized(zh: "无法读取文件 \(path)", en: "cannot read \(path)"), range: options.range, kind: .notFound)
        }
        var encoding = options.encoding
        if encoding == nil, let e = profile?.encoding {
            guard let known = ExportEncoding(name: e) else {
                throw ShellError(Localized(zh: "导入配置中的编码“\(e)”无效（utf-8 或 gb18030）", en: "the profile's encoding “\(e)” is unknown (utf-8 or gb18030)"),
                                 range: options.profileRange ?? options.range, kind: .data)
            }
            encoding = known
        }
        let format = options.format ?? ExportFormat.guess(path)
        if format == .xlsx {
            do throws(ExportReadError) {
                return try XLSXRowSource(path: path, sheet: options.sheet ?? profile?.sheet)
            } catch {
                // A sheet the workbook lacks is the sheet argument's fault (or the profile's, which named it).
                let at = error.aboutSheet ? (options.sheet != nil ? options.sheetRange : options.profileRange) : nil
                throw ShellError(error, range: at ?? options.range)
            }
        }
        return try ShellError.at(options.range) { () throws -> any ExportRowSource in
            let sample = FileHandle(forReadingAtPath: path)?.readData(ofLength: 64 * 1024) ?? Data()
            // Excel's "Unicode text" is UTF-16 with a byte-order mark: read as GB18030 it was "not valid GB18030/GBK
            // text (try --encoding utf-8)", which sent a clerk the wrong way.
            if sample.starts(with: [0xFF, 0xFE]) || sample.starts(with: [0xFE, 0xFF]) {
                throw ExportReadError(message: Localized(
                    zh: "这是 UTF-16 文本（Excel 的“Unicode 文本”），不能导入；请在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx",
                    en: "this is UTF-16 text (Excel's \"Unicode text\"), which is not read; save it from Excel or WPS as \"CSV UTF-8 (comma delimited)\" or .xlsx"))
            }
            let enc = encoding ?? ExportEncoding.detect(sample)
            if format == .csv {
                let tab = (path as NSString).pathExtension.lowercased() == "tsv"
                return try CSVRowSource(path: path, encoding: enc, delimiter: tab ? "\t" : ",")
            }
            return try JSONLinesRowSource(path: path, encoding: enc)
        }
    }

    /// Reads every row: finds the header (CSV and sheets may have a title line or two above it), converts each row
    /// and hands good rows to `accept` until the first problem; after that only checks.
    func scan(_ source: any ExportRowSource, profile: ImportProfile?, directory: Directory, tally: inout Tally,
              progress: ProgressLine?, accept: (ImportedItem) throws -> Outcome) throws {
        var converter: ImportRowConverter?
        var jsonKeys: [String]?
        var firstRows: [RawRow] = []
        var rowsSeen = 0
        let dayShift = (source as? XLSXRowSource)?.date1904 == true ? ExportValues.excel1904DayShift : 0
        try source.rows { raw in
            rowsSeen += 1
            progress?.update(done: Int64(rowsSeen), fraction: source.fraction)
            if rowsSeen % 256 == 0, progress?.interrupted() == true { throw Interrupted() }
            if let p = raw.problem {
                tally.problems.append(RowProblem(line: raw.line, reasons: [p]))
                return true
            }
            if let keys = raw.keys {
                // JSON Lines: each object names its fields; the mapping follows the keys.
                if keys != jsonKeys {
                    jsonKeys = keys
                    do throws(ImportError) {
                        let m = try HeaderMapping.build(headers: keys, profile: profile)
                        if tally.mapping == nil { tally.mapping = m }
                        converter = ImportRowConverter(mapping: m, profile: profile, directory: directory, now: at)
                    } catch {
                        converter = nil
                    }
                }
                guard let c = converter else {
                    tally.problems.append(RowProblem(line: raw.line, reasons: [Localized(
                        zh: "没有标题字段（title/标题/题目/内容概要）", en: "no title field (title/标题/题目/内容概要)")]))
                    return true
                }
                try take(c.convert(raw.cells, line: raw.line), line: raw.line, tally: &tally, accept: accept)
                return true
            }
            guard let c = converter else {
                // Still looking for the header row among the first lines.
                firstRows.append(raw)
                if let m = try? HeaderMapping.build(headers: raw.cells, profile: profile) {
                    tally.mapping = m
                    tally.headerLine = raw.line
                    converter = ImportRowConverter(mapping: m, profile: profile, directory: directory, now: at)
                    converter?.excelDayShift = dayShift
                } else if firstRows.count >= 10 {
                    _ = try HeaderMapping.build(headers: firstRows[0].cells, profile: profile)
                }
                return true
            }
            try take(c.convert(raw.cells, line: raw.line), line: raw.line, tally: &tally, accept: accept)
            return true
        }
        if converter == nil, jsonKeys == nil, let first = firstRows.first {
            _ = try HeaderMapping.build(headers: first.cells, profile: profile)
        }
        // A CSV or sheet without a single row has no header to map (JSON Lines need none: an empty file is no rows).
        if converter == nil, jsonKeys == nil, firstRows.isEmpty, !(source is JSONLinesRowSource) {
            throw ImportError.noTitleColumn(headers: [])
        }
    }

    private func take(_ r: Result<ImportedItem, RowProblem>, line: Int, tally: inout Tally,
                      accept: (ImportedItem) throws -> Outcome) throws {
        switch r {
        case .failure(let p):
            tally.problems.append(p)
        case .success(let imp):
            tally.rows += 1
            // After a rejection nothing more is written (it will all be rolled back), but every row is still checked.
            guard tally.problems.isEmpty || options.dryRun else { return }
            let outcome = try accept(imp)
            switch outcome {
            case .newCase: tally.created += 1
            case .updates: tally.updated += 1
            case .unchanged: tally.unchanged += 1
            }
            if tally.preview.count < ImportRun.previewRows { tally.preview.append((line, imp, outcome)) }
        }
    }

    // MARK: writing

    /// Stores one row: a new case, a count update of the post it repeats, or nothing when the counts are the same.
    func write(_ imp: ImportedItem, tx: any StoreTransaction) throws -> Outcome {
        if let url = imp.item.url, let id = try tx.caseID(forURL: url), let c = try tx.caseFile(id) {
            if let index = c.itemIndex(forURL: url) {
                if imp.stated.isNoChange(for: c.items[index - 1].metrics) { return .unchanged(id, item: index) }
                try tx.append(NewEvent(caseID: id, actor: session.actor, effective: at, recorded: session.now(),
                                       body: .metricsUpdated(item: index, url: url, metrics: imp.stated)),
                              expectedVersion: c.version)
                return .updates(id, item: index)
            }
        }
        let id = try tx.nextID(.caseFile)
        try tx.append(NewEvent(caseID: id, actor: session.actor, effective: imp.at, recorded: session.now(),
                               body: .collected(item: imp.item, dept: imp.dept)), expectedVersion: 0)
        return .newCase(id)
    }

    /// What `write` would do, without writing: existing posts from the store, earlier rows of the file from `seen`.
    func plan(_ imp: ImportedItem, reader: any StoreReader, next: inout Int,
              seen: inout [String: (id: EntityID, item: Int, metrics: Metrics)]) throws -> Outcome {
        guard let url = imp.item.url else {
            next += 1
            return .newCase(EntityID(.caseFile, next))
        }
        let key = PostURL.identity(url)
        var known = seen[key]
        if known == nil, let id = try reader.caseID(forURL: url), let c = try reader.caseFile(id),
           let index = c.itemIndex(forURL: url) {
            known = (id, index, c.items[index - 1].metrics)
        }
        if let k = known {
            if imp.stated.isNoChange(for: k.metrics) { return .unchanged(k.id, item: k.item) }
            seen[key] = (k.id, k.item, imp.stated.applied(to: k.metrics))
            return .updates(k.id, item: k.item)
        }
        next += 1
        let id = EntityID(.caseFile, next)
        seen[key] = (id, 1, imp.item.metrics)
        return .newCase(id)
    }
}

extension Workspace {
    /// `import-profiles/` beside the store: profiles named by `--profile NAME` without a path.
    var importProfileDirectory: String? {
        calendarDirectory.map { (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent("import-profiles") }
    }
}
