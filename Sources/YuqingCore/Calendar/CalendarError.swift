/// Why a calendar file was refused or a date could not be computed. Each case knows the file and line it came from
/// (for parse errors) and says what is wrong in both languages.
public enum CalendarError: YuqingError, Hashable, CustomStringConvertible {
    /// A line is neither a `year` declaration, a dated entry, a comment nor blank.
    case unrecognizedLine(file: String, line: Int, column: Int, text: String)
    /// `year` without a valid four-digit year, or a year outside 1900–2999.
    case badYear(file: String, line: Int, column: Int, text: String)
    /// The same year declared twice in one file.
    case duplicateYear(file: String, line: Int, column: Int, year: Int, firstLine: Int)
    /// The date field is not a real `YYYY-MM-DD` date.
    case badDate(file: String, line: Int, column: Int, text: String)
    /// The kind field is neither `holiday` nor `workday`.
    case unknownKind(file: String, line: Int, column: Int, kind: String)
    /// A dated entry without its holiday name.
    case missingName(file: String, line: Int, column: Int)
    /// A dated entry in a year the file does not declare.
    case undeclaredYear(file: String, line: Int, column: Int, date: CivilDate)
    /// A make-up workday on Monday–Friday (those are working days anyway: most likely a typo).
    case workdayNotOnWeekend(file: String, line: Int, column: Int, date: CivilDate)
    /// The same date listed twice.
    case duplicateDate(file: String, line: Int, column: Int, date: CivilDate, firstLine: Int)
    /// A declared year with no holiday at all: every weekday would be a working day, which no Chinese year is (the
    /// State Council's notice always gives New Year, the Spring Festival…). Most likely a truncated file.
    case yearWithoutHolidays(file: String, line: Int, column: Int, year: Int)
    /// A computation needs a year the calendar has no data for. yuqing never guesses holidays. `skipped` names the
    /// calendar file that declares the year but has an error (`calendars/2027.txt:3: …`), if that is why.
    case yearNotCovered(year: Int, covered: [Int], skipped: Localized? = nil)
    /// A negative number of working days.
    case negativeWorkingDays(Int)
    /// A cut-off outside 00:00–24:00.
    case badCutoff(secondOfDay: Int)

    /// `file:line` for parse errors, nil otherwise.
    public var location: (file: String, line: Int)? {
        position.map { ($0.file, $0.line) }
    }

    /// `file:line:column` of the bad field for parse errors (column in characters, 1-based), with the field's
    /// length in characters for the caret; nil otherwise.
    public var position: (file: String, line: Int, column: Int, length: Int)? {
        switch self {
        case .unrecognizedLine(let f, let l, let c, let text): return (f, l, c, max(1, text.count))
        case .badYear(let f, let l, let c, let text): return (f, l, c, max(1, text.count))
        case .duplicateYear(let f, let l, let c, _, _): return (f, l, c, 4)
        case .badDate(let f, let l, let c, let text): return (f, l, c, max(1, text.count))
        case .unknownKind(let f, let l, let c, let kind): return (f, l, c, max(1, kind.count))
        case .missingName(let f, let l, let c): return (f, l, c, 1)
        case .undeclaredYear(let f, let l, let c, _), .workdayNotOnWeekend(let f, let l, let c, _),
             .duplicateDate(let f, let l, let c, _, _):
            return (f, l, c, 10)
        case .yearWithoutHolidays(let f, let l, let c, _): return (f, l, c, 4)
        case .yearNotCovered, .negativeWorkingDays, .badCutoff:
            return nil
        }
    }

    public var message: Localized {
        let at = position.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
        let d = detail
        return Localized(zh: at + d.zh, en: at + d.en)
    }

