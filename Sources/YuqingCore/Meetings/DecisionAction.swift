/// What a meeting can decide on a case (Art. 7, 8, 9). Each becomes a real event of the case, recorded through
/// the same stage rules as the verbs, plus a `decided` event that keeps the meeting's wording.
///
/// Stored in the `decided` event as a short line (`assign police`, `approve-extension X3 5`) so the log stays
/// readable and a later version can still show actions it does not know.
public enum DecisionAction: Hashable, Sendable {
    /// Report to the city leaders (Art. 8 ¶3).
    case escalate
    /// Hand the case to a department (Art. 6).
    case assign(dept: String)
    /// The network propaganda office arranges online commentators' guidance (Art. 7).
    case guidance
    /// Approve an extension application (Art. 8 ¶2); nil days: as applied.
    case approveExtension(X: EntityID, days: Int?)
    /// Approve a high-attention response draft (Art. 9 ¶1).
    case approveResponse
    /// Set the case's level (Art. 7).
    case level(Level)

    /// The action codes as typed, with their Chinese synonyms.
    public static let codes: [(code: String, zh: String)] = [
        ("escalate", "上报"), ("assign", "指定"), ("guidance", "引导"), ("approve-extension", "批准延期"),
        ("approve-response", "审定回应"), ("level", "定级"),
    ]

    /// The canonical code of an action word (English or Chinese), or nil.
    public static func code(of word: String) -> String? {
        let w = word.lowercased()
        return codes.first { $0.code == w || $0.zh == word }?.code
    }

    /// The stored form: `escalate`, `assign police`, `approve-extension X3 5`, `level major-sensitive`.
    public var stored: String {
        switch self {
        case .escalate: "escalate"
        case .assign(let d): "assign \(d)"
        case .guidance: "guidance"
        case let .approveExtension(x, days): "approve-extension \(x)" + (days.map { " \($0)" } ?? "")
        case .approveResponse: "approve-response"
        case .level(let l): "level \(l.rawValue)"
        }
    }

    /// Reads the stored form back; nil for anything else.
    public init?(stored: String) {
        let parts = stored.split(separator: " ").map(String.init)
        guard let head = parts.first else { return nil }
        switch (head, parts.count) {
        case ("escalate", 1): self = .escalate
        case ("guidance", 1): self = .guidance
        case ("approve-response", 1): self = .approveResponse
        case ("assign", 2): self = .assign(dept: parts[1])
        case ("level", 2):
            guard let l = Level(code: parts[1]) else { return nil }
            self = .level(l)
        case ("approve-extension", 2), ("approve-extension", 3):
            guard let x = EntityID(parsing: parts[1]), x.kind == .extensionRequest else { return nil }
            var days: Int?
            if parts.count == 3 {
                guard let d = Int(parts[2]) else { return nil }
                days = d
            }
            self = .approveExtension(X: x, days: days)
        default: return nil
        }
    }

    /// What was decided, as the minutes word it. `deptName` gives a department's display name.
    public func describe(deptName: (String) -> Localized) -> Localized {
        switch self {
        case .escalate:
            Localized(zh: "由政务公开办、网宣办报送市领导", en: "the coordinators report it to the city leaders")
        case .assign(let d):
            Localized(zh: "指定由\(deptName(d).zh)负责办理", en: "assigned to \(deptName(d).en)")
        case .guidance:
            Localized(zh: "由网宣办安排网评员开展网上引导", en: "the network propaganda office arranges online guidance")
        case let .approveExtension(x, days):
            Localized(zh: "批准延期申请 \(x)" + (days.map { "，顺延 \($0) 个工作日" } ?? ""),
                      en: "extension \(x) approved" + (days.map { " for \(RuleClock.workingDays($0).text.en)" } ?? ""))
        case .approveResponse:
            Localized(zh: "回应稿经会商审定通过，可以发布", en: "the response draft is approved in consultation and may be published")
        case .level(let l):
            Localized(zh: "研判定级为\(l.name.zh)舆情", en: "judged \(l.name.en)")
        }
    }
}
