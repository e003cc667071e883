import YuqingCore

/// The words full-text search indexes: overlapping pairs of characters ("bigrams"), which find two-character
/// Chinese words (水质, 噪音) that a word tokenizer cannot split out of unspaced text and that SQLite's trigram
/// tokenizer cannot find (a two-character query matches nothing there).
///
/// A *run* is a stretch of letters and digits (any script); everything else separates runs. Each run of a text is
/// indexed as its pairs plus its last character alone (`污水处理` → `污水 水处 处理 理`), so a one-character query
/// finds any run holding that character as a prefix (`水*`). A query is split into runs the same way and each run
/// must appear as the consecutive pairs of a run of the text (a phrase). The index only narrows the candidates:
/// every store then checks that the query occurs in the text as written (a substring, case-sensitive, exactly like
/// `title ~`), so SQLite (FTS5) and PostgreSQL (a GIN index on an array of grams) give the same answers.
///
/// The tokenizer itself is FTS5's built-in `unicode61` over these space-separated grams: no custom tokenizer has to
/// be registered on every connection, and the file stays readable by any `sqlite3`.
public enum SearchGrams {
    /// Bumped when the grams of a text change: the index is then rebuilt (`meta` key `search.grams`).
    public static let version = "1"

    static func isTokenCharacter(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 {
            let b = UInt8(u.value)
            return (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
        }
        // CJK Unified Ideographs (every one a letter, Lo): most of what is indexed, answered without the table.
        if u.value >= 0x4E00 && u.value <= 0x9FFF { return true }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
             .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// The runs of a text, as arrays of scalars.
    static func runs(_ text: String) -> [[Unicode.Scalar]] {
        var out: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        for u in text.unicodeScalars {
            if isTokenCharacter(u) {
                run.append(u)
            } else if !run.isEmpty {
                out.append(run)
                run.removeAll(keepingCapacity: true)
            }
        }
        if !run.isEmpty { out.append(run) }
        return out
    }

    /// The text FTS5 indexes for `text`: its grams separated by spaces. Built as UTF-8 bytes: appending scalars to
    /// a `String` was 2 % of a script's CPU (every commit point indexes the texts it changed, and removes the old).
    public static func document(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 2 + 8)
        var previous: Unicode.Scalar?
        func put(_ u: Unicode.Scalar) {
            if u.value < 0x80 {
                out.append(UInt8(u.value))
            } else {
                UTF8.encode(u) { out.append($0) }
            }
        }
        func endRun() {
            guard let p = previous else { return }
            if !out.isEmpty { out.append(0x20) }
            put(p)
            previous = nil
        }
        for u in text.unicodeScalars {
            guard isTokenCharacter(u) else {
                endRun()
                continue
            }
            if let p = previous {
                if !out.isEmpty { out.append(0x20) }
                put(p)
                put(u)
            }
            previous = u
        }
        endRun()
        return String(decoding: out, as: UTF8.self)
    }

    /// The distinct grams of `text` (pairs and single characters), for an array column with a GIN index.
    public static func set(_ text: String) -> [String] {
        var seen = Set<String>()
        for run in runs(text) {
            for (i, u) in run.enumerated() {
                seen.insert(String(Character(u)))
                if i + 1 < run.count {
                    var s = String.UnicodeScalarView()
                    s.append(u)
                    s.append(run[i + 1])
                    seen.insert(String(s))
                }
            }
        }
        return seen.sorted()
    }

    /// The grams every text containing `query` holds (each run's pairs, or its one character); nil when the query
    /// has no letter or digit (then only a scan can answer).
    public static func required(_ query: String) -> [String]? {
        var out: [String] = []
        for run in runs(query) {
            if run.count == 1 {
                out.append(String(Character(run[0])))
                continue
            }
            for i in 0..<(run.count - 1) {
                var s = String.UnicodeScalarView()
                s.append(run[i])
                s.append(run[i + 1])
                out.append(String(s))
            }
        }
        return out.isEmpty ? nil : Array(Set(out)).sorted()
    }

    /// An FTS5 `MATCH` expression that every document containing `query` satisfies: one phrase of pairs per run
    /// (a prefix query for a one-character run), all required. nil when the query has no letter or digit.
    public static func match(_ query: String) -> String? {
        var phrases: [String] = []
        for run in runs(query) {
            if run.count == 1 {
                phrases.append("\"\(Character(run[0]))\" *")
                continue
            }
            var p = String.UnicodeScalarView()
            for i in 0..<(run.count - 1) {
                if i > 0 { p.append(" ") }
                p.append(run[i])
                p.append(run[i + 1])
            }
            phrases.append("\"" + String(p) + "\"")
        }
        return phrases.isEmpty ? nil : phrases.joined(separator: " AND ")
    }

    /// Where `needle` occurs in `text`, left to right without overlapping (as SQL's `replace` counts them), as
    /// UTF-8 offsets: the memory store's search, and the highlighting of a found text.
    public static func occurrences(of needle: String, in text: String) -> [Range<Int>] {
        let h = Array(text.utf8), n = Array(needle.utf8)
        guard !n.isEmpty, n.count <= h.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i <= h.count - n.count {
            if h[i] == n[0], h[i..<(i + n.count)].elementsEqual(n) {
                out.append(i..<(i + n.count))
                i += n.count
            } else {
                i += 1
            }
        }
        return out
    }

    /// Whether the first occurrence of `needle` starts in the first line of `text` (the title): search ranks these
    /// first. Same test as the stores' SQL: `instr(text, q) <= instr(text || '\n', '\n')`.
    public static func inFirstLine(_ needle: String, _ text: String) -> Bool {
        guard let first = occurrences(of: needle, in: text).first else { return false }
        let newline = text.utf8.firstIndex(of: 0x0A).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
        return first.lowerBound <= (newline ?? text.utf8.count)
    }
}
