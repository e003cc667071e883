/// "Did you mean": the nearest candidate by edit distance, if it is near enough to be a likely typo.
enum Suggest {
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var prevPrev = prev
        var cur = prev
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    cur[j] = min(cur[j], prevPrev[j - 2] + 1)  // a transposition (clcok → clock) is one edit
                }
            }
            prevPrev = prev
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// The closest candidate within 1 edit for words of up to 3 characters, else within a third of the length
    /// (at least 2, at most 3); a word that is a prefix of exactly one candidate also counts.
    ///
    /// Bounded: two words differ by at least their difference in length, so a candidate whose length is out of
    /// reach is not measured, and a word far longer than every candidate (a pasted megabyte) is answered at once.
    static func nearest(_ word: String, among candidates: [String]) -> String? {
        guard !word.isEmpty, let longest = candidates.map({ $0.utf8.count }).max() else { return nil }
        // Characters never outnumber UTF-8 bytes, and a character is at most 4 bytes.
        if word.utf8.count > 4 * (longest + 3) { return nil }
        let n = word.count
        if n > longest + 3 { return nil }
        let limit = n <= 3 ? 1 : min(3, max(2, n / 3))
        var best: (String, Int)?
        for c in candidates where !c.isEmpty {
            guard abs(c.count - n) <= limit else { continue }
            let d = distance(word, c)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        if let b = best { return b.0 }
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }
}
