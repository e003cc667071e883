import Foundation
import YuqingCore
import YuqingStore

enum RulesVerbs {
    static let entries: [CommandEntry] = [CalendarVerb.entry, policy]

    /// `calendar [YEAR-MONTH]`: a month as a picture.
    struct CalendarVerb: Verb {
        static let spec = CommandSpec(
            name: "calendar", alias: "日历", group: .rules,
            summary: Localized(zh: "工作日历：节假日、调休和工作日计算", en: "the working calendar: holidays, make-up days, working-day arithmetic"),
            synopsis: "calendar [YEAR-MONTH] | calendar check DATE | calendar add TIME Nwd | calendar between TIME TIME | calendar load FILE",
            help: Localized(
                zh: "按国务院办公厅每年公布的节假日安排计算工作日（起算日不计入，期限至第 N 个工作日 24:00；休息日起算的从下一个工作日开始计算）。没有数据的年份拒绝计算。calendar load 载入新一年的安排：时限未能确定或落在该年及以后的案件随即重算（回答说明重算了几件），并记录在案。",
                en: "Working days follow the State Council's yearly holiday notice (the start day is not counted; a limit ends at 24:00 of the Nth working day; a start on a rest day counts from the next working day). Years without data are refused. calendar load adds next year's notice: the cases with a deadline that was unknown or falls in that year or later are recomputed at once (the answer says how many), and the change is logged."),
            examples: ["calendar 2020-01", "calendar check 2020-01-19", "calendar add \"2019-12-27 15:00\" 5wd", "calendar between 2019-12-27T09:00 2020-01-06T09:00", "calendar load 2027.txt"],
            subverbs: [CalendarCheck.entry, CalendarAdd.entry, CalendarBetween.entry, CalendarLoad.entry])

