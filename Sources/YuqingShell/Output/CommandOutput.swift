import YuqingCore

public enum Alignment: String, Sendable { case left, right }

public struct Column: Sendable {
    /// Stable key for JSON and CSV headers.
    public var key: String
    public var header: Localized
    public var align: Alignment
    /// Data formats only (CSV, JSON rows): a code column (a rule id) that a person reading a table or Markdown does
    /// not need, because another column says the same in words.
    public var dataOnly: Bool
    /// When a table is wider than the terminal, columns with a drop rank are left out, lowest rank first, before
    /// anything is wrapped (`docs/commands.md`, "Tables on a narrow terminal").
    public var dropRank: Int?
    /// Long text (a title): wrapped onto further lines on a narrow terminal instead of being cut.
    public var wraps: Bool
    /// Text shown highlighted wherever it occurs in this column's cells, on a terminal with colour (`search`'s
    /// matches); every other format and a plain terminal show the cells unchanged.
    public var marks: String?

    public init(_ key: String, _ header: Localized, align: Alignment = .left, dataOnly: Bool = false,
                dropRank: Int? = nil, wraps: Bool = false, marks: String? = nil) {
        self.key = key
        self.header = header
        self.align = align
        self.dataOnly = dataOnly
        self.dropRank = dropRank
        self.wraps = wraps
        self.marks = marks
    }
}

public enum Cell: Sendable {
    case text(String)
    case localized(Localized)
    case integer(Int)
    case time(Instant)
    /// Printed the administrative way (`2020-01-06 24:00`).
    case deadline(Instant)
    case id(EntityID)
    case empty
}

public struct Table: Sendable {
    public var title: Localized?
    public var columns: [Column]
    public var rows: [[Cell]]

    public init(title: Localized? = nil, columns: [Column], rows: [[Cell]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// What a handler returns; the interpreter renders it in the session's language and format. Not `Sendable`: a
/// stream's producer reads the workspace, which belongs to the session's thread, and the output is rendered there.
public struct CommandOutput {
    /// Chat-style sentences.
    public var messages: [Localized]
    public var tables: [Table]
    /// Already-rendered text (a month picture, minutes), printed as is.
    public var document: String?
    /// Sets `$last`.
    public var created: EntityID?
    /// The effective time used; `record` writes `--at` with it.
    public var effective: Instant?
    /// Explicit JSON for `--format json` (else tables/messages are rendered).
    public var json: JSONValue?
    /// Rows too many to hold (a year's late limits), produced page by page after the tables.
    public var stream: TableStream?
    /// A listing written row by row as the store reads it (exports of `cases`); when set, the interpreter writes it
    /// in place of `tables` and `json`.
    var rowStream: RowStream?

    public init(messages: [Localized] = [], tables: [Table] = [], document: String? = nil, created: EntityID? = nil,
                effective: Instant? = nil, json: JSONValue? = nil) {
        self.messages = messages
        self.tables = tables
        self.document = document
        self.created = created
        self.effective = effective
        self.json = json
    }

    init(stream: RowStream) {
        self.init()
        self.rowStream = stream
    }

    public init(_ message: Localized) { self.init(messages: [message]) }
    public init(zh: String, en: String) { self.init(messages: [Localized(zh: zh, en: en)]) }
    public static var empty: CommandOutput { CommandOutput() }
}

/// One row of a `TableStream`: its cells for table, CSV and Markdown, or its object for JSON — only the one the
/// format needs is made (`TableStream.produce` is told which).
public struct StreamRow: Sendable {
    public var cells: [Cell]
    public var json: JSONValue
    public init(cells: [Cell] = [], json: JSONValue = .null) {
        self.cells = cells
        self.json = json
    }
}

/// A table whose rows come page by page from the store (`accountability` over a city's month: 85,000 late limits),
/// so they are rendered and written as they come and never held all at once.
///
/// Table format aligns each page of rows on its own widths (growing, never shrinking), as psql does with
/// `FETCH_COUNT`; CSV and Markdown print the header once; JSON writes `{head…, "KEY": [rows…], tail…}` where the tail
/// is computed after the last row (counts).
public struct TableStream {
    public var title: Localized?
    public var columns: [Column]
    public var jsonHead: [(String, JSONValue)]
    public var jsonKey: String
    public var jsonTail: () -> [(String, JSONValue)]
    /// Sentences printed after the rows in table and Markdown formats (a summary that needs every row counted).
    public var footer: () -> [Localized]
    /// Produces the rows in order, handing each page to `page`; `json` says whether the rows are wanted as JSON
    /// objects (else as cells).
    public var produce: (_ json: Bool, _ page: ([StreamRow]) -> Void) throws(ShellError) -> Void

    public init(title: Localized?, columns: [Column], jsonHead: [(String, JSONValue)] = [], jsonKey: String,
                jsonTail: @escaping () -> [(String, JSONValue)] = { [] },
                footer: @escaping () -> [Localized] = { [] },
                produce: @escaping (_ json: Bool, _ page: ([StreamRow]) -> Void) throws(ShellError) -> Void) {
        self.title = title
        self.columns = columns
        self.jsonHead = jsonHead
        self.jsonKey = jsonKey
        self.jsonTail = jsonTail
        self.footer = footer
        self.produce = produce
    }
}

/// JSON with ordered object keys, so output is byte-for-byte stable.
public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number with one decimal, given in tenths (a score `97.0`, a percentage `99.4`): exact, never a float.
    case tenths(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
}
