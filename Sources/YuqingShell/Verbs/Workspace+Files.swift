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
            let why = FileOutput.reason(error, path: (dir as NSString).appendingPathComponent("calendar.txt"))
            throw ShellError(Localized(zh: "无法保存日历文件：\(why.zh)", en: "cannot save the calendar file: \(why.en)"),
                             kind: .internal)
        }
    }

    /// The calendar shipped with yuqing, then every user file in `calendars/` beside the store (later files replace
    /// the years they declare).
    static func loadCalendar(userDirectory: String?) throws(ShellError) -> WorkCalendar {
        try loadCalendarReporting(userDirectory: userDirectory).calendar
    }

    /// Like `loadCalendar`, but a user file that cannot be read or parsed does not stop yuqing: it is skipped, the
    /// years it declares (its `year` lines, else the years in its name, as `calendar load` names files) are
    /// withheld — refused with the file's name rather than computed from older data — and one warning per file says
    /// where the error is (`calendars/2027.txt:3: …`). The built-in data must parse: its failure still throws.
    static func loadCalendarReporting(userDirectory: String?) throws(ShellError) -> (calendar: WorkCalendar, warnings: [Localized]) {
        var cal: WorkCalendar
        do throws(CalendarError) {
            cal = try WorkCalendar.parse(BuiltinCalendar.text, file: BuiltinCalendar.file)
        } catch {
            throw ShellError(error.message, kind: .internal)
        }
        var warnings: [Localized] = []
        if let dir = userDirectory, let files = try? FileManager.default.contentsOfDirectory(atPath: dir) {
            for f in files.sorted() where f.hasSuffix(".txt") {
                let path = (dir as NSString).appendingPathComponent(f)
                let data = FileManager.default.contents(atPath: path)
                let text = data.flatMap { String(data: $0, encoding: .utf8) }
                let problem: Localized
                if let text {
                    do throws(CalendarError) {
                        cal = cal.merging(try WorkCalendar.parse(text, file: path))
                        continue
                    } catch {
                        problem = error.message
                    }
                } else {
                    problem = Localized(zh: "\(path)：无法读取或不是 UTF-8 文本", en: "\(path): cannot be read, or is not UTF-8 text")
                }
                let years = declaredYears(text ?? "", name: f)
                cal = cal.withholding(years, because: problem)
                let ys = years.isEmpty ? nil : years.map(String.init).joined(separator: ", ")
                warnings.append(Localized(
                    zh: "日历文件有误，已跳过：\(problem.zh)" + (ys.map { "；\($0) 年的工作日计算将被拒绝，直到改正" } ?? ""),
                    en: "calendar file skipped: \(problem.en)" + (ys.map { "; working days in \($0) are refused until it is fixed" } ?? "")))
            }
        }
        return (cal, warnings)
    }

    /// The years a calendar file means to give, read without parsing it: its `year NNNN` lines, else four-digit
    /// years in its name (`2027.txt`, `2027-2028.txt`).
    static func declaredYears(_ text: String, name: String) -> [Int] {
        var years = Set<Int>()
        for line in text.split(whereSeparator: \.isNewline) {
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if f.count >= 2, f[0] == "year", f[1].count == 4, let y = Int(f[1]), (1900...2999).contains(y) { years.insert(y) }
        }
        if years.isEmpty {
            for part in name.split(whereSeparator: { !$0.isNumber }) where part.count == 4 {
                if let y = Int(part), (1900...2999).contains(y) { years.insert(y) }
            }
        }
        return years.sorted()
    }
}
