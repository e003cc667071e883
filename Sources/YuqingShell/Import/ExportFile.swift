import Foundation
import YuqingCore

/// The text encodings exports come in. Excel and WPS on a Chinese Windows desktop save CSV in GB18030 (called
/// GBK or ANSI there); GB18030 is a superset of GBK and GB2312, so one decoder reads all three.
enum ExportEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case gb18030

    /// Foundation on Linux decodes GB18030 through CoreFoundation's `kCFStringEncodingGB_18030_2000` (0x0632),
    /// whose `NSStringEncoding` is 0x80000632; checked by a test on this machine.
    static let gb18030Foundation = String.Encoding(rawValue: 0x8000_0632)

    /// `utf-8`, `utf8`, `gb18030`, `gbk`, `gb2312`, `cp936`, `ansi` (any case).
    init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8", "utf-8-bom", "utf8-bom": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "ansi", "gb-18030", "936": self = .gb18030
        default: return nil
        }
    }

    /// UTF-8 when the sample starts with a byte-order mark or is valid UTF-8 (a sequence cut at the sample's end
    /// is allowed); otherwise GB18030.
    static func detect(_ sample: Data) -> ExportEncoding {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        var bytes = [UInt8](sample)
        // Drop a multi-byte sequence the sample cut in two.
        var back = 0
        while back < 3, back < bytes.count, bytes[bytes.count - 1 - back] & 0xC0 == 0x80 { back += 1 }
        if back < bytes.count, bytes[bytes.count - 1 - back] >= 0xC0 { bytes.removeLast(back + 1) }
        return String(validating: bytes, as: UTF8.self) != nil ? .utf8 : .gb18030
    }
}

/// Where a file cannot be read as text: the line and what to try.
struct ExportReadError: YuqingError {
    var message: Localized
    /// About the sheet asked for (`--sheet`, or the profile's `sheet`), not the file: the caret goes under that.
    var aboutSheet = false
    var kind: ErrorKind { .data }
}

/// Reads a file in chunks and hands out UTF-8 bytes, decoding GB18030 on the way; counts bytes read for progress.
///
/// An `InputStream` subclass so that CSV.swift's reader can pull from it. A GB18030 chunk is cut after its last line
/// feed: 0x0A is never part of a multi-byte GB18030 character, so each piece decodes on its own, and a piece that does
/// not decode names its line.
final class ExportInputStream: InputStream {
    private let handle: FileHandle
    private let encoding: ExportEncoding
    private var status: Stream.Status = .notOpen
    private var out: [UInt8] = []
    private var outPos = 0
    private var carry: [UInt8] = []
    private var atEnd = false
    private var skippedBOM = false
    /// Lines decoded so far (GB18030), for the line number of a decoding error.
    private var linesBefore = 0
    private(set) var bytesRead: Int64 = 0
    let size: Int64
    /// Set when the file is not in the encoding it was read as.
    private(set) var decodingError: ExportReadError?
    static let chunk = 256 * 1024

    init(path: String, encoding: ExportEncoding) throws(ExportReadError) {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw ExportReadError(message: Localized(zh: "无法读取文件 \(path)", en: "cannot read \(path)"))
        }
        handle = h
        self.encoding = encoding
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        size = (attrs?[.size] as? NSNumber)?.int64Value ?? 0
        super.init(data: Data())
    }

    deinit { try? handle.close() }

    override func open() { status = .open }
    override func close() { status = .closed }
    override var streamStatus: Stream.Status { status }
    override var streamError: Error? { nil }
    override var hasBytesAvailable: Bool {
        if outPos < out.count { return true }
        fill()
        return outPos < out.count
    }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
        if outPos >= out.count { fill() }
        let n = min(len, out.count - outPos)
        if n <= 0 { return 0 }
        out.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { buffer.update(from: base + outPos, count: n) }
        }
        outPos += n
        return n
    }

    override func getBuffer(_ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>,
                            length len: UnsafeMutablePointer<Int>) -> Bool { false }

    /// Fraction of the file read so far (0…1).
    var fraction: Double { size > 0 ? min(1, Double(bytesRead) / Double(size)) : 0 }

    private func fill() {
        out.removeAll(keepingCapacity: true)
        outPos = 0
        while out.isEmpty && !atEnd && decodingError == nil {
            let data = handle.readData(ofLength: ExportInputStream.chunk)
            bytesRead += Int64(data.count)
            if data.isEmpty { atEnd = true }
            // Plain byte arrays: no `Data` slices, whose indices do not start at 0.
            var piece = carry
            piece.append(contentsOf: data)
            carry = []
            if !skippedBOM, piece.count >= 3 || atEnd {
                skippedBOM = true
                if piece.starts(with: [0xEF, 0xBB, 0xBF]) { piece.removeFirst(3) }
            }
            switch encoding {
            case .utf8:
                out.append(contentsOf: piece)
            case .gb18030:
                if !atEnd {
                    guard let lf = piece.lastIndex(of: 0x0A) else {
                        carry = piece
                        continue
                    }
                    carry = Array(piece[(lf + 1)...])
                    piece.removeSubrange((lf + 1)...)
                }
                decode(piece)
            }
        }
    }

    private func decode(_ piece: [UInt8]) {
        if piece.isEmpty { return }
        if let s = String(data: Data(piece), encoding: ExportEncoding.gb18030Foundation) {
            out.append(contentsOf: s.utf8)
            linesBefore += piece.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return
        }
        // Find the line that does not decode.
        var line = linesBefore + 1
        for part in piece.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(data: Data(part), encoding: ExportEncoding.gb18030Foundation) == nil {
                decodingError = ExportReadError(message: Localized(
                    zh: "第 \(line) 行不是有效的 GB18030/GBK 文本（可用 --encoding utf-8 指定编码）",
                    en: "line \(line) is not valid GB18030/GBK text (name the encoding with --encoding utf-8)"))
                return
            }
            line += 1
        }
    }
}
