/// The kinds of things that carry a short id a person can type: `C7`, `M2`, `X3`, `L4`.
public enum IDKind: String, Sendable, Codable, CaseIterable {
    case caseFile = "C"
    case meeting = "M"
    case extensionRequest = "X"
    case instruction = "L"

    public var name: Localized {
        switch self {
        case .caseFile: Localized(zh: "案件", en: "case")
        case .meeting: Localized(zh: "会商", en: "meeting")
        case .extensionRequest: Localized(zh: "延期申请", en: "extension")
        case .instruction: Localized(zh: "领导批示", en: "instruction")
        }
    }
}

/// A typed short id. Numbers come from yuqing's own sequences (never SQL defaults), so every store agrees.
public struct EntityID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let kind: IDKind
    public let number: Int

    public init(_ kind: IDKind, _ number: Int) {
        self.kind = kind
        self.number = number
    }

    /// Parses `C7` / `c7`; nil when the text is not an id of any kind. Works on the UTF-8 bytes: ids are read
    /// back for every row of a listing or an assessment, so this sits on hot paths.
    public init?(parsing text: some StringProtocol) {
        var kind: IDKind?
        var n = 0
        var digits = 0
        for b in text.utf8 {
            if kind == nil {
                switch b | 0x20 {  // lower-case ASCII letters
                case UInt8(ascii: "c"): kind = .caseFile
                case UInt8(ascii: "m"): kind = .meeting
                case UInt8(ascii: "x"): kind = .extensionRequest
                case UInt8(ascii: "l"): kind = .instruction
                default: return nil
                }
                continue
            }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), digits < 18 else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
            digits += 1
        }
        guard let kind, digits > 0, n > 0 else { return nil }
        self.init(kind, n)
    }

    public var description: String { "\(kind.rawValue)\(number)" }

    public static func < (a: EntityID, b: EntityID) -> Bool {
        a.kind.rawValue == b.kind.rawValue ? a.number < b.number : a.kind.rawValue < b.kind.rawValue
    }

    // Stored and printed as the short string, not as a nested object.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let id = EntityID(parsing: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an id: \(s)")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