    /// The message without its `file:line:column: ` (for a diagnostic that prints the position itself).
    public var detail: Localized {
        switch self {
        case .unrecognizedLine(_, _, _, let text):
            return Localized(
                zh: "无法识别的行「\(text)」：应为 `year YYYY 来源…` 或 `YYYY-MM-DD holiday|workday 中文名 English name`",
                en: "unrecognized line '\(text)': expected `year YYYY source…` or `YYYY-MM-DD holiday|workday 中文名 English name`")
        case .badYear(_, _, _, let text):
            return Localized(zh: "年份「\(text)」无效：应为 1900–2999 之间的四位数字",
                             en: "bad year '\(text)': expected four digits between 1900 and 2999")
        case .duplicateYear(_, _, _, let y, let first):
            return Localized(zh: "\(y) 年重复声明（第 \(first) 行已声明）",
                             en: "year \(y) declared twice (first on line \(first))")
        case .badDate(_, _, _, let text):
            return Localized(zh: "日期「\(text)」无效：应为真实存在的 YYYY-MM-DD 日期",
                             en: "bad date '\(text)': expected a real date as YYYY-MM-DD")
        case .unknownKind(_, _, _, let kind):
            return Localized(zh: "未知类型「\(kind)」：应为 holiday（放假）或 workday（调休上班）",
                             en: "unknown kind '\(kind)': expected holiday or workday")
        case .missingName:
            return Localized(zh: "缺少节日名称：应为 `YYYY-MM-DD holiday|workday 中文名 English name`",
                             en: "missing holiday name: expected `YYYY-MM-DD holiday|workday 中文名 English name`")
        case .undeclaredYear(_, _, _, let d):
            return Localized(zh: "日期 \(d) 所在的 \(d.year) 年未声明：请先加一行 `year \(d.year) 来源`",
                             en: "date \(d) is in year \(d.year), which this file does not declare: add a line `year \(d.year) source`")
        case .workdayNotOnWeekend(_, _, _, let d):
            return Localized(zh: "\(d) 不是周末，不能标为调休上班（workday 只用于周六、周日）",
                             en: "\(d) is not a weekend day: `workday` marks make-up working days on Saturdays and Sundays only")
        case .duplicateDate(_, _, _, let d, let first):
            return Localized(zh: "日期 \(d) 重复（第 \(first) 行已列出）",
                             en: "date \(d) listed twice (first on line \(first))")
        case .yearWithoutHolidays(_, _, _, let y):
            return Localized(
                zh: "\(y) 年已声明，但没有一天放假：每年都有法定节假日（元旦、春节等），照此计算会把该年每个周一至周五都当作工作日；请按国务院办公厅 \(y) 年节假日安排的通知补上 holiday 行",
                en: "year \(y) is declared but has no holiday at all: every year has statutory holidays (New Year, the Spring Festival…), and without them every Monday to Friday of \(y) would count as a working day; add the holiday lines of the State Council's \(y) notice")
        case .yearNotCovered(let y, _, let skipped?):
            return Localized(
                zh: "没有 \(y) 年的节假日数据：提供该年的日历文件有误，已跳过（\(skipped.zh)）；请改正后用 `calendar load 文件` 重新载入",
                en: "no holiday data for \(y): the calendar file that gives it has an error and was skipped (\(skipped.en)); fix it and load it again with `calendar load FILE`")
        case .yearNotCovered(let y, let covered, nil):
            let have = WorkCalendar.describeYears(covered)
            return Localized(
                zh: "日历没有 \(y) 年的节假日数据（现有：\(have.zh)），无法计算工作日；请用 `calendar load 文件` 加入 \(y) 年国务院办公厅节假日安排",
                en: "the calendar has no holiday data for \(y) (covered: \(have.en)), so working days cannot be computed; add the State Council's \(y) holiday notice with `calendar load FILE`")
        case .negativeWorkingDays(let n):
            return Localized(zh: "工作日数不能为负数（\(n)）", en: "a number of working days cannot be negative (\(n))")
        case .badCutoff(let s):
            return Localized(zh: "截止时刻 \(s) 秒超出 00:00–24:00", en: "cut-off at second \(s) is outside 00:00–24:00")
        }
    }

    /// Missing or invalid holiday data: yuqing cannot compute working days until the data is fixed.
    public var kind: ErrorKind { .data }

    public var description: String { message.en }
}
