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
    /// Text laid out for the terminal's width (nil: a pipe or a file), shown in place of `document` on a screen
    /// (a timeline's picture narrows its bars rather than break every line of a projector's 80 columns).
    var layout: ((_ width: Int?) -> String)?
    /// Sets `$last`.
    public var created: EntityID?
    /// The effective time used; `record` writes `--at` with it.
    public var effective: Instant?
    /// Explicit JSON for `--format json` (else tables/messages are rendered).
    public var json: JSONValue?
    /// Rows too many to hold (a year's late limits, a million-case export), written as they are read after the
    /// messages and tables (`RowStream`).
    var stream: RowStream?
    /// A changing verb that only looked (`collect import --dry-run`): `record` leaves it out of the script.
    var changedNothing = false
    /// `document` is Markdown or HTML already (an official document, the command reference): `--format md` prints
    /// it as it is. Any other document is plain text (a meeting's summary, a picture) and is fenced there, so a
    /// case title in it reads as typed (`meeting show --format md` made `<b>` and `*…*` in a title live markup).
    var documentIsMarkup = false

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
        self.stream = stream
    }

    public init(_ message: Localized) { self.init(messages: [message]) }
    public init(zh: String, en: String) { self.init(messages: [Localized(zh: zh, en: en)]) }
    public static var empty: CommandOutput { CommandOutput() }
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
