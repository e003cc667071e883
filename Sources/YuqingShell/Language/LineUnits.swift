/// One line of a script as its UTF-8 bytes, and where each of its characters starts: the lexer reads bytes but
/// counts columns in characters (`Character`s, grapheme clusters), as diagnostics show them and carets stand.
///
/// Asking a `Character` for its byte (`asciiValue`, `==`) breaks the line into grapheme clusters and was most of
/// the lexer's time. Here a line whose every scalar is one that no neighbour can join (ASCII and Latin-1, CJK
/// ideographs and punctuation, kana, Hangul syllables, full-width forms: the scalars the Swift runtime itself
/// breaks between without looking them up) has one character per scalar, found from the lead bytes. Any other
/// line (a combining mark, an emoji, a variation selector) takes its characters from `String.indices`, so columns
/// are exactly the `Character` counts in every case.
struct LineUnits {
    let bytes: [UInt8]
    /// Byte offset of each character, and `bytes.count` after the last; empty when the line is all ASCII (a
    /// character is then a byte).
    private let starts: [Int]
    private let allASCII: Bool
    let count: Int

    init(_ line: String) {
        bytes = Array(line.utf8)
        if let s = LineUnits.scalarStarts(bytes) {
            allASCII = s.isEmpty
            starts = s
        } else {
            var s: [Int] = []
            s.reserveCapacity(bytes.count + 1)
            var at = 0
            for c in line {
                s.append(at)
                at += c.utf8.count
            }
            s.append(at)
            allASCII = false
            starts = s
        }
        count = allASCII ? bytes.count : starts.count - 1
    }

    /// The start of each scalar when every scalar stands alone as a character (empty when all are ASCII), nil
    /// when some scalar may join its neighbour.
    private static func scalarStarts(_ b: [UInt8]) -> [Int]? {
        guard b.contains(where: { $0 >= 0x80 }) else { return [] }
        var s: [Int] = []
        s.reserveCapacity(b.count + 1)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            s.append(i)
            let scalar: UInt32
            switch c {
            case 0..<0x80:
                i += 1
                continue
            case 0xC0..<0xE0:
                guard i + 1 < n else { return nil }
                scalar = UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                i += 2
            case 0xE0..<0xF0:
                guard i + 2 < n else { return nil }
                scalar = UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                i += 3
            default:
                return nil // above U+FFFF: emoji and the like
            }
            guard standsAlone(scalar) else { return nil }
        }
        s.append(n)
        return s
    }

    /// Scalars with a grapheme break on both sides whatever their neighbour is from this same set (the Swift
    /// runtime's own fast path, `hasBreakWhenPaired`, less a few scripts a yuqing script does not hold).
    private static func standsAlone(_ x: UInt32) -> Bool {
        switch x {
        case 0x3400...0xA4CF: true // CJK ideographs (extension A and unified), Yi
        case 0x0000...0x02FF: true // ASCII, Latin-1, Latin extended, spacing modifiers
        case 0x3000...0x3029: true // CJK punctuation, the ideographic space
        case 0xFF01...0xFF9D: true // full-width forms
        case 0x2010...0x2029: true // general punctuation: dashes, quotes, ellipsis
        case 0x3041...0x3096, 0x30A1...0x30FC: true // kana
        case 0xAC00...0xD7AF: true // Hangul syllables
        default: false
        }
    }

    @inline(__always) private func start(_ k: Int) -> Int { allASCII ? k : starts[k] }

    /// The byte of character `k` when it is one ASCII scalar (as `Character.asciiValue`; a mark on it makes
    /// another character).
    @inline(__always) func ascii(_ k: Int) -> UInt8? {
        if allASCII { return bytes[k] }
        let s = starts[k]
        let b = bytes[s]
        return b < 0x80 && starts[k + 1] == s + 1 ? b : nil
    }

    /// Character `k` is U+3000 alone (E3 80 80).
    func isIdeographicSpace(_ k: Int) -> Bool {
        guard !allASCII else { return false }
        let s = starts[k]
        return starts[k + 1] - s == 3 && bytes[s] == 0xE3 && bytes[s + 1] == 0x80 && bytes[s + 2] == 0x80
    }

    /// `_`, an ASCII letter or digit: what a `$name` is made of.
    func isNameChar(_ k: Int) -> Bool {
        guard let a = ascii(k) else { return false }
        return a == 0x5F || (a >= 0x30 && a <= 0x39) || (a >= 0x41 && a <= 0x5A) || (a >= 0x61 && a <= 0x7A)
    }

    /// The first character at or after `from` that is the ASCII byte `b`.
    func firstIndex(ofASCII b: UInt8, from: Int = 0) -> Int? {
        var k = from
        while k < count {
            if ascii(k) == b { return k }
            k += 1
        }
        return nil
    }

    /// The characters `from..<to` as text.
    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[start(from)..<start(to)], as: UTF8.self)
    }

    /// Appends the bytes of characters `from..<to`.
    func appendBytes(_ from: Int, _ to: Int, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: bytes[start(from)..<start(to)])
    }
}
