import YuqingCore

extension ShellVerbs {
    static func describeClock(_ session: Session) -> Localized {
        let now = session.clock.now()
        let zhDays = ["一", "二", "三", "四", "五", "六", "日"]
        let enDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let wd = now.date.weekday - 1
        let simulated = !(session.clock is SystemClock)
        return Localized(zh: "现在是 \(now.description)（星期\(zhDays[wd])，\(simulated ? "模拟时钟" : "系统时钟")）",
                         en: "It is \(now.description) (\(enDays[wd]), \(simulated ? "simulated clock" : "system clock")).")
    }

    /// On a real store a simulated clock is an administrator's (the command table says so) and is logged; the
    /// recorded time of every event stays the system's. Drills and scratch stores keep theirs freely.
    static func logClock(_ session: Session, to: Instant?) throws(ShellError) {
        try session.service(Workspace.self)?.logSimulatedClock(session, to: to)
    }

    /// The years a simulated clock may reach: from the calendar's first year to the year after its last (the real
    /// clock is there too before the State Council's notice is loaded, and deadlines are then shown as unknown);
    /// 1970–2099 with no calendar. Repeated `clock advance 3650d` stops there instead of running on for ever.
    static func clockReach(_ session: Session) -> ClosedRange<Int> {
        if let years = session.service(Workspace.self)?.calendar.years, let first = years.first, let last = years.last {
            return first...(last + 1)
        }
        return 1970...2099
    }

    /// Refuses a simulated time outside `clockReach`, before the clock moves.
    static func checkReach(_ t: Instant, _ session: Session, range: SourceRange?) throws(ShellError) {
        let reach = clockReach(session)
        guard !reach.contains(t.date.year) else { return }
        throw ShellError(Localized(
            zh: "模拟时钟只能设在日历覆盖的年份及其下一年内（\(reach.lowerBound)–\(reach.upperBound) 年），\(t.date.year) 年超出范围；时钟未改动",
            en: "the simulated clock stays within the years the calendar covers and the next (\(reach.lowerBound)–\(reach.upperBound)); \(t.date.year) is outside, and the clock did not move"),
            range: range,
            hint: Localized(zh: "先用 calendar load 载入该年的节假日安排", en: "load that year's holiday arrangement first with `calendar load`"),
            kind: .usage)
    }

    /// The session's simulated clock, switching to one (starting now) if the clock is the real one.
    static func simulated(_ session: Session) -> SimulatedClock {
        if let s = session.clock as? SimulatedClock { return s }
        let s = SimulatedClock(session.clock.now())
        session.clock = s
        return s
    }

