import YuqingCore

/// How a case's stored due rows differ from the rows the projector computes for its fold (`audit verify`); nil
/// when they are the same rows in any order. Why a description and not a yes/no: the deadlines table is what
/// listings, `score` and `accountability` read, so the report names each rule whose rows differ with the stored and
/// expected value of each column that differs (a deadline moved 30 days later, a limit marked met), or how many
/// rows a rule has when rows were deleted or doubled.
struct DueRowsDifference {
    let text: Localized

    init?(stored: [DueEntry], expected: [DueEntry]) {
        // The same order is the usual case (the rows as written): no counting then, on every case of `audit verify`.
        guard stored != expected, Self.counts(stored) != Self.counts(expected) else { return nil }
        let s = Dictionary(grouping: stored, by: \.rule), e = Dictionary(grouping: expected, by: \.rule)
        var zh: [String] = [], en: [String] = []
        for rule in Set(s.keys).union(e.keys).sorted() {
            let a = (s[rule] ?? []).sorted(by: Self.order), b = (e[rule] ?? []).sorted(by: Self.order)
            guard Self.counts(a) != Self.counts(b) else { continue }
            guard a.count == b.count else {
                zh.append("\(rule) 存有 \(a.count) 行，应为 \(b.count) 行")
                en.append("\(rule): \(a.count) rows stored, \(b.count) expected")
                continue
            }
            for (x, y) in zip(a, b) where x != y {
                let cells = Self.columns.filter { $0.value(x) != $0.value(y) }
                zh.append("\(rule) " + cells.map { "\($0.name) 存为 \($0.value(x))，应为 \($0.value(y))" }.joined(separator: "，"))
                en.append("\(rule): " + cells.map { "\($0.name) stored \($0.value(x)), expected \($0.value(y))" }.joined(separator: ", "))
            }
        }
        text = Localized(zh: zh.joined(separator: "；"), en: en.joined(separator: "; "))
    }

    private static func counts(_ rows: [DueEntry]) -> [DueEntry: Int] {
        Dictionary(rows.map { ($0, 1) }, uniquingKeysWith: +)
    }

    /// Pairs a rule's stored and expected rows (a rule has one row in a case; the order only matters if not).
    private static func order(_ x: DueEntry, _ y: DueEntry) -> Bool {
        (x.due?.seconds ?? .min, x.metAt?.seconds ?? .min) < (y.due?.seconds ?? .min, y.metAt?.seconds ?? .min)
    }

    /// The table's columns after `case_id` and `rule`, named as the table names them (what an editor of it sees),
    /// with times in Shanghai time.
    private static let columns: [(name: String, value: @Sendable (DueEntry) -> String)] = [
        ("due", { DueRowsDifference.time($0.due) }), ("met_at", { DueRowsDifference.time($0.metAt) }),
        ("dept", { $0.dept ?? "NULL" }), ("waived", { "\($0.waived)" }), ("designated", { "\($0.designated)" }),
        ("level", { $0.level?.rawValue ?? "NULL" }), ("start_seq", { $0.startSeq.map { "\($0)" } ?? "NULL" }),
        ("end_seq", { $0.endSeq.map { "\($0)" } ?? "NULL" }),
    ]

    private static func time(_ t: Instant?) -> String { t.map(\.description) ?? "NULL" }
}
