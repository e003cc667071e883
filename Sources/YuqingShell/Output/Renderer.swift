import Foundation
import YuqingCore

/// Renders a handler's output in the session's language and format.
///
/// Text from users (titles, names, notes) may hold control and bidi characters: they are kept in the store but
/// every human format (table, sentences, documents, Markdown) shows them escaped (`TerminalText`); JSON writes them
/// as `\u` escapes (the data is unchanged for a JSON reader); CSV shows them escaped too (`CSVText`) and neutralises
/// cells a spreadsheet would run as formulas.
///
/// Table format: messages, then each table (title, header, a dash rule, rows), then the document. JSON: the
/// handler's explicit JSON, else one table as an array of row objects, else an object with `messages`, `tables`
/// and `created`. CSV: each table (messages printed plainly when there is no table). Markdown: messages as
/// paragraphs and pipe tables.
struct Renderer {
    var language: Language
    var format: OutputFormat
    var bom: Bool = false
    /// Terminal width to fit tables into (nil: never truncate).
    var width: Int?
    var color: Bool = false

    func render(_ o: CommandOutput) -> String {
        // A command with nothing to say prints nothing, in every format.
        if o.messages.isEmpty && o.tables.isEmpty && o.document == nil && o.json == nil { return "" }
        // A streamed listing is written by `stream(_:to:)`; its messages (none for an export) are not printed.
        switch format {
        case .table: return renderText(o)
        case .json: return JSONWriter.write(json(o)) + "\n"
        case .csv:
            if o.tables.isEmpty { return renderText(o) }
            return (bom ? "\u{FEFF}" : "") + o.tables.map { csv($0) }.joined(separator: "\n")
        case .md: return markdown(o)
        }
    }

    /// Renders an output that may hold a stream, writing as it goes (see `RowStream`): the messages and tables
    /// first, then the stream's rows. Without a stream it is `render(_:)` written once.
    func render(_ o: CommandOutput, write: (String) -> Void) throws(ShellError) {
        guard let s = o.stream else {
            let text = render(o)
            if !text.isEmpty { write(text) }
            return
        }
        var rest = o
        rest.stream = nil
        var rows = self
        switch format {
        case .json:
            break  // one JSON value: the stream's (the interpreter sends sentences to standard error)
        case .csv:
            if bom { write("\u{FEFF}") }
            rows.bom = false
            for t in rest.tables { write(csv(t) + "\n") }
        case .table, .md:
            let text = render(rest)
            if !text.isEmpty { write(text + "\n") }
        }
        try rows.stream(s, to: write)
    }

    func cellText(_ c: Cell) -> String {
        switch c {
        case .text(let s): s
        case .localized(let l): l.text(language)
        case .integer(let n): String(n)
        // Minutes, as every screen shows a time (a logging time on the real clock carries seconds: JSON keeps them).
        case .time(let t): t.minuteDescription
        case .deadline(let t): t.deadlineDescription
        case .id(let id): id.description
        case .empty: ""
        }
    }

    func cellJSON(_ c: Cell) -> JSONValue {
        switch c {
        case .text(let s): .string(s)
        case .localized(let l): .string(l.text(language))
        case .integer(let n): .int(n)
        case .time(let t), .deadline(let t): .string(t.iso8601)
        case .id(let id): .string(id.description)
        case .empty: .null
        }
    }

    // MARK: text

    private func renderText(_ o: CommandOutput) -> String {
        var blocks: [String] = []
        if !o.messages.isEmpty {
            blocks.append(o.messages.map { SentenceWrap.text(TerminalText.escape($0.text(language)), width: width) + "\n" }.joined())
        }
        for t in o.tables { blocks.append(table(t)) }
        if let d = (o.layout.map { $0(width) } ?? o.document).map(TerminalText.escape) {
            blocks.append(d.hasSuffix("\n") || d.isEmpty ? d : d + "\n")
        }
        return blocks.joined(separator: blocks.count > 1 && !o.tables.isEmpty ? "\n" : "")
    }

    /// The columns a person reads (tables, Markdown): data-only code columns are left out.
    static func shown(_ t: Table) -> Table {
        guard t.columns.contains(where: \.dataOnly) else { return t }
        let keep = t.columns.indices.filter { !t.columns[$0].dataOnly }
        return Table(title: t.title, columns: keep.map { t.columns[$0] },
                     rows: t.rows.map { row in keep.map { $0 < row.count ? row[$0] : .empty } })
    }

    /// A table fitted to the terminal: columns with a drop rank go first (lowest rank first), then wrapping columns
    /// (titles) wrap onto further lines, then other text columns are cut with `…`; times are never cut.
    func table(_ full: Table) -> String {
        let fitted = FittedTable(full, renderer: self)
        var out = fitted.heading(self)
        for row in fitted.body { out += fitted.lines(row, self).map { $0 + "\n" }.joined() }
        if fitted.isEmpty { out += (language == .zh ? "（无）" : "(none)") + "\n" }
        return out
    }

    // MARK: JSON

    func json(_ o: CommandOutput) -> JSONValue {
        if let j = o.json { return j }
        if o.tables.count == 1 && o.document == nil { return rowsJSON(o.tables[0]) }
        var fields: [(String, JSONValue)] = [("messages", .array(o.messages.map { .string($0.text(language)) }))]
        if let c = o.created { fields.append(("created", .string(c.description))) }
        if !o.tables.isEmpty {
            fields.append(("tables", .array(o.tables.map { t in
                .object([("title", t.title.map { .string($0.text(language)) } ?? .null), ("rows", rowsJSON(t))])
            })))
        }
        if let d = o.document { fields.append(("document", .string(d))) }
        return .object(fields)
    }

