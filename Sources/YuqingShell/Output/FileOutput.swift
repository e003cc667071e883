import Foundation
import YuqingCore

/// Writing a file a person named (`--out`, a drill log, a recording) or one yuqing keeps beside the store (a loaded
/// calendar): atomically, `~` expanded, and when it cannot be written one error that names the file and says why.
enum FileOutput {
    static func write(_ data: Data, to path: String, range: SourceRange?) throws(ShellError) {
        // The write is atomic: a new file renamed over the old one. Over a device or a pipe that replaces the device
        // itself (`--out /dev/null` as root turned the machine's /dev/null into a regular file): only regular files
        // are written over.
        var st = stat()
        if stat((path as NSString).expandingTildeInPath, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG, (st.st_mode & S_IFMT) != S_IFDIR {
            throw ShellError(Localized(zh: "无法写入 \(path)：这不是普通文件（设备或管道），yuqing 只覆盖普通文件",
                                       en: "cannot write \(path): it is not a regular file (a device or a pipe); yuqing writes over regular files only"),
                             range: range, kind: .data)
        }
        do {
            try data.write(to: URL(fileURLWithPath: (path as NSString).expandingTildeInPath), options: .atomic)
        } catch {
            let why = reason(error, path: path)
            throw ShellError(Localized(zh: "无法写入 \(path)：\(why.zh)", en: "cannot write \(path): \(why.en)"),
                             range: range, kind: .data)
        }
    }

    /// Why `path` could not be written, in both languages: Foundation's own text is English only (a Chinese screen
    /// read `无法写入 x：The operation could not be completed. The file doesn’t exist.`).
    static func reason(_ error: any Error, path: String) -> Localized {
        let full = (path as NSString).expandingTildeInPath
        let dir = (full as NSString).deletingLastPathComponent.isEmpty ? "." : (full as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), isDir.boolValue {
            return Localized(zh: "这是一个文件夹", en: "it is a folder")
        }
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
            return Localized(zh: "文件夹 \(dir) 不存在", en: "the folder \(dir) does not exist")
        }
        if access(dir, W_OK) != 0 || (FileManager.default.fileExists(atPath: full) && access(full, W_OK) != 0) {
            return Localized(zh: "没有写入权限", en: "permission denied")
        }
        if let c = error as? CocoaError, c.code == .fileWriteOutOfSpace {
            return Localized(zh: "磁盘空间不足", en: "the disk is full")
        }
        return Localized(zh: error.localizedDescription, en: error.localizedDescription)
    }

    static func write(_ text: String, to path: String, range: SourceRange?) throws(ShellError) {
        try write(Data(text.utf8), to: path, range: range)
    }
}
