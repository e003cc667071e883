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
    /// A year must be declared to be covered, and a declared year must list at least one holiday (no Chinese year is
    /// without statutory holidays: a year without any is a truncated or wrong file, refused at its `year` line).
    /// Entries may precede their `year` line. Fields are separated by spaces or tabs; the Chinese name is one word and
    /// the English name is the rest of the line (it defaults to the Chinese name). `#` at the start of a line or
    /// after a space starts a comment. `file` is only used in error messages (`calendar.txt:12: …`).
    public static func parse(_ text: String, file: String) throws(CalendarError) -> WorkCalendar {
        var yearLines: [Int: (line: Int, column: Int)] = [:]
        var sources: [Int: String] = [:]
        var entries: [(line: Int, column: Int, day: SpecialDay)] = []
        var lineNumber = 0
        // Every start of yuqing reads the built-in calendar: a text whose every character is one Unicode scalar is
        // split into lines on its UTF-8 bytes and into fields on its scalars (a fraction of the time of walking
        // its characters); any other text by characters.
        let simple = isSimple(text)
        let lines = simple ? text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
            : text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for rawLine in lines {
            lineNumber += 1
            let located = simple ? fieldsOf(rawLine.unicodeScalars) { String(Substring($0)) }
                : fieldsOf(rawLine) { String($0) }
            let fields = located.map(\.text)
            // Where field i starts (1-based, in characters); past the last field, one column after it.
            func col(_ i: Int) -> Int {
                if i < located.count { return located[i].column }
                guard let last = located.last else { return 1 }
                return last.column + last.text.count + 1
            }
            guard let head = fields.first else { continue }
            if head == "year" {
                guard fields.count >= 2, fields[1].count == 4, fields[1].allSatisfy(\.isASCII),
                      let y = Int(fields[1]), (1900...2999).contains(y) else {
                    throw .badYear(file: file, line: lineNumber, column: col(1), text: fields.count >= 2 ? fields[1] : "")
                }
                if let first = yearLines[y] {
                    throw .duplicateYear(file: file, line: lineNumber, column: col(1), year: y, firstLine: first.line)
                }
                yearLines[y] = (lineNumber, col(1))
                sources[y] = fields.dropFirst(2).joined(separator: " ")
                continue
            }
            guard head.first?.isNumber == true else {
                throw .unrecognizedLine(file: file, line: lineNumber, column: col(0), text: String(rawLine))
            }
            guard let date = CivilDate(parsing: head) else {
                throw .badDate(file: file, line: lineNumber, column: col(0), text: head)
            }
            guard fields.count >= 2 else {
                throw .unrecognizedLine(file: file, line: lineNumber, column: col(0), text: String(rawLine))
            }
            let isHoliday: Bool
            switch fields[1] {
            case "holiday": isHoliday = true
            case "workday": isHoliday = false
            default: throw .unknownKind(file: file, line: lineNumber, column: col(1), kind: fields[1])
            }
            guard fields.count >= 3 else { throw .missingName(file: file, line: lineNumber, column: col(2)) }
            let zh = fields[2]
            let en = fields.count > 3 ? fields.dropFirst(3).joined(separator: " ") : zh
            if !isHoliday && !date.isWeekend {
                throw .workdayNotOnWeekend(file: file, line: lineNumber, column: col(0), date: date)
            }
            entries.append((lineNumber, col(0), SpecialDay(date: date, isHoliday: isHoliday, name: Localized(zh: zh, en: en))))
        }
        var special: [Int: SpecialDay] = [:]
        var firstLine: [Int: Int] = [:]
        var yearsWithHolidays = Set<Int>()
        for (line, column, day) in entries {
            guard yearLines[day.date.year] != nil else {
                throw .undeclaredYear(file: file, line: line, column: column, date: day.date)
            }
            let dn = day.date.dayNumber
            if let first = firstLine[dn] {
                throw .duplicateDate(file: file, line: line, column: column, date: day.date, firstLine: first)
            }
            firstLine[dn] = line
            special[dn] = day
            if day.isHoliday { yearsWithHolidays.insert(day.date.year) }
        }
        // A declared year without one day off would make every weekday a working day: refused, at its `year` line.
        if let (y, at) = yearLines.filter({ !yearsWithHolidays.contains($0.key) }).min(by: { $0.value.line < $1.value.line }) {
            throw .yearWithoutHolidays(file: file, line: at.line, column: at.column, year: y)
        }
        return WorkCalendar(sources: sources, special: special)
    }

    /// Splits a line on spaces and tabs, dropping a trailing `\r` and a `#` comment; each field with the column
    /// (1-based) it starts at. One pass over the line's characters, or over its scalars when every character is
    /// one (`isSimple`: the built-in calendar, read by every start, at a fraction of the cost), counting columns as
    /// it goes: measuring each field's column from the line's start again was half of reading that calendar.
    private static func fieldsOf<Line: BidirectionalCollection>(
        _ line: Line, _ text: (Line.SubSequence) -> String
    ) -> [(text: String, column: Int)] where Line.Element: Equatable & ExpressibleByUnicodeScalarLiteral {
        var fields: [(text: String, column: Int)] = []
        var start: Line.Index?
        var startColumn = 0
        var column = 0
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            column += 1
            if c == " " || c == "\t" || c == "\r" || c == "\u{3000}" {
                if let s = start { fields.append((text(line[s..<i]), startColumn)) }
                start = nil
            } else if start == nil {
                if c == "#" { return fields }
                start = i
                startColumn = column
            }
            i = line.index(after: i)
        }
        if let s = start { fields.append((text(line[s...]), startColumn)) }
        return fields
    }

    /// Whether every character of `text` is a single Unicode scalar, so that a split on `\n` and `fieldsOf` on
    /// scalars read it as the character-walking path does: printable ASCII, tab and `\n` (no other line break, no
    /// `\r`), Latin-1 letters and signs, general punctuation (dashes, quotes, `…`; not the zero-width joiners), CJK
    /// punctuation, kana and ideographs, full-width forms. None of these joins its neighbour into one character
    /// (combining marks, variation selectors and `\r\n` are left out), so counting scalars counts characters.
    static func isSimple(_ text: String) -> Bool {
        for u in text.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                if v >= 0x20 && v < 0x7F || v == 0x0A || v == 0x09 { continue }
                return false
            }
            switch v {
            case 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x9FFF,
                 0xFF01...0xFF60: continue
            default: return false
            }
        }
        return true
    }
}
