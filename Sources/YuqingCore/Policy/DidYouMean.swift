/// Suggestions for mistyped words (`verfy` → `verify`), so errors can say what was probably meant.
public enum DidYouMean {
    /// The closest candidate within an edit distance of 2 (or 1 for words of up to 4 characters), or one that the
    /// word is a prefix of; nil when nothing is close.
    public static func suggest(_ word: String, among candidates: [String]) -> String? {
        // A word far longer than every candidate (a pasted megabyte) is near none of them: answer at once rather
        // than measure it against each.
        guard let longest = candidates.map({ $0.utf8.count }).max(), word.utf8.count <= 4 * (longest + 2),
              word.count <= longest + 2 else { return nil }
        let w = Array(word.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            if let b = best, b.1 <= d { continue }
            best = (c, d)
        }
        if let (c, d) = best, d <= (w.count <= 4 ? 1 : 2) { return c }
        if !w.isEmpty, let c = candidates.first(where: { $0.lowercased().hasPrefix(word.lowercased()) }) { return c }
        return nil
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
