import Foundation
import YuqingCore

/// Turns the bytes of a script (a file, standard input, `run FILE`) into text, refusing what the lexer must never
/// see: bytes that are not UTF-8 (silently replaced before, so a script could mean something else than its
/// author saw) and NUL (C strings, SQLite bindings and terminals cut text at it). Both are errors at
/// `file:line:column`. A UTF-8 byte order mark at the start is dropped (editors on Windows write one).
enum SourceText {
    static func decode(_ data: Data, file: String) throws(ShellError) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let bad = firstInvalid(bytes) {
            let (line, column) = position(of: bad, in: bytes)
            let what = bytes[bad] == 0 ? Localized(zh: "脚本中有 NUL 字符（\\0），不予接受", en: "the script holds a NUL character (\\0); refused")
                : Localized(zh: "脚本不是有效的 UTF-8 文本（字节 0x\(hex(bytes[bad]))）",
                            en: "the script is not valid UTF-8 text (byte 0x\(hex(bytes[bad])))")
            let hint = bytes[bad] == 0 ? nil : Localized(zh: "请以 UTF-8 保存脚本（如 iconv -f GBK -t UTF-8）",
                                                         en: "save the script as UTF-8 (e.g. iconv -f GBK -t UTF-8)")
            throw ShellError(what, range: SourceRange(file: file, line: line, column: column, length: 1), hint: hint,
                             kind: .usage)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> String {
        let h = String(b, radix: 16, uppercase: true)
        return h.count < 2 ? "0" + h : h
    }

    /// The offset of the first NUL or of the first byte that does not start or continue a well-formed UTF-8
    /// sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
    static func firstInvalid(_ b: [UInt8]) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0 { return i }
            if c < 0x80 { i += 1; continue }
            let len: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return i
            }
            guard i + len <= n else { return i }
            if b[i + 1] < lo || b[i + 1] > hi { return i }
            for k in 2..<max(2, len) where b[i + k] < 0x80 || b[i + k] > 0xBF { return i }
            i += len
        }
        return nil
    }

    /// 1-based line and column (in characters, as the lexer counts them) of a byte offset.
    static func position(of offset: Int, in b: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<offset where b[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let prefix = String(decoding: b[lineStart..<offset], as: UTF8.self)
        return (line, prefix.count + 1)
    }
}
