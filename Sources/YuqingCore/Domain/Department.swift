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
        didSet { keywords = KeywordIndex(departments) }
    }
    /// The departments' keywords, indexed when the directory changes rather than at every `collect` that asks for
    /// a suggestion (`suggest`).
    private var keywords: KeywordIndex

    public init(_ departments: [Department] = BuiltinDepartments.all) {
        self.departments = departments
        keywords = KeywordIndex(departments)
    }

    // The keyword index is made from the departments: two directories are the same when their departments are,
    // and a directory shows (and is compared in tests) as its departments alone.
    public static func == (a: Directory, b: Directory) -> Bool { a.departments == b.departments }
    public func hash(into h: inout Hasher) { h.combine(departments) }

    /// Every non-empty keyword as UTF-8 bytes with its department, found by its first character: a text is
    /// scanned once, each of its characters looked up, instead of once per keyword.
    struct KeywordIndex: Sendable, Hashable {
        var bytes: [[UInt8]] = []
        var dept: [Int] = []
        /// A keyword's first character (its UTF-8 bytes packed into an integer) → the keywords starting with it.
        var byFirst: [UInt32: [Int]] = [:]

        init(_ departments: [Department]) {
            for (d, department) in departments.enumerated() {
                for k in department.keywords where !k.isEmpty {
                    let b = Array(k.utf8)
                    let key = b.withUnsafeBufferPointer { KeywordIndex.first($0, at: 0).key }
                    byFirst[key, default: []].append(bytes.count)
                    bytes.append(b)
                    dept.append(d)
                }
            }
        }

        /// The character starting at `i` (UTF-8 bytes packed) and its length in bytes.
        static func first(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (key: UInt32, length: Int) {
            let lead = b[i]
            let n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            var key: UInt32 = 0
            for k in 0..<min(n, b.count - i) { key = key << 8 | UInt32(b[i + k]) }
            return (key, n)
        }

        /// How many keywords of each department occur in `text` (each keyword counted once). In UTF-8 a keyword
        /// can only start where a character starts, so this finds exactly what a byte search would.
        func hits(in text: String) -> [Int: Int] {
            var found = [Bool](repeating: false, count: bytes.count)
            Array(text.utf8).withUnsafeBufferPointer { h in
                var i = 0
                while i < h.count {
                    let (key, n) = KeywordIndex.first(h, at: i)
                    if let candidates = byFirst[key] {
                        for c in candidates where !found[c] && KeywordIndex.matches(h, at: i, bytes[c]) { found[c] = true }
                    }
                    i += n
                }
            }
            var out: [Int: Int] = [:]
            for (c, f) in found.enumerated() where f { out[dept[c], default: 0] += 1 }
            return out
        }

        static func matches(_ h: UnsafeBufferPointer<UInt8>, at i: Int, _ needle: [UInt8]) -> Bool {
            guard i + needle.count <= h.count else { return false }
            for j in 0..<needle.count where h[i + j] != needle[j] { return false }
            return true
        }
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
        let counts = keywords.hits(in: text)
        var scored: [(dept: Department, hits: Int)] = []
        for (i, d) in departments.enumerated() {
            if let hits = counts[i], hits > 0 { scored.append((d, hits)) }
        }
        scored.sort { $0.hits != $1.hits ? $0.hits > $1.hits : $0.dept.code < $1.dept.code }
        return scored.map(\.dept)
    }
}

extension Directory: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: ["departments": departments], displayStyle: .struct) }
}
