/// The formats official documents are written in: Markdown to read and diff, HTML to print (GB/T 9704 layout),
/// .docx for the offices that edit them in Word or WPS.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case html
    case docx

    /// `md`, `markdown`, `html`, `htm`, `docx` (also a file's extension).
    public init?(code: String) {
        switch code.lowercased() {
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        case "docx": self = .docx
        default: return nil
        }
    }

    /// What the format is called in messages.
    public var name: Localized {
        switch self {
        case .markdown: Localized("Markdown")
        case .html: Localized("HTML")
        case .docx: Localized(zh: "Word 文档", en: "Word document")
        }
    }
}

/// The documents yuqing writes.
public enum DocumentKind: String, Sendable, CaseIterable {
    /// 会议纪要 of a joint consultation meeting (Art. 7).
    case minutes
    /// 舆情专报 to the city leaders (Art. 8 ¶1, ¶3).
    case special
    /// 督查月报 (Art. 12, 13).
    case monthly
    /// 舆情日志 of one day.
    case daily
    /// 演练评估报告 (Art. 11).
    case drill
}

/// A document number (发文字号): 明舆专〔2020〕3号 — the issuing code, the full year in 〔〕 and the sequence of the
/// year without 第 or leading zeros (GB/T 9704-2012 7.2.4).
public struct DocumentNumber: Hashable, Sendable {
    public var prefix: Localized
    public var year: Int
    public var sequence: Int

    public init(prefix: Localized, year: Int, sequence: Int) {
        self.prefix = prefix
        self.year = year
        self.sequence = sequence
    }

    public func text(_ lang: Language) -> String {
        lang == .zh ? "\(prefix.zh)〔\(year)〕\(sequence)号" : "\(prefix.en) [\(year)] No. \(sequence)"
    }
}

/// One line of the distribution at the foot (版记): 抄送 (copy to), 分送, 报.
public struct DocumentCopy: Hashable, Sendable {
    public var label: String
    public var names: [String]

    public init(_ label: String, _ names: [String]) {
        self.label = label
        self.names = names
    }
}

/// What makes a text an official document (GB/T 9704-2012): the red masthead (发文机关标志) with the number and the
/// red rule, the addressees (主送) above the body, the signature and date below it, and the foot (版记) with the
/// distribution and who printed it when. Every part is optional: a daily log has no addressees, a drill report no
/// number.
public struct DocumentHeader: Hashable, Sendable {
    /// The issuing offices, printed in red above the rule; several for a joint document, the lead office first.
    public var issuers: [String]
    public var number: DocumentNumber?
    /// 密级 and 紧急程度 (特急, 加急), printed at the top left.
    public var classification: String?
    public var urgency: String?
    /// 主送机关.
    public var addressees: [String]
    /// The issuing offices' names under the body (one line each).
    public var signature: [String]
    /// 成文日期, written in Arabic numerals (2019年12月30日).
    public var date: CivilDate?
    public var copies: [DocumentCopy]
    /// 印发机关: printed at the foot with the date and 印发.
    public var printer: String?

    public init(issuers: [String] = [], number: DocumentNumber? = nil, classification: String? = nil,
                urgency: String? = nil, addressees: [String] = [], signature: [String] = [], date: CivilDate? = nil,
                copies: [DocumentCopy] = [], printer: String? = nil) {
        self.issuers = issuers
        self.number = number
        self.classification = classification
        self.urgency = urgency
        self.addressees = addressees
        self.signature = signature
        self.date = date
        self.copies = copies
        self.printer = printer
    }
}

/// How a table's column is aligned (numbers right).
public enum ColumnAlignment: Hashable, Sendable {
    case left, right
}

/// A table of a document. `compactRule` writes the Markdown rule as `|---|` (the drill report's style) instead of
/// `| --- |`.
public struct DocumentTable: Hashable, Sendable {
    public var headers: [String]
    public var rows: [[String]]
    public var alignments: [ColumnAlignment]
    public var compactRule: Bool

    public init(headers: [String], rows: [[String]], alignments: [ColumnAlignment] = [], compactRule: Bool = false) {
        self.headers = headers
        self.rows = rows
        self.alignments = alignments
        self.compactRule = compactRule
    }

    public func alignment(_ column: Int) -> ColumnAlignment {
        column < alignments.count ? alignments[column] : .left
    }

    /// Right-aligned columns by index.
    public static func aligned(right: Set<Int>, count: Int) -> [ColumnAlignment] {
        (0..<count).map { right.contains($0) ? .right : .left }
    }
}

/// One block of an official document's body.
public enum DocumentBlock: Hashable, Sendable {
    /// A first-level heading (`一、…`: 黑体 in print).
    case heading(String)
    /// A second-level heading (`（一）…`: 楷体 in print).
    case subheading(String)
    case paragraph(String)
    /// `label：value` lines.
    case fields([DocumentField])
    case bullets([String])
    case numbered([String])
    case table(DocumentTable)
}

public struct DocumentField: Hashable, Sendable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// A document as data: its kind, title, language, official header and body blocks. Written to Markdown, HTML or
/// .docx by the writers beside it; deterministic: the same document gives the same bytes.
public struct OfficialDocument: Hashable, Sendable {
    public var kind: DocumentKind
    public var title: String
    public var language: Language
    public var header: DocumentHeader
    public var blocks: [DocumentBlock]

    public init(kind: DocumentKind, title: String, language: Language, header: DocumentHeader = DocumentHeader(),
                blocks: [DocumentBlock] = []) {
        self.kind = kind
        self.title = title
        self.language = language
        self.header = header
        self.blocks = blocks
    }

    /// The document as text (Markdown or HTML); a .docx is a package of parts (`DocxWriter.parts`).
    public func text(_ format: DocumentFormat) -> String? {
        switch format {
        case .markdown: MarkdownWriter.write(self)
        case .html: HTMLWriter.write(self)
        case .docx: nil
        }
    }

    var colon: String { language == .zh ? "：" : ": " }

    /// `2019年12月30日` / `2019-12-30`, when the document has a date.
    var dateText: String? { header.date.map { DocumentText.date($0, language) } }

    /// The addressees as one line: `市领导：`.
    var addresseeLine: String? {
        guard !header.addressees.isEmpty else { return nil }
        return header.addressees.joined(separator: language == .zh ? "、" : ", ") + (language == .zh ? "：" : ":")
    }

    /// `抄送：市水务局，市公安局。` (GB/T 9704 7.4.2: commas between, a full stop after the last).
    func copyLine(_ c: DocumentCopy) -> String {
        c.label + colon + c.names.joined(separator: language == .zh ? "，" : ", ") + (language == .zh ? "。" : ".")
    }

    /// `2019年12月30日印发`.
    var printedText: String? {
        guard let d = header.date else { return nil }
        return language == .zh ? DocumentText.date(d, .zh) + "印发" : "Issued " + DocumentText.date(d, .en)
    }
}

extension DocumentKind {
    /// The issuing code of the numbered documents: 明舆 (明光市 public opinion, the coordinating offices) and the
    /// kind — 专 special reports, 纪 minutes, 督 supervision reports. Logs and drill reports are not numbered.
    public var numberPrefix: Localized? {
        switch self {
        case .special: Localized(zh: "明舆专", en: "MGYQ-S")
        case .minutes: Localized(zh: "明舆纪", en: "MGYQ-M")
        case .monthly: Localized(zh: "明舆督", en: "MGYQ-R")
        case .daily, .drill: nil
        }
    }
}
