extension WorkCalendar {
    /// The kind of a date; refuses dates of uncovered years.
    public func dayKind(_ d: CivilDate) throws(CalendarError) -> DayKind {
        try requireCovered(d.year)
        if let s = special[d.dayNumber] { return s.kind }
        return d.isWeekend ? .restDay : .workday
    }

    public func isWorkingDay(_ d: CivilDate) throws(CalendarError) -> Bool {
        try dayKind(d).isWorkingDay
    }

    /// The first working day strictly after `d`.
    public func nextWorkingDay(after d: CivilDate) throws(CalendarError) -> CivilDate {
        try addingWorkingDays(1, after: d)
    }

    /// The `n`-th working day strictly after `d` (Chinese practice: the start day is not counted, so a start on a rest
    /// day counts from the next working day). `n == 0` gives `d` itself. O(1).
    ///
    /// Throws `yearNotCovered` when `d`, the result, or any day in between lies in a year without data, naming the
    /// first such year.
    public func addingWorkingDays(_ n: Int, after d: CivilDate) throws(CalendarError) -> CivilDate {
        guard n >= 0 else { throw .negativeWorkingDays(n) }
        try requireCovered(d.year)
        if n == 0 { return d }
        let t = tables
        let i = d.dayNumber - t.base               // in range: d's year is covered
        // More working days than the whole range holds lands past it (and `+n` must not overflow).
        guard n <= t.workDays.count else { throw notCovered(firstUncoveredYear(after: d.year)) }
        let k = Int(t.workBefore[i + 1]) + n - 1   // index of the answer in workDays
        guard k < t.workDays.count else {
            throw notCovered(firstUncoveredYear(after: d.year))
        }
        let result = Int(t.workDays[k])
        let j = result - t.base
        if t.uncoveredBefore[j + 1] != t.uncoveredBefore[i] {
            throw notCovered(firstUncoveredYear(after: d.year))
        }
        return CivilDate(dayNumber: result)
    }

    /// The number of working days in `(start, end]`: after the start day, up to and including the end day. Negative
    /// when `end` is before `start`. O(1).
    public func workingDays(after start: CivilDate, through end: CivilDate) throws(CalendarError) -> Int {
        if end < start { return try -workingDays(after: end, through: start) }
        try requireCovered(start.year)
        try requireCovered(end.year)
        let t = tables
        let i = start.dayNumber - t.base
        let j = end.dayNumber - t.base
        if t.uncoveredBefore[j + 1] != t.uncoveredBefore[i] {
            throw notCovered(firstUncoveredYear(after: start.year))
        }
        return Int(t.workBefore[j + 1] - t.workBefore[i + 1])
    }

    /// The deadline of a limit of `n` working days starting at `start`: the cut-off time of the `n`-th working day
    /// after the start day. With the default cut-off (86 400 s, 24:00) this is the midnight that begins the next day,
    /// which `Instant.deadlineDescription` shows as `YYYY-MM-DD 24:00`; a cut-off of 17:30 (63 000 s) gives 17:30 of
    /// the `n`-th day (office close).
    public func deadline(workingDays n: Int, from start: Instant,
                         cutoffSecondOfDay cutoff: Int = 86_400) throws(CalendarError) -> Instant {
        guard (0...86_400).contains(cutoff) else { throw .badCutoff(secondOfDay: cutoff) }
        let day = try addingWorkingDays(n, after: start.date)
        return Instant(date: day).adding(seconds: Int64(cutoff))
    }

    /// The working days in `(start, through]`, in order, for explanations ("12-30, 12-31, 01-02…"). Linear in the
    /// answer; refuses uncovered years like the arithmetic.
    public func workingDayList(after start: CivilDate, through end: CivilDate) throws(CalendarError) -> [CivilDate] {
        let n = try workingDays(after: start, through: end)
        guard n > 0 else { return [] }
        let k = Int(tables.workBefore[start.dayNumber - tables.base + 1])
        return tables.workDays[k..<(k + n)].map { CivilDate(dayNumber: Int($0)) }
    }

    /// Holidays and make-up workdays in `(start, through]`, in date order, for explanations that name what a period
    /// crosses. Days of uncovered years are skipped (the arithmetic refuses them separately).
    public func specialDays(after start: CivilDate, through end: CivilDate) -> [SpecialDay] {
        guard end > start else { return [] }
        if end.dayNumber - start.dayNumber > 400 {
            return special.values.filter { $0.date > start && $0.date <= end }.sorted { $0.date < $1.date }
        }
        var out: [SpecialDay] = []
        for dn in (start.dayNumber + 1)...end.dayNumber {
            if let s = special[dn] { out.append(s) }
        }
        return out
    }

    /// Throws `yearNotCovered` unless the calendar has data for `year`.
    @inline(__always)
    public func requireCovered(_ year: Int) throws(CalendarError) {
        let i = year - tables.firstYear
        guard i >= 0, i < tables.coveredYear.count, tables.coveredYear[i] else {
            throw notCovered(year)
        }
    }

    /// The first year after `year` without data (a gap between loaded years, or the year after the last one).
    /// The refusal for a year without data (naming the calendar file that should have given it, if one was skipped).
    func notCovered(_ year: Int) -> CalendarError {
        .yearNotCovered(year: year, covered: years, skipped: skipped[year])
    }

    private func firstUncoveredYear(after year: Int) -> Int {
        var y = year + 1
        while sources[y] != nil { y += 1 }
        return y
    }
}
