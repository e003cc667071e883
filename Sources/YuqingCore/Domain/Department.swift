extension Level: Code {}

/// A department in the directory (Art. 10): who answers for its cases and how to reach them.
public struct Department: Hashable, Sendable, Codable {
    /// Short code typed at the prompt (`police`).
    public var code: String
    /// The official Chinese name (`市公安局`), also accepted wherever a department is named.
    public var nameZH: String
    public var nameEN: String
    /// Responsible leader (分管负责人) and staff (工作人员) named under Art. 10.
    public var leader: String?
    public var staff: [String]
    public var phone: String?
    /// Words in a post that suggest this department should claim it (routing suggestions, never auto-assignment).
    public var keywords: [String]
    /// A standing member of the joint meeting (Art. 1).
    public var member: Bool
    /// One of the two coordinating offices (Art. 1, 6).
    public var coordinator: Bool

    public init(code: String, nameZH: String, nameEN: String, leader: String? = nil, staff: [String] = [],
                phone: String? = nil, keywords: [String] = [], member: Bool = false, coordinator: Bool = false) {
        self.code = code
        self.nameZH = nameZH
        self.nameEN = nameEN
        self.leader = leader
        self.staff = staff
        self.phone = phone
        self.keywords = keywords
        self.member = member
        self.coordinator = coordinator
    }

    public var name: Localized { Localized(zh: nameZH, en: nameEN) }
}

/// The departments every installation starts with: the joint meeting members of Art. 1 and the two coordinating
/// offices. Contacts are empty until the city fills them in with `dept contact`.
public enum BuiltinDepartments {
    public static let all: [Department] = [
        Department(code: "propaganda", nameZH: "市委宣传部", nameEN: "Propaganda Department",
                   keywords: ["宣传", "媒体", "记者", "采访"], member: true),
        Department(code: "gov-office", nameZH: "市政府办", nameEN: "Government Office",
                   keywords: ["市政府", "政府办"], member: true),
        Department(code: "police", nameZH: "市公安局", nameEN: "Public Security Bureau",
                   keywords: ["警察", "派出所", "交警", "车祸", "交通事故", "治安", "诈骗", "打架"], member: true),
        Department(code: "emergency", nameZH: "市应急办", nameEN: "Emergency Office",
                   keywords: ["火灾", "爆炸", "事故", "应急", "洪水", "地震", "泄漏"], member: true),
        Department(code: "petitions", nameZH: "市信访局", nameEN: "Letters and Calls Bureau",
                   keywords: ["信访", "上访", "维权", "拆迁", "征地"], member: true),
        Department(code: "open-gov", nameZH: "政务公开办", nameEN: "Open Government Office",
                   keywords: ["政务公开", "信息公开"], coordinator: true),
        Department(code: "net-propaganda", nameZH: "网宣办", nameEN: "Network Propaganda Office",
                   keywords: ["网评", "网络谣言", "谣言"], coordinator: true),
    ]
}

/// Looks departments up by code or Chinese name.
public struct Directory: Sendable, Hashable {
    public private(set) var departments: [Department] {
        didSet { keywordBytes = Directory.keywordBytes(departments) }
    }
    /// Each department's non-empty keywords as UTF-8 bytes, made when the directory changes rather than at every
    /// `collect` that asks for a suggestion (`suggest`).
    private var keywordBytes: [[[UInt8]]]

    public init(_ departments: [Department] = BuiltinDepartments.all) {
        self.departments = departments
        keywordBytes = Directory.keywordBytes(departments)
    }

    private static func keywordBytes(_ departments: [Department]) -> [[[UInt8]]] {
        departments.map { $0.keywords.filter { !$0.isEmpty }.map { Array($0.utf8) } }
    }

    public func find(_ key: String) -> Department? {
        let k = key.lowercased()
        return departments.first { $0.code == k || $0.nameZH == key }
    }

    /// Adds or replaces a department (by code).
    public mutating func save(_ d: Department) {
        if let i = departments.firstIndex(where: { $0.code == d.code }) {
            departments[i] = d
        } else {
            departments.append(d)
        }
    }

    /// Whether `needle` occurs in `haystack`, bytewise (UTF-8 keeps whole characters whole).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        // Over the buffers, without a bounds check per byte: every `collect` tests each keyword of the directory.
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// A department's name in both languages (`police` → 市公安局 / Public Security Bureau), or the code as written when
    /// the directory does not know it: the one way departments are shown by name.
    public func name(of code: String) -> Localized { find(code)?.name ?? Localized(code) }

    /// Every department's name by code.
    public var names: [String: Localized] {
        Dictionary(departments.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    public var members: [Department] { departments.filter(\.member) }
    public var coordinators: [Department] { departments.filter(\.coordinator) }

    /// Departments whose keywords appear in the text, best match first (routing suggestions for Art. 6).
    public func suggest(for text: String) -> [Department] {
        // Byte search on UTF-8 is exact for whole keywords and much cheaper than grapheme-aware `contains`,
        // which matters because every `collect` asks.
        let bytes = Array(text.utf8)
        var scored: [(dept: Department, hits: Int)] = []
        for (d, keywords) in zip(departments, keywordBytes) {
            let hits = keywords.reduce(0) { $0 + (Directory.contains(bytes, $1) ? 1 : 0) }
            if hits > 0 { scored.append((d, hits)) }
        }
        scored.sort { $0.hits != $1.hits ? $0.hits > $1.hits : $0.dept.code < $1.dept.code }
        return scored.map(\.dept)
    }
}
