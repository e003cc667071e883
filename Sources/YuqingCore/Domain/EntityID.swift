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

    /// Parses `C7` / `c7`; nil when the text is not an id of any kind.
    public init?(parsing text: some StringProtocol) {
        guard let first = text.first, let kind = IDKind(rawValue: String(first).uppercased()),
              text.count >= 2, let n = Int(text.dropFirst()), n > 0,
              text.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
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
