import Foundation
import YuqingCore
import YuqingStore

enum RulesVerbs {
    static let entries: [CommandEntry] = [calendar, policy]

    static func calendarError(_ e: CalendarError, _ range: SourceRange?) -> ShellError {
        ShellError(e.message, range: range, kind: .data)
    }

    static let calendar = CommandEntry(spec: CommandSpec(
        name: "calendar", alias: "日历", group: .rules,
        summary: Localized(zh: "工作日历：节假日、调休和工作日计算", en: "the working calendar: holidays, make-up days, working-day arithmetic"),
        synopsis: "calendar [YEAR-MONTH] | calendar check DATE | calendar add TIME Nwd | calendar between TIME TIME | calendar load FILE",
        help: Localized(
            zh: "按国务院办公厅每年公布的节假日安排计算工作日（起算日不计入，期限至第 N 个工作日 24:00；休息日起算的从下一个工作日开始计算）。没有数据的年份拒绝计算。calendar load 载入新一年的安排，所有未办结案件的时限随即重算并记录。",
            en: "Working days follow the State Council's yearly holiday notice (the start day is not counted; a limit ends at 24:00 of the Nth working day; a start on a rest day counts from the next working day). Years without data are refused. calendar load adds next year's notice; every open case's deadlines are recomputed and the change is logged."),
        examples: ["calendar 2020-01", "calendar check 2020-01-19", "calendar add \"2019-12-27 15:00\" 5wd", "calendar between 2019-12-27 2020-01-06", "calendar load 2027.txt"],
        positionals: [ArgSpec("month", .word, optional: true)],
        subverbs: [
            CommandSpec(name: "check", alias: "查询", group: .rules, summary: Localized(zh: "某天是工作日、休息日、节假日还是调休上班", en: "what kind of day a date is"),
                        synopsis: "calendar check DATE", positionals: [ArgSpec("date", .date)]),
            CommandSpec(name: "add", alias: "加", group: .rules, summary: Localized(zh: "计算 N 个工作日后的期限", en: "the deadline N working days after a time"),
                        synopsis: "calendar add TIME Nwd", positionals: [ArgSpec("time", .time), ArgSpec("days", .spanOrWorkdays)]),
            CommandSpec(name: "between", alias: "间隔", group: .rules, summary: Localized(zh: "两个时间之间的工作日数", en: "working days between two times"),
                        synopsis: "calendar between TIME TIME", positionals: [ArgSpec("from", .time), ArgSpec("to", .time)]),
            CommandSpec(name: "load", alias: "载入", group: .rules, summary: Localized(zh: "载入节假日安排文件", en: "load a holiday file"),
                        synopsis: "calendar load FILE", positionals: [ArgSpec("file", .path)], mutates: true),
        ]
    )) { inv, session throws(ShellError) in
        let ws = try Workspace.of(session)
        let cal = ws.calendar
        let lang = session.language
        switch inv.subverb?.name {
        case "check":
            guard let a = inv.positional(0), let d = a.date else { throw ShellError(zh: "缺少日期", en: "a date is required", range: inv.verbRange) }
            let k: DayKind
            do throws(CalendarError) { k = try cal.dayKind(d) } catch { throw calendarError(error, a.range) }
            let wd = Localized(zh: ["一", "二", "三", "四", "五", "六", "日"][d.weekday - 1], en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][d.weekday - 1])
            let what: Localized = switch k {
            case .workday: Localized(zh: "工作日", en: "a working day")
            case .restDay: Localized(zh: "休息日", en: "a rest day")
            case .holiday(let n): Localized(zh: "法定节假日（\(n.zh)）", en: "a holiday (\(n.en))")
            case .makeUpWorkday(let n): Localized(zh: "调休上班的工作日（\(n.zh)）", en: "a make-up working day (\(n.en))")
            }
            return CommandOutput(zh: "\(d)（星期\(wd.zh)）是\(what.zh)。", en: "\(d) (\(wd.en)) is \(what.en).")
        case "add":
            guard let ta = inv.positional(0), let t = ta.time, let na = inv.positional(1) else {
                throw ShellError(zh: "用法：calendar add TIME Nwd", en: "usage: calendar add TIME Nwd", range: inv.verbRange)
            }
            let from = try session.resolve(t)
            if let s = na.span {
                return CommandOutput(zh: "\(from) 加 \(s) → \(from.adding(s).deadlineDescription)（按自然时间连续计算）。",
                                     en: "\(from) + \(s) → \(from.adding(s).deadlineDescription) (elapsed time).")
            }
            guard case .workdays(let n) = na.value else { throw ShellError(zh: "应为 Nwd，如 5wd", en: "expected Nwd, like 5wd", range: na.range) }
            let due: Instant
            let days: [CivilDate]
            do throws(CalendarError) {
                due = try cal.deadline(workingDays: n, from: from, cutoffSecondOfDay: ws.policy.cutoffSecondOfDay)
                let last = try cal.addingWorkingDays(n, after: from.date)
                days = try cal.workingDayList(after: from.date, through: last)
            } catch { throw calendarError(error, na.range) }
            let specials = cal.specialDays(after: from.date, through: days.last ?? from.date)
            let counted = days.count <= 15 ? days.map(\.shortDescription).joined(separator: ", ") : "\(days.first?.shortDescription ?? "") … \(days.last?.shortDescription ?? "")"
            let sp = specials.map { "\($0.date.shortDescription) \($0.name.text(lang))\($0.isHoliday ? (lang == .zh ? "假日" : " holiday") : (lang == .zh ? "调休上班" : " make-up workday"))" }
            return CommandOutput(zh: "\(from) 后 \(n) 个工作日 → \(due.deadlineDescription)（计入：\(counted)\(sp.isEmpty ? "" : "；其间 " + sp.joined(separator: "、"))）。",
                                 en: "\(n) working days after \(from) → \(due.deadlineDescription) (counted: \(counted)\(sp.isEmpty ? "" : "; in between: " + sp.joined(separator: ", "))).")
        case "between":
            guard let a = inv.positional(0)?.time, let b = inv.positional(1)?.time else {
                throw ShellError(zh: "用法：calendar between TIME TIME", en: "usage: calendar between TIME TIME", range: inv.verbRange)
            }
            let t1 = try session.resolve(a), t2 = try session.resolve(b)
            let n: Int
            do throws(CalendarError) { n = try cal.workingDays(after: min(t1, t2).date, through: max(t1, t2).date) } catch { throw calendarError(error, inv.positional(0)?.range) }
            return CommandOutput(zh: "\(min(t1, t2).date) 之后至 \(max(t1, t2).date)（含）共 \(n) 个工作日。",
                                 en: "\(n) working days after \(min(t1, t2).date) up to and including \(max(t1, t2).date).")
        case "load":
            do throws(WorkflowError) { try Permission.administer.check(session.actor, on: nil) } catch {
                if session.actor.role != .coordinator { throw ShellError.from(error, range: inv.verbRange) }
            }
            guard let a = inv.positional(0), let path = a.text else { throw ShellError(zh: "缺少文件", en: "a file is required", range: inv.verbRange) }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ShellError(Localized(zh: "无法读取文件 \(path)", en: "cannot read \(path)"), range: a.range, kind: .notFound)
            }
            let loaded: WorkCalendar
            do throws(CalendarError) { loaded = try WorkCalendar.parse(text, file: path) } catch { throw calendarError(error, a.range) }
            try ws.saveUserCalendar(text, years: loaded.years)
            try ws.update(calendar: cal.merging(loaded))
            let at = try session.effectiveTime(inv)
            try ws.storeCall {
                try ws.store.write { tx in
                    try tx.append(NewEvent(caseID: nil, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .calendarLoaded(years: loaded.years, source: path)), expectedVersion: nil)
                }
            }
            let ys = loaded.years.map(String.init).joined(separator: ", ")
            return CommandOutput(messages: [Localized(zh: "已载入 \(ys) 年的节假日安排，所有案件的时限已重算。", en: "Loaded the holidays of \(ys); every case's deadlines were recomputed.")], effective: at)
        default:
            let now = session.now().date
            var year = now.year, month = now.month
            if let a = inv.positional(0), let text = a.text {
                let p = text.split(separator: "-")
                guard p.count == 2, let y = Int(p[0]), let m = Int(p[1]), (1...12).contains(m), (1900...9999).contains(y) else {
                    throw ShellError(Localized(zh: "应为 年-月，如 2020-01", en: "expected YEAR-MONTH, like 2020-01"), range: a.range)
                }
                year = y
                month = m
            }
            do throws(CalendarError) { try cal.requireCovered(year) } catch { throw calendarError(error, inv.positional(0)?.range) }
            return CommandOutput(document: MonthPicture.render(year: year, month: month, calendar: cal, lang: lang))
        }
    }

    static let policy = CommandEntry(spec: CommandSpec(
        name: "policy", alias: "制度", group: .rules,
        summary: Localized(zh: "时限制度：查看、切换或修改规则", en: "the rules in force: show, switch or edit"),
        synopsis: "policy show | policy use NAME|FILE | policy name|rule|set|cutoff …",
        help: Localized(
            zh: "内置 mingguang（明光市政务舆情回应制度，默认）和 national（国办发〔2016〕61号、80号）。制度文件就是一串 policy 语句（见 docs/rules.md），可复制修改后用 policy use FILE 启用；切换后所有案件时限重算。",
            en: "Built in: mingguang (the default) and national (State Council 2016 No. 61 and 80). A profile is a script of policy lines (docs/rules.md): copy one, edit it and enable it with policy use FILE; every case's deadlines are then recomputed."),
        examples: ["policy show", "policy use national", "policy use 我市制度.yq", "policy set verify limit 7wd"],
        positionals: [ArgSpec("line", .expression, optional: true)],
        subverbs: [
            CommandSpec(name: "show", alias: "查看", group: .rules, summary: Localized(zh: "列出现行规则及条款", en: "list the rules with their articles")),
            CommandSpec(name: "use", alias: "启用", group: .rules, summary: Localized(zh: "启用内置制度或制度文件", en: "enable a built-in profile or a file"),
                        synopsis: "policy use NAME|FILE", positionals: [ArgSpec("profile", .path)], mutates: true),
        ]
    )) { inv, session throws(ShellError) in
        let ws = try Workspace.of(session)
        switch inv.subverb?.name {
        case "show":
            let p = ws.policy
            let rows: [[Cell]] = p.rules.map { r in
                [.text(r.id), .localized(r.citation), .localized(r.title), .text(r.clock.code), .localized(r.clock.text), .localized(r.about)]
            }
            var out = CommandOutput(tables: [Table(title: Localized(zh: "\(p.title.zh)（\(p.name)）", en: "\(p.title.en) (\(p.name))"), columns: [
                Column("rule", Localized(zh: "规则", en: "rule")), Column("article", Localized(zh: "条款", en: "article")),
                Column("title", Localized(zh: "事项", en: "title")), Column("limit", Localized(zh: "时限", en: "limit")),
                Column("limit_text", Localized(zh: "说明", en: "meaning")), Column("about", Localized(zh: "内容", en: "rule text")),
            ], rows: rows)])
            out.json = .object([("name", .string(p.name)), ("cutoff", .int(p.cutoffSecondOfDay)), ("rules", .array(p.rules.map { r in
                .object([("id", .string(r.id)), ("article", .string(r.article)), ("title", .string(r.title.en)), ("title_zh", .string(r.title.zh)),
                         ("limit", .string(r.clock.code))])
            }))])
            return out
        case "use":
            guard let a = inv.positional(0), let name = a.text else { throw ShellError(zh: "缺少制度名称或文件", en: "a profile name or file is required", range: inv.verbRange) }
            if let p = Policy.builtIns[name] {
                try ws.update(policy: p)
                try ws.storeCall { try ws.store.write { tx in try tx.setMeta("policy", name) } }
            } else {
                guard let data = FileManager.default.contents(atPath: name), let text = String(data: data, encoding: .utf8) else {
                    throw ShellError(Localized(zh: "没有内置制度或文件“\(name)”（内置：mingguang、national）", en: "no built-in profile or file “\(name)” (built in: mingguang, national)"),
                                     range: a.range, kind: .notFound)
                }
                let p = try ws.runProfile(text, file: name, session: session)
                try ws.update(policy: p)
                try ws.storeCall { try ws.store.write { tx in try tx.setMeta("policy", "file:" + text) } }
            }
            let at = try session.effectiveTime(inv)
            try ws.storeCall {
                try ws.store.write { tx in
                    try tx.append(NewEvent(caseID: nil, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .policyChanged(name: ws.policy.name)), expectedVersion: nil)
                }
            }
            return CommandOutput(messages: [Localized(zh: "已启用制度 \(ws.policy.title.zh)（\(ws.policy.name)），所有案件时限已重算。",
                                                      en: "Now using \(ws.policy.title.en) (\(ws.policy.name)); every case's deadlines were recomputed.")], effective: at)
        default:
            guard let words = inv.positional(0)?.words, !words.isEmpty else {
                throw ShellError(zh: "用法：policy show | policy use NAME | policy set RULE KEY VALUE", en: "usage: policy show | policy use NAME | policy set RULE KEY VALUE", range: inv.verbRange)
            }
            let texts = words.map(\.text)
            if ws.policyDraft != nil {
                do throws(PolicyError) { try ws.policyDraft?.apply(words: texts) } catch {
                    throw ShellError(error.message, range: words[min(max(error.wordIndex, 0), words.count - 1)].range, kind: .usage)
                }
                return .empty
            }
            do throws(WorkflowError) { try Permission.administer.check(session.actor, on: nil) } catch {
                if session.actor.role != .coordinator { throw ShellError.from(error, range: inv.verbRange) }
            }
            var p = ws.policy
            do throws(PolicyError) { try p.apply(words: texts) } catch {
                throw ShellError(error.message, range: words[min(max(error.wordIndex, 0), words.count - 1)].range, kind: .usage)
            }
            try ws.update(policy: p)
            return CommandOutput(zh: "制度已修改（本次会话有效），所有案件时限已重算。", en: "Policy changed for this session; every case's deadlines were recomputed.")
        }
    }
}

