import Testing
@testable import YuqingCore

/// `Directory.suggest` finds keywords through an index by first character; it must find exactly what a byte
/// search for each keyword finds (each keyword counted once), ranked by hits, then by code.
@Suite("directory: keyword suggestions")
struct DirectorySuggestTests {
    static let directory: Directory = {
        var d = Directory()
        d.save(Department(code: "water", nameZH: "市水务局", nameEN: "Water Bureau", keywords: ["水质", "自来水", "水", "110", ""]))
        d.save(Department(code: "twice", nameZH: "重复", nameEN: "Twice", keywords: ["噪音", "噪音", "é"]))
        return d
    }()

    /// The reference: each department's keywords searched for in the text's bytes.
    static func byteSearch(_ d: Directory, _ text: String) -> [String] {
        let bytes = Array(text.utf8)
        func contains(_ needle: [UInt8]) -> Bool {
            guard !needle.isEmpty, needle.count <= bytes.count else { return false }
            return (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
        }
        let scored = d.departments.map { dept in (dept, dept.keywords.filter { contains(Array($0.utf8)) }.count) }
            .filter { $0.1 > 0 }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.code < $1.0.code }.map(\.0.code)
    }

    @Test(arguments: ["网友反映路口红绿灯故障，交警未到", "关于某小区自来水水质发黄的帖子 疑似河道水质异常", "拨打110报警，发生车祸和交通事故",
                      "小区噪音扰民，噪音持续", "café 的水", "", "no keywords here", "2110", "火灾爆炸泄漏，应急处置；谣言"])
    func suggestionsAreWhatAByteSearchFinds(_ text: String) {
        #expect(Self.directory.suggest(for: text).map(\.code) == Self.byteSearch(Self.directory, text))
    }

    @Test func aDirectoryShowsAndComparesAsItsDepartments() {
        var a = Directory()
        let b = Directory()
        #expect(a == b)
        #expect(String(describing: a) == "Directory(departments: \(a.departments))")
        a.save(Department(code: "water", nameZH: "市水务局", nameEN: "Water Bureau", keywords: ["水质"]))
        #expect(a != b)
        #expect(a.suggest(for: "水质发黄").map(\.code) == ["water"])
    }
}
