extension WorkCalendar {
    /// Parses the calendar text format (the file shipped as `calendar.txt`, or one an administrator writes for next
    /// year):
    ///
    /// ```
    /// # comment
    /// year 2020 国务院办公厅关于2020年部分节假日安排的通知
    /// 2020-01-01 holiday 元旦 New Year's Day
    /// 2020-01-19 workday 春节 Spring Festival
    /// ```
    ///
    /// A year must be declared to be covered (a year without holidays is still a statement that needs a source).
    /// Entries may precede their `year` line. Fields are separated by spaces or tabs; the Chinese name is one word and
    /// the English name is the rest of the line (it defaults to the Chinese name). `#` at the start of a line or
    /// after a space starts a comment. `file` is only used in error messages (`calendar.txt:12: …`).
    public static func parse(_ text: String, file: String) throws(CalendarError) -> WorkCalendar {
        var yearLines: [Int: Int] = [:]
        var sources: [Int: String] = [:]
        var entries: [(line: Int, day: SpecialDay)] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let fields = fieldsOf(rawLine)
            guard let head = fields.first else { continue }
            if head == "year" {
                guard fields.count >= 2, fields[1].count == 4, fields[1].allSatisfy(\.isASCII),
                      let y = Int(fields[1]), (1900...2999).contains(y) else {
                    throw .badYear(file: file, line: lineNumber, text: fields.count >= 2 ? fields[1] : "")
                }
                if let first = yearLines[y] {
                    throw .duplicateYear(file: file, line: lineNumber, year: y, firstLine: first)
                }
                yearLines[y] = lineNumber
                sources[y] = fields.dropFirst(2).joined(separator: " ")
                continue
            }
            guard head.first?.isNumber == true else {
                throw .unrecognizedLine(file: file, line: lineNumber, text: String(rawLine))
            }
            guard let date = CivilDate(parsing: head) else {
                throw .badDate(file: file, line: lineNumber, text: head)
            }
            guard fields.count >= 2 else { throw .unrecognizedLine(file: file, line: lineNumber, text: String(rawLine)) }
            let isHoliday: Bool
            switch fields[1] {
            case "holiday": isHoliday = true
            case "workday": isHoliday = false
            default: throw .unknownKind(file: file, line: lineNumber, kind: fields[1])
            }
            guard fields.count >= 3 else { throw .missingName(file: file, line: lineNumber) }
            let zh = fields[2]
            let en = fields.count > 3 ? fields.dropFirst(3).joined(separator: " ") : zh
            if !isHoliday && !date.isWeekend {
                throw .workdayNotOnWeekend(file: file, line: lineNumber, date: date)
            }
            entries.append((lineNumber, SpecialDay(date: date, isHoliday: isHoliday, name: Localized(zh: zh, en: en))))
        }
        var special: [Int: SpecialDay] = [:]
        var firstLine: [Int: Int] = [:]
        for (line, day) in entries {
            guard yearLines[day.date.year] != nil else {
                throw .undeclaredYear(file: file, line: line, date: day.date)
            }
            let dn = day.date.dayNumber
            if let first = firstLine[dn] {
                throw .duplicateDate(file: file, line: line, date: day.date, firstLine: first)
            }
            firstLine[dn] = line
            special[dn] = day
        }
        return WorkCalendar(sources: sources, special: special)
    }

    /// Splits a line on spaces and tabs, dropping a trailing `\r` and a `#` comment.
    private static func fieldsOf(_ line: Substring) -> [String] {
        var fields: [String] = []
        for f in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{3000}" }) {
            if f.hasPrefix("#") { break }
            fields.append(String(f))
        }
        return fields
    }
}
