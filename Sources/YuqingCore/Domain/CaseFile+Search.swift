extension CaseFile {
    /// What full-text search (`cases where text ~ 水质`, `search 水质`) looks in: every item's title and excerpt,
    /// the unit report, the verification summary and every published response, one per line. Stores index it
    /// (kept in the same transaction as the case) and compare the query with it as a substring, so every backend
    /// gives the same answers.
    public var searchText: String {
        var parts: [String] = []
        parts.reserveCapacity(items.count * 2 + 2 + responses.count)
        for i in items {
            parts.append(i.title)
            if let e = i.excerpt, !e.isEmpty { parts.append(e) }
        }
        if let r = unitReport, !r.isEmpty { parts.append(r) }
        if let v = verification, !v.isEmpty { parts.append(v) }
        for r in responses where !r.text.isEmpty { parts.append(r.text) }
        return parts.joined(separator: "\n")
    }
}