/// A month as a small picture: 休 marks holidays, 班 make-up working days.
enum MonthPicture {
    static func render(year: Int, month: Int, calendar: WorkCalendar, lang: Language) -> String {
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
        for day in 1...CivilDate.daysInMonth(year: year, month: month) {
            guard let d = CivilDate(year: year, month: month, day: day) else { continue }
            let n = day < 10 ? " \(day)" : "\(day)"
            switch (try? calendar.dayKind(d)) ?? .workday {
            case .holiday(let name):
                line += n + "休 "
                note(d, name.text(lang))
            case .makeUpWorkday(let name):
                line += n + "班 "
                note(d, lang == .zh ? "调休上班（\(name.zh)）" : "make-up workday (\(name.en))")
            case .restDay: line += n + " ·  "
            case .workday: line += n + "    "
            }
            if d.weekday == 7 {
                lines.append(line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
                line = ""
            }
        }
        if !line.isEmpty { lines.append(line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)) }
        lines.append(lang == .zh ? "休 = 法定节假日  班 = 调休上班  · = 周末" : "休 = holiday  班 = make-up working day  · = weekend")
        if !notes.isEmpty {
            // Collapse consecutive days of one holiday into a range.
            let parts = notes.map { n in
                (n.first == n.last ? n.first.shortDescription : "\(n.first.shortDescription)–\(n.last.shortDescription)") + " " + n.text
            }
            lines.append(parts.joined(separator: lang == .zh ? "；" : "; "))
        }
        return lines.joined(separator: "\n")
    }
}