        @Argument(.word, name: "month", help: .both("年-月，如 2020-01（默认本月）", "YEAR-MONTH, e.g. 2020-01 (this month by default)")) var month: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let cal = ws.calendar
            let lang = session.language
            let now = session.now().date
            var year = now.year, month = now.month
            if let text = self.month {
                let a = $month
                guard let (y, m) = ValueParser.yearMonth(text), (1900...9999).contains(y) else {
                    // `calendar chek`: a near miss of a sub-verb rather than a month.
                    if let r = a.range, let near = Parser.nearSubverb(Self.spec, Word(text: text, range: r, quoted: false)) { throw near }
                    throw ShellError(Localized(zh: "应为 年-月，如 2020-01", en: "expected YEAR-MONTH, like 2020-01"), range: a.range)
                }
                year = y
                month = m
            }
            try ShellError.at($month.range) { try cal.requireCovered(year) }
            // The month as data for a program or a spreadsheet: a day a row, shaped like `calendar check`
            // (docs/json.md). `--format json` printed the picture as one string and `--format csv` the picture itself.
            let days = try ShellError.at($month.range) { try MonthPicture.days(year: year, month: month, calendar: cal) }
            if inv.format == .json { return CommandOutput(json: .array(days.map { CalendarJSON.day($0.date, $0.kind) })) }
            if inv.format == .csv {
                return CommandOutput(tables: [Table(columns: CalendarJSON.columns, rows: days.map { CalendarJSON.row($0.date, $0.kind) })])
            }
            return CommandOutput(document: MonthPicture.render(year: year, month: month, days: days, lang: lang))
        }
    }

    struct CalendarCheck: Verb {
        static let spec = CommandSpec(name: "check", alias: "查询", group: .rules, summary: Localized(zh: "某天是工作日、休息日、节假日还是调休上班", en: "what kind of day a date is"),
                                      synopsis: "calendar check DATE")

        @Argument(.date, name: "date", help: .both("日期，如 2020-01-19", "a date, e.g. 2020-01-19")) var date: CivilDate

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let cal = try Workspace.of(session).calendar
            let d = date
            let k = try ShellError.at($date.range) { try cal.dayKind(d) }
            let wd = Localized(zh: ["一", "二", "三", "四", "五", "六", "日"][d.weekday - 1], en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][d.weekday - 1])
            let what: Localized = switch k {
            case .workday: Localized(zh: "工作日", en: "a working day")
            case .restDay: Localized(zh: "休息日", en: "a rest day")
            case .holiday(let n): Localized(zh: "法定节假日（\(n.zh)）", en: "a holiday (\(n.en))")
            case .makeUpWorkday(let n): Localized(zh: "调休上班的工作日（\(n.zh)）", en: "a make-up working day (\(n.en))")
            }
            if inv.format == .json { return CommandOutput(json: CalendarJSON.day(d, k)) }
            return CommandOutput(zh: "\(d)（星期\(wd.zh)）是\(what.zh)。", en: "\(d) (\(wd.en)) is \(what.en).")
        }
    }

    struct CalendarAdd: Verb {
        static let spec = CommandSpec(name: "add", alias: "加", group: .rules, summary: Localized(zh: "计算 N 个工作日后的期限", en: "the deadline N working days after a time"),
                                      synopsis: "calendar add TIME Nwd")

        @Argument(.time, name: "time", help: .both("起算时间，如 2019-12-27T15:00", "the start, e.g. 2019-12-27T15:00")) var time: TimeSpec
        @Argument(.spanOrWorkdays, name: "days", help: .both("工作日数（如 5wd）或时长（如 2h）", "working days (e.g. 5wd) or a span (e.g. 2h)")) var days: SpanOrWorkdays

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let cal = ws.calendar
            let lang = session.language
            let from = try session.resolve(time)
            let n: Int
            switch days {
            case .span(let s):
                if inv.format == .json {
                    return CommandOutput(json: .object([("from", .string(from.iso8601)), ("workdays", .null), ("span", .string(SpanText.code(s))),
                                                        ("due", .string(from.adding(s).iso8601)), ("counted", .array([])), ("special", .array([]))]))
                }
                let words = SpanText.of(s, dayParts: true)
                return CommandOutput(zh: "\(from) 后 \(words.zh) → \(from.adding(s).deadlineDescription)（按自然时间连续计算）。",
                                     en: "\(words.en) after \(from) → \(from.adding(s).deadlineDescription) (elapsed time).")
            case .workdays(let w): n = w
            }
            // As the rules in force count a limit (cut-off and the rest-day-start reading): under `deemed` a start on
            // a rest day is deemed to be the next working day, not counted (calendar add counted from it).
            let extra = ws.engine.restDayExtra(n, from)
            let (due, dayList) = try ShellError.at($days.range) {
                let last = try cal.addingWorkingDays(n + extra, after: from.date)
                return (try ws.engine.workingDeadline(n, from: from),
                        Array(try cal.workingDayList(after: from.date, through: last).dropFirst(extra)))
            }
            let specials = cal.specialDays(after: from.date, through: dayList.last ?? from.date)
            if inv.format == .json {
                return CommandOutput(json: .object([
                    ("from", .string(from.iso8601)), ("workdays", .int(n)), ("span", .null), ("due", .string(due.iso8601)),
                    ("counted", .array(dayList.map { .string($0.description) })),
                    ("special", .array(specials.map { CalendarJSON.day($0.date, $0.isHoliday ? .holiday(name: $0.name) : .makeUpWorkday(name: $0.name)) }))]))
            }
            let counted = dayList.isEmpty ? (lang == .zh ? "无" : "none") : dayList.count <= 15 ? dayList.map(\.shortDescription).joined(separator: lang == .zh ? "、" : ", ") : "\(dayList.first?.shortDescription ?? "") … \(dayList.last?.shortDescription ?? "")"
            // Holiday periods in one phrase each, as `why` names them (Spring Festival was ten "… holiday" items).
            var sp = SpecialDay.periods(specials)
            if extra > 0, let deemed = try? cal.nextWorkingDay(after: from.date) {
                sp.append(Localized(zh: "视为 \(deemed.shortDescription) 起算，当日不计（现行解读 rest-day-start deemed）",
                                    en: "deemed to start on \(deemed.shortDescription), not counted (reading rest-day-start deemed)"))
            }
            return CommandOutput(zh: "\(from) 后 \(n) 个工作日 → \(due.deadlineDescription)（计入：\(counted)\(sp.isEmpty ? "" : "；" + sp.map(\.zh).joined(separator: "；"))）。",
                                 en: "\(RuleClock.workingDays(n).text.en) after \(from) → \(due.deadlineDescription) (counted: \(counted)\(sp.isEmpty ? "" : "; " + sp.map(\.en).joined(separator: "; "))).")
        }
    }

    struct CalendarBetween: Verb {
        static let spec = CommandSpec(name: "between", alias: "间隔", group: .rules, summary: Localized(zh: "两个时间之间的工作日数", en: "working days between two times"),
                                      synopsis: "calendar between TIME TIME")

        @Argument(.time, name: "from", help: .both("起始时间", "the start")) var from: TimeSpec
        @Argument(.time, name: "to", help: .both("截止时间", "the end")) var to: TimeSpec

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let cal = try Workspace.of(session).calendar
            let t1 = try session.resolve(from), t2 = try session.resolve(to)
            let start = min(t1, t2).date, later = max(t1, t2)
            // An end at 24:00 (midnight) closes the day before: `… 2020-01-06T24:00` counts through 01-06, as the
            // deadline it is written like (it counted 01-07 too).
            let end = later.secondOfDay == 0 && later.date > start ? later.date.adding(days: -1) : later.date
            let n = try ShellError.at($from.range) { try cal.workingDays(after: start, through: end) }
            if inv.format == .json {
                return CommandOutput(json: .object([("from", .string(start.description)), ("to", .string(end.description)),
                                                    ("workdays", .int(n))]))
            }
            return CommandOutput(zh: "\(start) 之后至 \(end)（含）共 \(n) 个工作日。",
                                 en: "\(RuleClock.workingDays(n).text.en) after \(start) up to and including \(end).")
        }
    }

    struct CalendarLoad: Verb {
        static let spec = CommandSpec(name: "load", alias: "载入", group: .rules, summary: Localized(zh: "载入节假日安排文件", en: "load a holiday file"),
                                      synopsis: "calendar load FILE", mutates: true)

        @Argument(.path, name: "file", help: .both("节假日安排文件（格式见 docs/rules.md）", "a holiday file (format in docs/rules.md)")) var file: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let cal = ws.calendar
            let a = $file, path = file
            let at = try session.effectiveTime(inv)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ShellError(Localized(zh: "无法读取文件 \(path)", en: "cannot read \(path)"), range: a.range, kind: .notFound)
            }
            let loaded: WorkCalendar
            do throws(CalendarError) { loaded = try WorkCalendar.parse(text, file: path) } catch {
                throw RulesVerbs.report(error, in: text, file: path, at: a.range, session)
            }
            // An empty file (or one of comments) declares no year: it loaded nothing but said "Loaded the holidays
            // of ." and logged a load.
            guard !loaded.years.isEmpty else {
                throw ShellError(Localized(zh: "\(path) 没有声明年份，未载入任何内容：每一年以 `year 年份 来源` 一行开头（见 docs/rules.md）",
                                           en: "\(path) declares no year, so nothing was loaded: each year starts with a line `year YYYY source` (docs/rules.md)"),
                                 range: a.range, kind: .data)
            }
            try ws.saveUserCalendar(text, years: loaded.years)
            let n = try ws.update(calendar: cal.merging(loaded), calendarYears: loaded.years)
            try ws.storeCall {
                try ws.store.write { tx in
                    try tx.append(NewEvent(caseID: nil, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .calendarLoaded(years: loaded.years, source: path)), expectedVersion: nil)
                }
            }
            // Chinese lists years with 、 (已载入 2027、2028 年), English with commas.
            let ys = Localized(zh: loaded.years.map(String.init).joined(separator: "、"), en: loaded.years.map(String.init).joined(separator: ", "))
            let done = Workspace.recomputed(n)
            return CommandOutput(messages: [Localized(zh: "已载入 \(ys.zh) 年的节假日安排。\(done.zh)", en: "Loaded the holidays of \(ys.en). \(done.en)")], effective: at)
        }
    }

    /// A parse error of a holiday file shown as script errors are: `file:line:column: error: …`, the line and a
    /// caret under the bad field (written to standard error here, as `policy use FILE` does); the error returned says
    /// at the command that nothing was loaded. Without a run context the error itself carries the position.
    static func report(_ error: CalendarError, in text: String, file path: String, at range: SourceRange?,
                       _ session: Session) -> ShellError {
        guard let p = error.position, let sink = session.runContext?.sink else { return ShellError(error, range: range) }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let line = p.line >= 1 && p.line <= lines.count ? String(lines[p.line - 1]) : nil
        let e = ShellError(error.detail, range: SourceRange(file: path, line: p.line, column: p.column, length: p.length),
                           hint: error.hint, kind: error.kind)
        sink.err(Diagnostics.render(e, line: line, language: session.language, color: sink.color, width: sink.errWidth))
        return ShellError(Localized(zh: "节假日安排文件 \(path) 有误，未载入任何内容", en: "the holiday file \(path) has an error; nothing was loaded"),
                          range: range, kind: error.kind)
    }

    static let policy = CommandEntry(group: CommandSpec(
        name: "policy", alias: "制度", group: .rules,
        summary: Localized(zh: "时限制度：查看、切换或修改规则", en: "the rules in force: show, switch or edit"),
        synopsis: "policy show | policy use NAME|FILE | policy name|rule|set|cutoff|remove|reading|supervision|score …",
        help: Localized(
            zh: "内置 mingguang（明光市政务舆情回应制度，默认）和 national（国办发〔2016〕61号、80号）。制度文件就是一串 policy 语句（见 docs/rules.md），可复制修改后用 policy use FILE 启用；切换后所有案件时限重算。",
            en: "Built in: mingguang (the default) and national (State Council 2016 No. 61 and 80). A profile is a script of policy lines (docs/rules.md): copy one, edit it and enable it with policy use FILE; every case's deadlines are then recomputed."),
        examples: ["policy show", "policy use national", "policy use 我市制度.yq", "policy set verify limit 7wd", "policy supervision account-after 3d"],
        subverbs: [PolicyShow.entry, PolicyUse.entry, PolicyExport.entry] + PolicyLine.entries))

    struct PolicyShow: Verb {
        static let spec = CommandSpec(name: "show", alias: "查看", group: .rules, summary: Localized(zh: "列出现行规则及条款", en: "list the rules with their articles"))

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let p = ws.policy
            let rows: [[Cell]] = p.rules.map { r in
                [.text(r.id), .localized(r.citation), .localized(r.title), .text(r.clock.code), .localized(r.clock.text), .localized(r.about)]
            }
            // The readings where the text leaves room (docs/rules.md, "Readings"): value in force and default.
            let readings = p.readings.rows
            let readingRows: [[Cell]] = readings.map { r in
                [.text(r.key), .text(r.value), .text(r.defaultValue), .text(r.values.joined(separator: " | ")), .localized(r.article), .localized(r.meaning)]
            }
            let settings = try SupervisionData.settings(ws)
            var srows: [[Cell]] = settings.described.map { d in
                [.text(d.key), .text(d.value), .localized(d.article), .localized(d.title), .localized(d.meaning)]
            }
            let f = settings.formula
            let weights = ScoreFormula.keys.filter { f.weight($0) != 0 }
                .map { Localized(zh: "\(ScoreFormula.label($0).zh) \(Points.text(f.weight($0)))", en: "\($0) \(Points.text(f.weight($0)))") }
            let local = f != p.supervision.formula
            srows.append([.text("score"), .localized(Localized(zh: local ? "本地修改" : "制度", en: local ? "local" : "profile")), .localized(Article.cite("12")),
                          .localized(Localized(zh: "考核计分公式", en: "the score formula")),
                          .localized(Localized(zh: "起始 \(Points.text(f.startTenths)) 分，" + weights.map(\.zh).joined(separator: "，") + "（score formula 列出全部计分项）",
                                               en: "start \(Points.text(f.startTenths)); " + weights.map(\.en).joined(separator: ", ") + " (score formula lists every key)"))])
            var out = CommandOutput(tables: [Table(title: Localized(zh: "\(p.title.zh)（\(p.name)）", en: "\(p.title.en) (\(p.name))"), columns: [
                Column("rule", Localized(zh: "规则", en: "rule")), Column("article", Localized(zh: "条款", en: "article")),
                Column("title", Localized(zh: "事项", en: "title"), wraps: true), Column("limit", Localized(zh: "时限", en: "limit"), dataOnly: true),
                Column("limit_text", Localized(zh: "时限", en: "limit"), wraps: true), Column("about", Localized(zh: "内容", en: "rule text"), wraps: true),
            ], rows: rows), Table(title: Localized(zh: "条文解读（policy reading）", en: "Readings (policy reading)"), columns: [
                Column("reading", Localized(zh: "设置项", en: "reading")), Column("value", Localized(zh: "现行", en: "in force")),
                // On a narrow terminal the key stays whole (it is what `policy reading KEY VALUE` takes): the default
                // goes first, then the values (`help policy reading` and docs/rules.md give both); the article wraps.
                Column("default", Localized(zh: "默认", en: "default"), dropRank: 1), Column("values", Localized(zh: "可选", en: "values"), dropRank: 2),
                Column("article", Localized(zh: "条款", en: "article"), wraps: true), Column("meaning", Localized(zh: "含义", en: "meaning"), wraps: true),
            ], rows: readingRows),
            Table(title: Localized(zh: "督查考核设置（第五、六、十二、十三条；policy supervision、policy score）",
                                   en: "Supervision settings (Art. 5, 6, 12, 13; policy supervision, policy score)"), columns: [
                Column("key", Localized(zh: "设置", en: "setting")), Column("value", Localized(zh: "值", en: "value")),
                Column("article", Localized(zh: "条款", en: "article")), Column("title", Localized(zh: "事项", en: "what it decides"), wraps: true),
                Column("meaning", Localized(zh: "含义", en: "meaning"), wraps: true),
            ], rows: srows)])
            out.json = .object([("name", .string(p.name)), ("cutoff", .int(p.cutoffSecondOfDay)), ("rules", .array(p.rules.map { r in
                .object([("id", .string(r.id)), ("article", .string(r.article)), ("title", .string(r.title.en)), ("title_zh", .string(r.title.zh)),
                         ("limit", .string(r.clock.code))])
            })), ("readings", .array(readings.map { r in
                .object([("key", .string(r.key)), ("value", .string(r.value)), ("default", .string(r.defaultValue))])
            })), ("supervision", .object(settings.described.map { ($0.key, .string($0.value)) }
                                        + [("score_local", .bool(local)), ("score", .object([("start", .tenths(f.startTenths)), ("floor", f.floorTenths.map { .tenths($0) } ?? .null)]
                                            + ScoreFormula.keys.map { ($0, .tenths(f.weight($0))) }))]))])
            return out
        }
    }

    struct PolicyUse: Verb {
        static let spec = CommandSpec(name: "use", alias: "启用", group: .rules, summary: Localized(zh: "启用内置制度或制度文件", en: "enable a built-in profile or a file"),
                                      synopsis: "policy use NAME|FILE", mutates: true)

        @Argument(.path, name: "profile", help: .both("内置制度（mingguang、national）或制度文件", "a built-in profile (mingguang, national) or a profile file")) var profile: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let a = $profile, name = profile
            let at = try session.effectiveTime(inv)
            var changed = EventBody.policyChanged(name: name)
            var source = Localized("")
            let n: Int
            if let p = Policy.builtIns[name] {
                n = try ws.update(policy: p)
                try ws.storeCall { try ws.store.write { tx in try tx.setMeta(SettingKeys.policy, name) } }
            } else {
                guard let data = FileManager.default.contents(atPath: name), let text = String(data: data, encoding: .utf8) else {
                    // `policy use natonal`: the built-in profile it is a near miss of.
                    let near = Suggest.nearest(name, among: Policy.builtIns.keys.sorted())
                    throw ShellError(Localized(zh: "没有内置制度或文件“\(name)”（内置：mingguang、national）", en: "no built-in profile or file “\(name)” (built in: mingguang, national)"),
                                     range: a.range,
                                     hint: near.map { Localized(zh: "是不是 policy use \($0)？", en: "did you mean `policy use \($0)`?") },
                                     kind: .notFound)
                }
                // Read as data: `policy …` lines only, never run as commands.
                let p: Policy
                do throws(ShellError) { p = try PolicyProfile.parse(text, file: name) } catch {
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    let line = error.range.flatMap { r in r.line >= 1 && r.line <= lines.count ? String(lines[r.line - 1]) : nil }
                    session.runContext?.sink.err(Diagnostics.render(error, line: line, language: session.language,
                                                                    width: session.runContext?.sink.errWidth))
                    throw ShellError(Localized(zh: "制度文件 \(name) 有误，未启用", en: "the profile \(name) has errors; not enabled"),
                                     range: a.range, kind: .data, reported: false)
                }
                // A file may not pass for a built-in profile: the log and `policy show` name it by its own name.
                if let builtIn = Policy.builtIns[p.name], builtIn != p {
                    throw ShellError(Localized(zh: "制度文件 \(name) 自称内置制度 \(p.name)，但内容不同：请用 `policy name` 给它自己的名称",
                                               en: "the profile \(name) calls itself the built-in \(p.name) but differs from it: give it a name of its own with `policy name`"),
                                     range: a.range, kind: .data)
                }
                let fp = PolicyProfile.fingerprint(text)
                changed = .policyChanged(name: p.name, fingerprint: fp, source: name)
                source = Localized(zh: "，来自文件 \(name)（sha256 \(fp.prefix(12))）", en: " from \(name) (sha256 \(fp.prefix(12)))")
                n = try ws.update(policy: p)
                try ws.storeCall { try ws.store.write { tx in try tx.setMeta(SettingKeys.policy, "file:" + text) } }
            }
            try ws.storeCall {
                try ws.store.write { tx in
                    try tx.append(NewEvent(caseID: nil, actor: session.actor, effective: at, recorded: session.now(),
                                           body: changed), expectedVersion: nil)
                }
            }
            let done = Workspace.recomputed(n)
            return CommandOutput(messages: [Localized(zh: "已启用制度 \(ws.policy.title.zh)（\(ws.policy.name)\(source.zh)）。\(done.zh)",
                                                      en: "Now using \(ws.policy.title.en) (\(ws.policy.name)\(source.en)). \(done.en)")], effective: at)
        }
    }

    /// `policy export NAME`: a built-in profile as the script `policy use FILE` reads, to copy and edit.
    struct PolicyExport: Verb {
        static let spec = CommandSpec(
            name: "export", alias: "导出", group: .rules,
            summary: Localized(zh: "把内置制度输出为制度文件（复制修改后用 policy use FILE 启用）",
                               en: "print a built-in profile as a profile file (copy, edit, then policy use FILE)"),
            help: Localized(
                zh: "输出内置制度的全部 policy 语句。把它存为文件（如 `yuqing -c 'policy export mingguang' > 我市制度.yq`），按本市制度修改后用 `policy use 我市制度.yq` 启用。语法见 docs/rules.md。",
                en: "Prints every policy line of a built-in profile. Save it as a file (`yuqing -c 'policy export mingguang' > city.yq`), change it to your city's rules and enable it with `policy use city.yq`. The syntax is in docs/rules.md."),
            examples: ["policy export mingguang", "policy export national"])

        @Argument(.choice(Policy.builtInLines.map { Choice($0.key, zh: $0.key) }), name: "profile",
                  help: Localized(zh: "内置制度名", en: "built-in profile")) var profile: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            guard let lines = Policy.builtInLines.first(where: { $0.key == profile })?.value, let p = Policy.builtIns[profile] else {
                throw ShellError(zh: "没有内置制度 \(profile)", en: "no built-in profile \(profile)", range: $profile.range, kind: .notFound)
            }
            let head = "# \(p.title.zh)\n# \(p.title.en)\n"
                + "# yuqing 内置制度 `\(profile)`：复制修改后用 `policy use 文件` 启用；语法见 docs/rules.md。\n"
                + "# yuqing's built-in profile `\(profile)`: copy it, edit it, enable it with `policy use FILE`; syntax in docs/rules.md.\n"
            return CommandOutput(document: head + "\n" + Policy.script(lines: lines, quote: Recorder.quote))
        }
    }

    /// One line of a profile (`policy set verify limit 7wd`) typed at the prompt: it changes the policy in force for
    /// the session, and the change is logged. Profile files are read as data by `PolicyProfile`, not through here.
    /// The words go to the core's `Policy.apply`.
    struct PolicyLine: Verb {
        static let lines: [(name: String, alias: String, usage: String, summary: Localized)] = [
            ("name", "名称", "policy name NAME [中文名 [English name]]", Localized(zh: "制度名称", en: "the profile's name")),
            ("cutoff", "截止", "policy cutoff HH:MM", Localized(zh: "工作日期限的截止时刻（默认 24:00）", en: "the time of day a working-day limit ends (24:00 by default)")),
            ("rule", "规则", "policy rule RULE ARTICLE", Localized(zh: "新增一条规则", en: "add a rule")),
            ("set", "设定", "policy set RULE KEY VALUE…", Localized(zh: "设定规则的一项（title、about、limit、from … to …、applies…）", en: "set one key of a rule (title, about, limit, from … to …, applies…)")),
            ("remove", "删除", "policy remove RULE", Localized(zh: "删除一条规则", en: "remove a rule")),
            ("reading", "解读", "policy reading KEY VALUE",
             // From the readings themselves: the list written here had left out escalation-from.
             Localized(zh: "设定条文留有余地之处的解读（\(PolicyReadings.keys.joined(separator: "、"))；见 policy show）",
                       en: "set a reading where the text leaves room (\(PolicyReadings.keys.joined(separator: ", ")); see policy show)")),
            ("supervision", "督查", "policy supervision KEY VALUE…", Localized(zh: "督查考核设置（patrol-duty、patrol-model、unclaimed、account-after、account-levels）", en: "a supervision setting (patrol-duty, patrol-model, unclaimed, account-after, account-levels)")),
            ("score", "计分", "policy score KEY VALUE", Localized(zh: "考核计分公式的一项（制度中的公式；score formula 可在本地修改）", en: "one key of the profile's score formula (score formula changes it locally)")),
        ]

        static var entries: [CommandEntry] {
            lines.map { l in
                var e = PolicyLine.entry
                e.editSpec { s in
                    s.name = l.name
                    s.alias = l.alias
                    s.synopsis = l.usage
                    s.summary = l.summary
                    s.help = Localized(zh: l.summary.zh + "。语法见 docs/rules.md。", en: l.summary.en + ". The syntax is in docs/rules.md.")
                    // Tab offers the readings' keys, then the typed key's values.
                    if l.name == "reading" { s.keyedWords = PolicyReadings.keyValues.map { KeyedWords($0.key, $0.values) } }
                }
                return e
            }
        }

        static let spec = CommandSpec(name: "line", alias: "", group: .rules, summary: Localized(""))

        @Argument(.expression, name: "words", help: Localized(zh: "这一行其余的词（见 docs/rules.md）", en: "the rest of the line (see docs/rules.md)"))
        var words: WordList?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let at = try session.effectiveTime(inv)
            // The sub-verb word itself (as typed, for carets) and its canonical name (which `Policy.apply` reads).
            let command = inv.words.count > 1 ? inv.words[1] : Word(text: inv.spec.name, range: inv.verbRange, quoted: false)
            let args = words?.words ?? []
            let all = [command] + args
            let texts = [inv.spec.name] + args.map(\.text)
            var p = ws.policy
            // A refused line points at the word `Policy.apply` names.
            do throws(PolicyError) { try p.apply(words: texts) } catch {
                throw ShellError(error, range: all[min(max(error.wordIndex, 0), all.count - 1)].range)
            }
            let n = try ws.update(policy: p)
            let line = (["policy"] + texts).joined(separator: " ")
            try ws.storeCall {
                try ws.store.write { tx in
                    try tx.append(NewEvent(caseID: nil, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .policyChanged(name: p.name, fingerprint: nil, source: line)), expectedVersion: nil)
                }
            }
            if ["supervision", "score"].contains(inv.spec.name) {
                return CommandOutput(zh: "督查考核设置已修改（本次会话有效）；时限不受影响。", en: "Supervision setting changed for this session; no deadline moves.")
            }
            let done = Workspace.recomputed(n)
            return CommandOutput(zh: "制度已修改（本次会话有效）。\(done.zh)", en: "Policy changed for this session. \(done.en)")
        }
    }
}