    func rowsJSON(_ t: Table) -> JSONValue {
        .array(t.rows.map { row in
            .object(t.columns.indices.map { i in (t.columns[i].key, i < row.count ? cellJSON(row[i]) : .null) })
        })
    }

    /// A cell on one line: line breaks and tabs become spaces (only searched for when there is one).
    static func oneLine(_ x: String) -> String {
        guard x.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\t") }) else { return x }
        return x.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
    }

    // MARK: CSV

    /// The rows as CSV (RFC 4180, LF line ends), each row ending with a line feed. Written here rather than with
    /// CSV.swift's `CSVWriter` (which still reads imports): its writer searched every field through Foundation and
    /// bridged its buffer to `Data` page by page, most of the time of a long listing (86,000 rows took 7 s); this
    /// writes the same bytes.
    func csv(_ t: Table, header: Bool = true) -> String {
        var out = ""
        if header { CSVText.append(t.columns.map(\.key), to: &out) }
        for row in t.rows {
            CSVText.append(t.columns.indices.map { i in i < row.count ? csvText(row[i]) : "" }, to: &out)
        }
        return out.isEmpty ? "\n" : out
    }

    /// CSV is for spreadsheets: times in minutes, in the form Excel and WPS read as a date-time (`2019-12-19 09:00`;
    /// a logging time on the real clock, 15:20:37, is `2026-11-30 15:20`, as on the screen; JSON keeps the seconds);
    /// text that a spreadsheet would run as a formula is neutralised.
    func csvText(_ c: Cell) -> String {
        if case .text(let s) = c { return TerminalText.neutralizedCSVCell(s) }
        return cellText(c)
    }

    // MARK: Markdown

    /// A cell as text (`MarkdownText`): a title holding `*`, `<b>`, `[…](…)`, a backtick or `|` reads as typed, not as
    /// markup or a new column; its lines are joined with `<br>`. Most cells hold nothing to escape and are returned as
    /// they are.
    func markdownEscape(_ x: String) -> String {
        let e = TerminalText.escape(x)
        guard e.contains("\n") else { return MarkdownText.escape(e, lineStart: false) }
        return e.split(separator: "\n", omittingEmptySubsequences: false)
            .map { MarkdownText.escape(String($0), lineStart: false) }.joined(separator: "<br>")
    }

    func markdownHeader(_ columns: [Column]) -> String {
        "| " + columns.map { markdownEscape($0.header.text(language)) }.joined(separator: " | ") + " |\n"
            + "|" + columns.map { $0.align == .right ? " ---: |" : " --- |" }.joined() + "\n"
    }

    func markdownRow(_ row: [Cell], columns: [Column]) -> String {
        "| " + columns.indices.map { i in markdownEscape(i < row.count ? cellText(row[i]) : "") }.joined(separator: " | ") + " |\n"
    }

    /// Plain text in Markdown: a fenced block, longer than any run of backticks inside, keeps it as typed and laid
    /// out.
    static func fenced(_ text: String) -> String {
        var longest = 0, run = 0
        for ch in text { run = ch == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "text\n" + text + fence + "\n"
    }

    private func markdown(_ o: CommandOutput) -> String {
        // A sentence may quote a case title: written as text too.
        var blocks: [String] = o.messages.map { MarkdownText.escape(TerminalText.escape($0.text(language))) + "\n" }
        for t in o.tables.map(Renderer.shown) {
            var s = ""
            if let title = t.title { s += "**\(markdownEscape(title.text(language)))**\n\n" }
            s += markdownHeader(t.columns)
            for row in t.rows { s += markdownRow(row, columns: t.columns) }
            blocks.append(s)
        }
        if let d = o.document.map(TerminalText.escape) {
            let text = d.hasSuffix("\n") ? d : d + "\n"
            blocks.append(o.documentIsMarkup ? text : Renderer.fenced(text))
        }
        return blocks.joined(separator: "\n")
    }
}

/// Compact JSON with keys in the order given and UTF-8 text unescaped (Chinese stays readable). Control and bidi
/// characters (`TerminalText.isUnsafe`) are written as `\u` escapes: the same string for a JSON reader, and
/// nothing that could act on a terminal.
public enum JSONWriter {
    public static func write(_ v: JSONValue) -> String {
        var out = ""
        write(v, into: &out)
        return out
    }

    static func write(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .tenths(let n): out += (n < 0 ? "-" : "") + "\(abs(n) / 10).\(abs(n) % 10)"
        case .string(let s): quote(s, into: &out)
        case .array(let a):
            out += "["
            for (i, x) in a.enumerated() {
                if i > 0 { out += "," }
                write(x, into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (k, x)) in fields.enumerated() {
                if i > 0 { out += "," }
                quote(k, into: &out)
                out += ":"
                write(x, into: &out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: appended whole (scalar by scalar was most of a long listing's JSON time).
        guard s.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || TerminalText.isUnsafe($0) || $0 == "\t" || $0 == "\n" }) else {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if TerminalText.isUnsafe(u) {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