    /// `clock`: shows the time.
    struct ClockVerb: Verb {
        static let spec = CommandSpec(
            name: "clock", alias: "时钟", group: .shell,
            summary: .both("显示、设定或拨快时间（演练用模拟时钟）", "show, set or advance the time (simulated clock for drills)"),
            synopsis: "clock [set TIME | advance SPAN | real]",
            help: .both("不带参数时显示当前时间。clock set / clock advance 切换到模拟时钟（只能在日历覆盖的年份及其下一年内）；clock real 回到系统时钟。模拟时钟只决定生效时间（相当于 --at），事件的记录时间始终取系统时钟；在正式数据库上只有管理员可以使用模拟时钟，并记入日志；临时数据库不受此限；演练中时钟由导调用 drill next / drill advance 推进，clock 子命令被拒绝（并记入日志）。",
                        "Without arguments shows the time. `clock set` and `clock advance` switch to a simulated clock (within the years the calendar covers and the next); `clock real` returns to the system clock. A simulated clock sets effective times only (like --at): every event's recorded time is the system's. On a real store only an administrator may simulate the clock, and it is logged; scratch stores are free to; in a drill the clock is exercise control's (`drill next`, `drill advance`) and the clock sub-verbs are refused (and logged)."),
            examples: ["clock", "clock set 2019-12-19T09:00", "clock advance 2h", "clock advance 1wd", "时钟 设置 \"2019-12-27 15:00\""],
            subverbs: [ClockSet.entry, ClockAdvance.entry, ClockReal.entry])

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            CommandOutput(describeClock(session))
        }
    }

    struct ClockSet: Verb {
        static let spec = CommandSpec(
            name: "set", alias: "设置", group: .shell,
            summary: .both("把模拟时钟设为某一时间", "set the simulated clock to a time"),
            synopsis: "clock set TIME",
            examples: ["clock set 2019-12-19T09:00", "clock set +1h"])

        @Argument(.time, name: "TIME", help: .both("新的当前时间", "the new current time")) var time: TimeSpec

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let target = try ShellError.at($time.range) { try session.resolve(time) }
            try checkReach(target, session, range: $time.range)
            simulated(session).set(target)
            try logClock(session, to: target)
            return CommandOutput(describeClock(session))
        }
    }

    struct ClockAdvance: Verb {
        static let spec = CommandSpec(
            name: "advance", alias: "前进", group: .shell,
            summary: .both("把模拟时钟拨快一段时间（或若干工作日，至多 3,650 天，不超出日历覆盖的年份及其下一年）",
                           "move the simulated clock forward by a span (or working days; at most 3,650 days, within the calendar's years and the next)"),
            synopsis: "clock advance SPAN",
            help: .both("时长按钟点拨快（2h、3d）；Nwd 拨到第 N 个工作日的同一时刻（周五 10:00 前进 1wd 为周一 10:00，休息日从下一个工作日起算）。与之不同，作为时间写的 +Nwd（clock set +1wd、--due +3wd）是期限，止于第 N 个工作日 24:00。至多 3,650 天，不超出日历覆盖的年份及其下一年。",
                        "A span moves the clock by clock time (2h, 3d); Nwd moves it to the same time of day on the Nth working day (Friday 10:00 advanced 1wd is Monday 10:00; a rest day counts from the next working day). A time written +Nwd (clock set +1wd, --due +3wd) is a deadline instead: it ends at 24:00 of the Nth working day. At most 3,650 days, within the calendar's years and the next."),
            examples: ["clock advance 30m", "clock advance 2wd"])

        @Argument(.spanOrWorkdays, name: "SPAN", help: .both("时长，如 2h、1h30m、3wd", "a span such as 2h, 1h30m, 3wd")) var span: SpanOrWorkdays

        /// `clock advance Nwd`: the same time of day on the N-th working day after today (Friday 10:00 → Monday 10:00;
        /// a Saturday counts from Monday), as a person's working day moves on. A deadline of N working days ends at
        /// 24:00 instead (`+1wd` as a time, `calendar add`): advancing to it would put the clock at 00:00 of the day
        /// after, not at the time the user was at.
        static func workdaysLater(_ n: Int, _ session: Session, range: SourceRange?) throws(ShellError) -> Instant {
            guard let calendar = session.service(Workspace.self)?.calendar else {
                return try ShellError.at(range) { try session.resolve(.relativeWorkdays(n)) }
            }
            let now = session.clock.now()
            let day = try ShellError.at(range) { try calendar.addingWorkingDays(n, after: now.date) }
            return Instant(date: day).adding(seconds: Int64(now.secondOfDay))
        }

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let target: Instant
            switch span {
            case .span(let s): target = session.clock.now().adding(s)
            case .workdays(let n): target = try Self.workdaysLater(n, session, range: $span.range)
            }
            try checkReach(target, session, range: $span.range)
            let clock = simulated(session)
            clock.set(target)
            try logClock(session, to: clock.now())
            return CommandOutput(describeClock(session))
        }
    }

    struct ClockReal: Verb {
        static let spec = CommandSpec(
            name: "real", alias: "实时", group: .shell,
            summary: .both("回到系统时钟", "go back to the system clock"), synopsis: "clock real")

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            session.clock = SystemClock()
            try logClock(session, to: nil)
            return CommandOutput(describeClock(session))
        }
    }
}
