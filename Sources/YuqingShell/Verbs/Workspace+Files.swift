import Foundation
import YuqingCore
import YuqingStore

extension Workspace {
    /// Loaded holiday files are kept beside the store, one file per load, and read again at start-up.
    /// They take the store's own permissions (0600 in a 0700 directory, or the group's on a shared store).
    func saveUserCalendar(_ text: String, years: [Int]) throws(ShellError) {
        guard let dir = calendarDirectory else { return }
        let storeMode = (store as? SQLiteStore)?.path.flatMap(SecureFiles.mode(of:)) ?? 0o600
        do {
            try SecureFiles.createDirectories(dir, mode: storeMode & 0o060 != 0 ? 0o2770 : 0o700)
            let name = years.map(String.init).joined(separator: "-")
            try SecureFiles.replace((dir as NSString).appendingPathComponent("\(name).txt"), contents: Data(text.utf8),
                                    mode: storeMode & 0o660)
        } catch {
            throw ShellError(Localized(zh: "无法保存日历文件：\(error.localizedDescription)", en: "cannot save the calendar file: \(error.localizedDescription)"),
                             kind: .internal)
        }
    }

    /// The calendar shipped with yuqing, then every user file in `calendars/` beside the store (later files replace
    /// the years they declare).
    static func loadCalendar(userDirectory: String?) throws(ShellError) -> WorkCalendar {
        guard let url = Bundle.module.url(forResource: "calendar", withExtension: "txt", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "calendar", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ShellError(zh: "找不到内置日历数据 calendar.txt", en: "the built-in calendar data (calendar.txt) is missing", kind: .internal)
        }
        var cal: WorkCalendar
        do throws(CalendarError) { cal = try WorkCalendar.parse(text, file: url.path) } catch { throw ShellError(error.message, kind: .internal) }
        if let dir = userDirectory, let files = try? FileManager.default.contentsOfDirectory(atPath: dir) {
            for f in files.sorted() where f.hasSuffix(".txt") {
                let path = (dir as NSString).appendingPathComponent(f)
                guard let t = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
                do throws(CalendarError) { cal = cal.merging(try WorkCalendar.parse(t, file: path)) } catch { throw ShellError(error.message, kind: .data) }
            }
        }
        return cal
    }
}