/// A month as a small picture: 休 marks holidays, 班 make-up working days. Every day takes five columns on the
/// screen — two digits, a mark two columns wide (休 and 班 are wide characters; a weekend is ` ·`) and a space — so
/// that the days stand under their weekday however they are marked.
enum MonthPicture {
    /// Each day of the month with its kind, as the calendar data says (the picture and the JSON and CSV rows).
    static func days(year: Int, month: Int, calendar: WorkCalendar) throws -> [(date: CivilDate, kind: DayKind)] {
        var days: [(date: CivilDate, kind: DayKind)] = []
        for day in 1...CivilDate.daysInMonth(year: year, month: month) {
            guard let d = CivilDate(year: year, month: month, day: day) else { continue }
            days.append((date: d, kind: try calendar.dayKind(d)))
        }
        return days
    }

    static func render(year: Int, month: Int, days: [(date: CivilDate, kind: DayKind)], lang: Language) -> String {
        guard let first = CivilDate(year: year, month: month, day: 1) else { return "" }
        let title = lang == .zh ? "\(year)年\(month)月" : "\(["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][month - 1]) \(year)"
        var lines = [title, lang == .zh ? " 一    二    三    四    五    六    日" : " Mo   Tu   We   Th   Fr   Sa   Su"]
        var line = String(repeating: " ", count: 5 * (first.weekday - 1))
        // Notes on the special days; a run of days off under one name is written as a range (01-24–01-31 春节).
        var notes: [(first: CivilDate, last: CivilDate, text: String)] = []
        func note(_ d: CivilDate, _ text: String) {
            if let l = notes.last, l.text == text, l.last.adding(days: 1) == d {
                notes[notes.count - 1].last = d
            } else {
                notes.append((d, d, text))
            }
        }
        for (d, kind) in days {
            let n = d.day < 10 ? " \(d.day)" : "\(d.day)"
            switch kind {
            case .holiday(let name):
                line += n + "休 "
                note(d, name.text(lang))
            case .makeUpWorkday(let name):
                line += n + "班 "
                note(d, lang == .zh ? "调休上班（\(name.zh)）" : "make-up workday (\(name.en))")
            case .restDay: line += n + " · "
            case .workday: line += n + "   "
            }
            if d.weekday == 7 {
                lines.append(line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
                line = ""
            }
        }
        if !line.isEmpty { lines.append(line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)) }
        lines.append(lang == .zh ? "休 = 法定节假日  班 = 调休上班  · = 周末" : "休 = holiday  班 = make-up working day  · = weekend")
        // A note a line (one line of all of them ran past an 80-column screen and broke inside a word).
        for n in notes {
            lines.append((n.first == n.last ? n.first.shortDescription : "\(n.first.shortDescription)–\(n.last.shortDescription)") + " " + n.text)
        }
        return lines.joined(separator: "\n")
    }
}

