import YuqingCore

/// Evaluates a `CaseFilter` in memory with SQL's three-valued logic, so the memory store answers exactly what the
/// SQLite store answers: a comparison with a missing value is unknown (nil), `not unknown` is unknown, and only
/// cases for which the filter is true are listed.
extension CaseFilter {
    /// `text` gives a case's searchable text (`CaseFile.searchText`) for `text ~ …`.
    func evaluate(_ s: CaseSummary, now: Instant, text: (CaseSummary) -> String? = { _ in nil }) throws -> Bool? {
        switch self {
        case let .and(a, b):
            let x = try a.evaluate(s, now: now, text: text), y = try b.evaluate(s, now: now, text: text)
            if x == false || y == false { return false }
            if x == nil || y == nil { return nil }
            return true
        case let .or(a, b):
            let x = try a.evaluate(s, now: now, text: text), y = try b.evaluate(s, now: now, text: text)
            if x == true || y == true { return true }
            if x == nil || y == nil { return nil }
            return false
        case let .not(a):
            return try a.evaluate(s, now: now, text: text).map { !$0 }
        case let .compare(field, op, value):
            let ordered = op.isOrdering
            let want = try field.key(value, ordered: ordered)
            let have = field.key(of: s, now: now, ordered: ordered)
            guard let want else {
                // `= null` / `!= null` mean IS NULL / IS NOT NULL; ordering against null is refused.
                switch op {
                case .eq: return have == nil
                case .ne: return have != nil
                default: throw StoreError.badQuery("\(field.rawValue) \(op.rawValue) null")
                }
            }
            guard let have else { return nil }
            switch op {
            case .eq: return have == want
            case .ne: return have != want
            case .lt: return have < want
            case .le: return have <= want
            case .gt: return have > want
            case .ge: return have >= want
            }
        case let .contains(field, needle):
            guard field.isSearchable else {
                throw StoreError.badQuery("\(field.rawValue) holds no text to search")
            }
            if field == .text {
                guard let body = text(s) else { return nil }
                return needle.isEmpty || SearchGrams.occurrences(of: needle, in: body).count > 0
            }
            guard let text = field.searchText(of: s) else { return nil }
            return needle.isEmpty || text.contains(needle)
        case let .oneOf(field, values):
            if field.kind == .fulltext { throw StoreError.badQuery("text can only be searched: text ~ …") }
            if values.isEmpty { return false }  // SQLite: `x IN ()` is false, even for NULL
            let have = field.key(of: s, now: now)
            var sawNullCheck = false
            for v in values {
                guard let k = try field.key(v) else {
                    sawNullCheck = true
                    continue
                }
                if have == k { return true }
            }
            if sawNullCheck && have == nil { return true }
            return have == nil ? nil : false
        }
    }
}

/// Sorts listed cases as `ORDER BY …, num` does in SQLite: missing values first when ascending, last when
/// descending, ties broken by case number.
func sortSummaries(_ rows: inout [CaseSummary], order: [(field: CaseField, descending: Bool)], now: Instant) {
    rows.sort { a, b in
        for (field, descending) in order {
            let x = field.key(of: a, now: now, ordered: true), y = field.key(of: b, now: now, ordered: true)
            if x == y { continue }
            let less: Bool
            switch (x, y) {
            case (nil, _): less = true
            case (_, nil): less = false
            case let (x?, y?): less = x < y
            }
            return descending ? !less : less
        }
        return a.id.number < b.id.number
    }
}
