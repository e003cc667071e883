import Foundation
import YuqingCore

/// Writing a file a person named (`--out`, a drill log, a recording) or one yuqing keeps beside the store (a loaded
/// calendar): atomically, `~` expanded, and when it cannot be written one error that names the file and says why.
enum FileOutput {
    static func write(_ data: Data, to path: String, range: SourceRange?) throws(ShellError) {
        do {
            try data.write(to: URL(fileURLWithPath: (path as NSString).expandingTildeInPath), options: .atomic)
        } catch {
            throw ShellError(Localized(zh: "无法写入 \(path)：\(error.localizedDescription)", en: "cannot write \(path): \(error.localizedDescription)"),
                             range: range, kind: .data)
        }
    }

    static func write(_ text: String, to path: String, range: SourceRange?) throws(ShellError) {
        try write(Data(text.utf8), to: path, range: range)
    }
}