/// The JSON of a calendar day (docs/json.md, `calendar check`), and the same keys as a CSV row (`calendar MONTH`).
enum CalendarJSON {
    static func code(_ k: DayKind) -> (kind: String, name: Localized?) {
        switch k {
        case .workday: ("workday", nil)
        case .restDay: ("rest", nil)
        case .holiday(let n): ("holiday", n)
        case .makeUpWorkday(let n): ("makeup", n)
        }
    }

    static let columns = [Column("date", Localized(zh: "日期", en: "date")), Column("weekday", Localized(zh: "星期", en: "weekday")),
                          Column("kind", Localized(zh: "类别", en: "kind")), Column("working", Localized(zh: "工作日", en: "working")),
                          Column("name", Localized(zh: "节日（英文）", en: "name")), Column("name_zh", Localized(zh: "节日", en: "name (Chinese)"))]

    static func row(_ d: CivilDate, _ k: DayKind) -> [Cell] {
        let (kind, name) = code(k)
        return [.text(d.description), .integer(d.weekday), .text(kind), .text(k.isWorkingDay ? "true" : "false"),
                name.map { .text($0.en) } ?? .empty, name.map { .text($0.zh) } ?? .empty]
    }

    static func day(_ d: CivilDate, _ k: DayKind) -> JSONValue {
        let (kind, name) = code(k)
        return .object([("date", .string(d.description)), ("weekday", .int(d.weekday)), ("kind", .string(kind)),
                        ("working", .bool(k.isWorkingDay)), ("name", name.map { .string($0.en) } ?? .null),
                        ("name_zh", name.map { .string($0.zh) } ?? .null)])
    }
}
