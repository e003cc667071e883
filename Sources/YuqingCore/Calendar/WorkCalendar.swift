/// The working-day calendar of Asia/Shanghai: weekends, statutory holidays and make-up workdays (调休上班) for the
/// years it has data for.
///
/// The data is a text file (see `parse(_:file:)`); the core never reads files, the shell hands it the text. Every
/// question about a date in a year without data is refused with `CalendarError.yearNotCovered`, because the State
/// Council announces each year's arrangement separately and no rule predicts it.
///
/// Arithmetic is O(1): at construction the covered range is turned into a prefix count of working days per day and
/// the list of working-day numbers, so adding or counting working days is two array look-ups.
public struct WorkCalendar: Sendable, Equatable {
    /// Declared years and where their data came from (the notice named on the `year` line).
    public private(set) var sources: [Int: String]
    /// Holidays and make-up workdays by day number.
    var special: [Int: SpecialDay]
    /// Years a calendar file would have given but could not, because it has an error: year → where and why
    /// (`calendars/2027.txt:3: bad date …`). Working-day questions about them are refused naming the file.
    public private(set) var skipped: [Int: Localized] = [:]
    var tables: Tables

    /// The precomputed arrays. Days run from January 1 of the first covered year to December 31 of the last; days of
    /// uncovered years in between are flagged so that no computation silently crosses them.
    struct Tables: Sendable, Equatable {
        /// Day number of the first day of the range.
        var base = 0
        /// Number of days in the range.
        var count = 0
        /// `workBefore[i]` = working days in `[base, base + i)`; `count + 1` entries.
        var workBefore: [Int32] = [0]
        /// `uncoveredBefore[i]` = days of uncovered years in `[base, base + i)`; `count + 1` entries.
        var uncoveredBefore: [Int32] = [0]
        /// Day numbers of the working days, ascending: the k-th working day of the range is `workDays[k]`.
        var workDays: [Int32] = []
        /// The first year of the range and, per year from it, whether the year is covered: the hot path checks
        /// coverage with one array read instead of a dictionary lookup.
        var firstYear = 0
        var coveredYear: [Bool] = []
    }

    /// A calendar without any year: every working-day question is refused until a year is loaded.
    public static let empty = WorkCalendar(sources: [:], special: [:])

    init(sources: [Int: String], special: [Int: SpecialDay]) {
        self.sources = sources
        self.special = special
        self.tables = WorkCalendar.buildTables(years: sources.keys.sorted(), special: special)
    }

    /// The covered years, ascending.
    public var years: [Int] { sources.keys.sorted() }

    /// The holidays and make-up workdays of a year, in date order (empty for an uncovered year).
    public func specialDays(inYear year: Int) -> [SpecialDay] {
        special.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }

    /// This calendar with the years of `other` added; a year present in both is taken wholly from `other`.
    /// `calendar load FILE` uses this, so a corrected notice replaces a year instead of mixing with it.
    public func merging(_ other: WorkCalendar) -> WorkCalendar {
        let replaced = Set(other.sources.keys)
        var sources = self.sources.filter { !replaced.contains($0.key) }
        var special = self.special.filter { !replaced.contains($0.value.date.year) }
        for (y, s) in other.sources { sources[y] = s }
        for (d, s) in other.special { special[d] = s }
        var merged = WorkCalendar(sources: sources, special: special)
        merged.skipped = skipped.filter { !replaced.contains($0.key) }.merging(other.skipped) { _, b in b }
        return merged
    }

    /// This calendar without `years`, noting why: a calendar file that declares them has an error, so the data it
    /// meant to give (perhaps a corrected notice) is not known, and older data for those years must not be used
    /// in its place.
    public func withholding(_ years: [Int], because note: Localized) -> WorkCalendar {
        let gone = Set(years)
        var c = WorkCalendar(sources: sources.filter { !gone.contains($0.key) },
                             special: special.filter { !gone.contains($0.value.date.year) })
        c.skipped = skipped
        for y in years { c.skipped[y] = note }
        return c
    }

    /// Builds the prefix tables; runs once per calendar, in time linear in the covered days.
    static func buildTables(years: [Int], special: [Int: SpecialDay]) -> Tables {
        guard let first = years.first, let last = years.last,
              let start = CivilDate(year: first, month: 1, day: 1),
              let end = CivilDate(year: last, month: 12, day: 31) else { return Tables() }
        let covered = Set(years)
        var t = Tables()
        t.firstYear = first
        t.coveredYear = (first...last).map { covered.contains($0) }
        t.base = start.dayNumber
        t.count = end.dayNumber - t.base + 1
        t.workBefore = [Int32](repeating: 0, count: t.count + 1)
        t.uncoveredBefore = [Int32](repeating: 0, count: t.count + 1)
        t.workDays.reserveCapacity(t.count * 3 / 4)
        var work: Int32 = 0
        var uncovered: Int32 = 0
        for i in 0..<t.count {
            let dn = t.base + i
            let date = CivilDate(dayNumber: dn)
            if !covered.contains(date.year) {
                uncovered += 1
            } else if WorkCalendar.isWorking(date: date, special: special[dn]) {
                t.workDays.append(Int32(dn))
                work += 1
            }
            t.workBefore[i + 1] = work
            t.uncoveredBefore[i + 1] = uncovered
        }
        return t
    }

    @inline(__always) static func isWorking(date: CivilDate, special: SpecialDay?) -> Bool {
        if let s = special { return !s.isHoliday }
        return !date.isWeekend
    }


    /// `2019–2026`, `2019–2024, 2026`, `none` / `无`.
    static func describeYears(_ years: [Int]) -> Localized {
        guard !years.isEmpty else { return Localized(zh: "无", en: "none") }
        var parts: [String] = []
        var i = 0
        let ys = years.sorted()
        while i < ys.count {
            var j = i
            while j + 1 < ys.count && ys[j + 1] == ys[j] + 1 { j += 1 }
            parts.append(i == j ? "\(ys[i])" : "\(ys[i])–\(ys[j])")
            i = j + 1
        }
        return Localized(zh: parts.joined(separator: "、"), en: parts.joined(separator: ", "))
    }
}
