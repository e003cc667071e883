import YuqingCore

/// What `collect import --dry-run` shows, and how rejected rows are named.
extension ImportRun {
    /// `line 7` in a text file, `sheet 舆情 row 7` in a workbook (the row number a spreadsheet program shows).
    func place(_ line: Int, source: any ExportRowSource) -> Localized {
        if let x = source as? XLSXRowSource {
            return Localized(zh: "工作表“\(x.sheetName)”第 \(line) 行", en: "sheet “\(x.sheetName)” row \(line)")
        }
        return Localized(zh: "第 \(line) 行", en: "line \(line)")
    }

    func problemLine(_ p: RowProblem, source: any ExportRowSource) -> Localized {
        let at = place(p.line, source: source)
        return Localized(zh: "\(at.zh)：" + p.reasons.map(\.zh).joined(separator: "；"),
                         en: "\(at.en): " + p.reasons.map(\.en).joined(separator: "; "))
    }

    func describe(_ o: Outcome) -> Localized {
        switch o {
        case .newCase(let id): Localized(zh: "新立 \(id)", en: "new case \(id)")
        case .updates(let id, let item): Localized(zh: "更新 \(id) 第 \(item) 条", en: "updates \(id) item \(item)")
        case .unchanged(let id, let item): Localized(zh: "已在 \(id) 第 \(item) 条，无变化", en: "in \(id) item \(item), unchanged")
        }
    }

    func dryRunOutput(_ t: Tally, source: any ExportRowSource) -> CommandOutput {
        var messages: [Localized] = []
        var kind = Localized(zh: "JSON Lines", en: "JSON Lines")
        if let x = source as? XLSXRowSource {
            kind = Localized(zh: ".xlsx 工作表“\(x.sheetName)”", en: ".xlsx sheet “\(x.sheetName)”")
        } else if source is CSVRowSource {
            kind = Localized(zh: "CSV", en: "CSV")
        }
        if let e = source.encoding { kind = Localized(zh: kind.zh + "，\(e.rawValue) 编码", en: kind.en + " in \(e.rawValue)") }
        var header = Localized(zh: "", en: "")
        if let h = t.headerLine {
            let at = place(h, source: source)
            header = Localized(zh: "，表头在\(at.zh)", en: ", header on \(at.en)")
        }
        messages.append(Localized(zh: "试导入 \(options.path)（\(kind.zh)\(header.zh)），未写入任何内容。",
                                  en: "Dry run of \(options.path) (\(kind.en)\(header.en)); nothing was written."))
        var tables: [Table] = []
        if let m = t.mapping {
            let rows: [[Cell]] = ImportField.allCases.compactMap { f in
                guard let i = m.columns[f] else { return nil }
                // JSON Lines fields have names but no column letters.
                let column = source is JSONLinesRowSource ? "" : ImportRun.columnLetter(i)
                return [.text(f.rawValue), .localized(f.label), .text(m.headers[i]), .text(column)]
            }
            tables.append(Table(title: Localized(zh: "字段对应", en: "Mapping"), columns: [
                Column("field", Localized(zh: "字段", en: "field")),
                Column("meaning", Localized(zh: "含义", en: "meaning")),
                Column("header", Localized(zh: "表头", en: "header")),
                Column("column", Localized(zh: "列", en: "column")),
            ], rows: rows))
            let ignored = m.ignored.filter { !$0.isEmpty }
            if !ignored.isEmpty {
                messages.append(Localized(zh: "未使用的列：\(ignored.joined(separator: "、"))。",
                                          en: "Columns not used: \(ignored.joined(separator: ", "))."))
            }
        }
        if !t.preview.isEmpty {
            tables.append(Table(title: Localized(zh: "前 \(t.preview.count) 行将存为", en: t.preview.count == 1 ? "The first row as it will be stored" : "The first \(t.preview.count) rows as they will be stored"),
                                columns: [
                Column("line", Localized(zh: "行", en: "line"), align: .right),
                Column("outcome", Localized(zh: "结果", en: "outcome")),
                Column("title", Localized(zh: "标题", en: "title")),
                Column("source", Localized(zh: "来源", en: "source")),
                Column("collected", Localized(zh: "收集时间", en: "collected")),
                Column("reposts", Localized(zh: "转发", en: "reposts"), align: .right),
                Column("comments", Localized(zh: "评论", en: "comments"), align: .right),
                Column("views", Localized(zh: "阅读", en: "views"), align: .right),
                Column("url", Localized(zh: "链接", en: "url")),
            ], rows: t.preview.map { p in
                let i = p.imported
                func n(_ v: Int?) -> Cell { v.map(Cell.integer) ?? .empty }
                return [.integer(p.line), .localized(describe(p.outcome)), .text(i.item.title),
                        .localized(i.item.source.name), .time(i.at), n(i.stated.reposts), n(i.stated.comments),
                        n(i.stated.views), i.item.url.map(Cell.text) ?? .empty]
            }))
        }
        messages.append(Localized(
            zh: "可导入 \(t.rows) 行：将新立案件 \(t.created) 个，更新传播数据 \(t.updated) 条，已有且无变化 \(t.unchanged) 条；有误 \(t.problems.count) 行\(t.problems.isEmpty ? "" : "（有误时整个文件都不会导入）")。",
            en: "\(English.count(t.rows, "row")) can be imported: \(English.count(t.created, "new case")), \(English.count(t.updated, "count update")), \(t.unchanged) already known and unchanged; \(t.problems.count) rejected\(t.problems.isEmpty ? "" : " (while any row is rejected, nothing is imported)")."))
        if !t.problems.isEmpty {
            tables.append(Table(title: Localized(zh: "有误的行", en: "Rejected rows"), columns: [
                Column("where", Localized(zh: "位置", en: "where")),
                Column("reason", Localized(zh: "原因", en: "reason")),
            ], rows: t.problems.map { p in
                [.localized(place(p.line, source: source)),
                 .localized(Localized(zh: p.reasons.map(\.zh).joined(separator: "；"), en: p.reasons.map(\.en).joined(separator: "; ")))]
            }))
        }
        return CommandOutput(messages: messages, tables: tables)
    }

    /// 0 → A, 27 → AB: how a spreadsheet names a column.
    static func columnLetter(_ i: Int) -> String {
        var n = i + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }
}

extension ImportField {
    /// The field's meaning in both languages (the `--dry-run` mapping table and docs).
    var label: Localized {
        switch self {
        case .title: Localized(zh: "标题", en: "title")
        case .url: Localized(zh: "链接", en: "link")
        case .source: Localized(zh: "来源", en: "source")
        case .category: Localized(zh: "收集重点", en: "gathering point")
        case .excerpt: Localized(zh: "摘要", en: "excerpt")
        case .reposts: Localized(zh: "转发数", en: "reposts")
        case .comments: Localized(zh: "评论数", en: "comments")
        case .views: Localized(zh: "阅读数", en: "views")
        case .dept: Localized(zh: "建议部门", en: "suggested department")
        case .collected: Localized(zh: "收集时间", en: "time collected")
        case .author: Localized(zh: "作者", en: "author")
        }
    }
}
