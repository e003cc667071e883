/// Every mistake found in a drill script, in file order.
public struct DrillErrors: Error, Sendable {
    public var errors: [DrillError]
    /// The commands of the lines that did parse, so the shell can check them too and report everything at once.
    public var commands: [DrillCommand]
    public init(_ errors: [DrillError], commands: [DrillCommand] = []) {
        self.errors = errors
        self.commands = commands
    }
}

/// Reads a drill script from lexed lines. All lines are checked before anything runs, and every error is
/// reported with its line and column, so a trainer fixes the script before the trainees sit down.
public struct DrillParser {
    var errors: [DrillError] = []
    var title: String?
    var version: String?
    var epoch: Instant?
    var seed: UInt64 = 0
    var objectives: [Objective] = []
    var trainees: [Trainee] = []
    var control = DrillHeader.defaultControl
    var duration: Span?
    var rating = RatingThresholds.standard
    var deadlinePoints = 5
    var deadlineObjective: String?
    var organizer: String?
    var place: String?
    var scope: String?
    var summary: String?
    var evaluators: [StaffMember] = []
    var contacts: [StaffMember] = []
    var step = DrillHeader.defaultStep
    var planDue = DrillHeader.defaultPlanDue
    var briefs: [RoleBrief] = []
    var injects: [Inject] = []
    var expectations: [Expectation] = []
    var contingencies: [Contingency] = []
    var chained: [ChainedInject] = []
    /// References checked once every line is read (forward references are allowed).
    var references: [(DrillWord, Reference)] = []
    var ended: DrillWord?
    /// Ids of `expect` lines that had an error of their own: references to them are not reported again.
    var failedExpectationIDs: Set<String> = []

    enum Reference { case expectation, objective }

    static let keywords = ["drill", "version", "epoch", "seed", "objective", "trainee", "control", "evaluator",
                           "contact", "organizer", "place", "scope", "summary", "brief", "step", "plan-due", "duration",
                           "rating", "deadlines", "source", "at", "expect", "on", "after", "end"]

    /// One command line with its optional `to TARGET` and `@label` (an ad hoc inject: `drill inject @tip collect …`).
    public static func command(_ line: DrillLine) throws(DrillError) -> DrillCommand {
        var c = Cursor(line: line, index: 0)
        return try c.command()
    }

    public static func parse(_ lines: [DrillLine]) throws(DrillErrors) -> DrillScript {
        var p = DrillParser()
        for line in lines {
            do throws(DrillError) { try p.read(line) } catch {
                p.errors.append(error)
                if line.words.count > 1, line.words[0].text.lowercased() == "expect", !line.words[0].quoted {
                    p.failedExpectationIDs.insert(line.words[1].text)
                }
            }
        }
        return try p.finish(lastLine: lines.last)
    }

    mutating func finish(lastLine: DrillLine?) throws(DrillErrors) -> DrillScript {
        let ids = Set(expectations.map(\.id)).union(failedExpectationIDs)
        let objectiveIDs = Set(objectives.map(\.id))
        for (w, kind) in references {
            switch kind {
            case .expectation where !ids.contains(w.text):
                errors.append(DrillError(zh: "没有预期行动 \(w.text)", en: "no expectation \(w.text)", at: w,
                                         hint: hint(w.text, among: expectations.map(\.id))))
            case .objective where !objectiveIDs.contains(w.text):
                errors.append(DrillError(zh: "没有目标 \(w.text)", en: "no objective \(w.text)", at: w,
                                         hint: hint(w.text, among: objectives.map(\.id))))
            default: break
            }
        }
        errors += cycles()
        var declared: [String: DrillCommand] = [:]
        for c in injects.map(\.command) + contingencies.map(\.command) + chained.map(\.command) {
            guard let l = c.label else { continue }
            if let first = declared[l] {
                errors.append(DrillError(Localized(zh: "标签 @\(l) 重复（第 \(first.line) 行已用）", en: "label @\(l) is given twice (line \(first.line) has it)"),
                                         at: DrillPosition(line: c.line, column: max(1, c.column - l.count - 2), length: l.count + 1, file: c.file)))
            } else {
                declared[l] = c
            }
        }
        let end = lastLine.map { l in DrillPosition(line: l.line, column: 1, length: 1, file: l.file) }
            ?? DrillPosition(line: 1, column: 1, length: 1)
        if title == nil {
            errors.append(DrillError(Localized(zh: "缺少演练标题：第一行应为 drill \"标题\"",
                                               en: "no title: the script should start with drill \"TITLE\""),
                                     at: DrillPosition(line: 1, column: 1, length: 1)))
        }
        if epoch == nil {
            errors.append(DrillError(Localized(zh: "缺少 epoch（演练开始的模拟时间）", en: "no epoch (the simulated start time)"),
                                     at: DrillPosition(line: 1, column: 1, length: 1),
                                     hint: Localized(zh: "如 epoch 2019-12-21T09:00", en: "e.g. epoch 2019-12-21T09:00")))
        }
        if ended == nil {
            errors.append(DrillError(Localized(zh: "脚本没有以 end 结束", en: "the script does not finish with `end`"),
                                     at: end, hint: Localized(zh: "在最后一行写 end", en: "write `end` on the last line")))
        }
        guard errors.isEmpty, let title, let epoch else {
            throw DrillErrors(errors.sorted { $0.position < $1.position },
                              commands: injects.map(\.command) + contingencies.map(\.command) + chained.map(\.command))
        }
        let header = DrillHeader(title: title, version: version, epoch: epoch, seed: seed, objectives: objectives,
                                 trainees: trainees, control: control, duration: duration, rating: rating,
                                 deadlinePoints: deadlinePoints, deadlineObjective: deadlineObjective,
                                 organizer: organizer, place: place, scope: scope, summary: summary,
                                 evaluators: evaluators, contacts: contacts, step: step, planDue: planDue, briefs: briefs)
        return DrillScript(header: header, injects: injects, expectations: expectations, contingencies: contingencies,
                           chained: chained)
    }

    /// A label is letters, digits, `_` and `-` (Chinese included), after the `@`.
    public static func isLabel(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    func hint(_ word: String, among: [String]) -> Localized? {
        guard let s = DidYouMean.suggest(word, among: among) else { return nil }
        return Localized(zh: "是不是 \(s)？", en: "did you mean \(s)?")
    }

    /// `expect E2 … after E1` chains must not loop.
    func cycles() -> [DrillError] {
        var out: [DrillError] = []
        for e in expectations {
            var seen: Set<String> = [e.id]
            var cur = e.after
            while let c = cur {
                if seen.contains(c) {
                    out.append(DrillError(Localized(zh: "预期行动 \(e.id) 的 after 形成循环", en: "the `after` of \(e.id) loops back"),
                                          at: e.position))
                    break
                }
                seen.insert(c)
                cur = expectations.first { $0.id == c }?.after
            }
        }
        return out
    }

    // MARK: lines

    mutating func read(_ line: DrillLine) throws(DrillError) {
        guard let first = line.words.first else { return }
        if let e = ended {
            throw DrillError(zh: "end 之后不能再有内容（end 在第 \(e.line) 行）", en: "nothing may follow `end` (line \(e.line))", at: first)
        }
        let kw = first.quoted ? "" : first.text.lowercased()
        var c = Cursor(line: line, index: 1)
        switch kw {
        case "drill":
            let t = try c.text("标题", "TITLE")
            if title != nil { throw DrillError(zh: "重复的 drill 标题", en: "a second drill title", at: first) }
            title = t
            try c.done()
        case "version":
            version = try c.text("版本", "VERSION")
            try c.done()
        case "epoch":
            epoch = try c.instant()
            try c.done()
        case "seed":
            let w = try c.word("种子", "N")
            guard let n = UInt64(w.text) else {
                throw DrillError(zh: "种子应为非负整数：“\(w.text)”", en: "the seed must be a non-negative integer: `\(w.text)`", at: w)
            }
            seed = n
            try c.done()
        case "objective": try objective(&c)
        case "trainee", "control":
            let name = try c.text("姓名", "NAME")
            var role: Role = kw == "control" ? .coordinator : .liaison
            var dept: String?
            var deptWord: DrillWord?
            var roleGiven = false
            while let w = c.peek() {
                c.index += 1
                switch w.text {
                case "--role", "--角色":
                    let r = try c.word("角色", "ROLE")
                    guard let parsed = Role(code: r.text) else {
                        throw DrillError(zh: "未知角色“\(r.text)”", en: "unknown role `\(r.text)`", at: r,
                                         hint: hint(r.text, among: Role.allCases.map(\.rawValue)))
                    }
                    role = parsed
                    roleGiven = true
                case "--dept", "--部门":
                    let d = try c.word("部门", "DEPT")
                    dept = d.text
                    deptWord = d
                default:
                    throw DrillError(zh: "\(kw) 不认识“\(w.text)”", en: "`\(kw)` does not take `\(w.text)`", at: w,
                                     hint: Localized(zh: "用法：\(kw) 姓名 [--role 角色] [--dept 部门]", en: "usage: \(kw) NAME [--role ROLE] [--dept DEPT]"))
                }
            }
            if kw == "trainee" && !roleGiven && dept == nil { role = .coordinator }
            if kw == "control" { control = Actor(name: name, role: role, dept: dept) } else {
                if trainees.contains(where: { $0.name == name }) {
                    throw DrillError(zh: "学员 \(name) 重复", en: "trainee \(name) is listed twice", at: line.words[1])
                }
                trainees.append(Trainee(name: name, role: role, dept: dept, position: deptWord?.position))
            }
        case "evaluator", "contact":
            let name = try c.text("姓名", "NAME")
            var m = StaffMember(name: name)
            while let w = c.peek() {
                c.index += 1
                switch w.text {
                case "--org", "--单位": m.org = try c.text("单位", "ORG")
                case "--phone" where kw == "contact", "--电话" where kw == "contact": m.phone = try c.text("电话", "PHONE")
                default:
                    throw DrillError(zh: "\(kw) 不认识“\(w.text)”", en: "`\(kw)` does not take `\(w.text)`", at: w,
                                     hint: kw == "contact"
                                        ? Localized(zh: "用法：contact 姓名 [--phone 电话] [--org 单位]", en: "usage: contact NAME [--phone PHONE] [--org ORG]")
                                        : Localized(zh: "用法：evaluator 姓名 [--org 单位]", en: "usage: evaluator NAME [--org ORG]"))
                }
            }
            if kw == "evaluator" { evaluators.append(m) } else { contacts.append(m) }
        case "organizer", "place", "scope", "summary":
            let text = try c.text("内容", "TEXT")
            try c.done()
            switch kw {
            case "organizer": organizer = text
            case "place": place = text
            case "scope": scope = text
            default: summary = text
            }
        case "brief":
            let target = try c.text("对象", "TARGET")
            let text = try c.text("内容", "TEXT")
            try c.done()
            briefs.append(RoleBrief(target: target, text: text))
        case "step":
            step = try c.span()
            guard step.seconds >= 1 else {
                throw DrillError(zh: "step 至少 1 秒", en: "a step is at least one second", at: line.words[1])
            }
            try c.done()
        case "plan-due":
            planDue = try c.span()
            try c.done()
        case "source":
            throw DrillError(zh: "source 只能在文件开头的脚本头部载入共用文件（由外壳展开）", en: "`source` includes a shared file at header level (the shell expands it)", at: first)
        case "duration":
            duration = try c.span()
            try c.done()
        case "rating":
            rating = try c.thresholds()
            try c.done()
        case "deadlines":
            try c.keyword("points")
            deadlinePoints = try c.integer()
            if c.peek() != nil {
                try c.keyword("objective")
                let w = try c.word("目标", "OBJECTIVE")
                deadlineObjective = w.text
                references.append((w, .objective))
            }
            try c.done()
        case "at":
            let offsetWord = try c.word("时间", "+HH:MM")
            guard let offset = DrillTimes.offset(offsetWord.text) else { throw offsetError(offsetWord) }
            var jitter: Span?
            if let j = c.peek(), !j.quoted, j.text == "jitter" {
                c.index += 1
                jitter = try c.span()
            }
            injects.append(Inject(offset: offset, jitter: jitter, command: try c.command()))
        case "expect": try expectation(&c, first)
        case "on":
            let t = try c.word("miss 或 met", "miss|met")
            guard let trigger = Contingency.Trigger(rawValue: t.text.lowercased()) else {
                throw DrillError(zh: "on 之后应为 miss 或 met，而不是“\(t.text)”", en: "`on` takes miss or met, not `\(t.text)`", at: t)
            }
            let id = try c.word("预期行动编号", "EXPECTATION")
            references.append((id, .expectation))
            contingencies.append(Contingency(trigger: trigger, expectation: id.text, command: try c.command()))
        case "after":
            let id = try c.word("预期行动编号", "EXPECTATION")
            references.append((id, .expectation))
            let d = try c.word("延时", "+DURATION")
            guard let delay = DrillTimes.offset(d.text) else { throw offsetError(d) }
            chained.append(ChainedInject(expectation: id.text, delay: delay, command: try c.command()))
        case "end":
            ended = first
            try c.done()
        default:
            var e = DrillError(zh: "演练脚本不认识“\(first.text)”", en: "a drill script has no `\(first.text)` line", at: first)
            if let s = DidYouMean.suggest(first.text, among: DrillParser.keywords) {
                e.hint = Localized(zh: "是不是 \(s)？", en: "did you mean `\(s)`?")
            } else {
                e.hint = Localized(zh: "其他命令须写在 at +HH:MM 之后，作为定时注入",
                                   en: "other commands go after `at +HH:MM`, as timed injects")
            }
            throw e
        }
    }

    func offsetError(_ w: DrillWord) -> DrillError {
        DrillError(zh: "时间应写成 +HH:MM（如 +00:30、+49:15）或 +1h30m：“\(w.text)”",
                   en: "a time is written +HH:MM (such as +00:30, +49:15) or +1h30m: `\(w.text)`", at: w)
    }

    mutating func objective(_ c: inout Cursor) throws(DrillError) {
        let id = try c.word("目标编号", "ID")
        if objectives.contains(where: { $0.id == id.text }) {
            throw DrillError(zh: "目标 \(id.text) 重复", en: "objective \(id.text) is defined twice", at: id)
        }
        let text = try c.text("目标说明", "TEXT")
        var o = Objective(id: id.text, text: text)
        while let w = c.peek() {
            c.index += 1
            switch w.quoted ? "" : w.text.lowercased() {
            case "weight", "权重": o.weight = try c.integer()
            case "threshold", "阈值": o.thresholds = try c.thresholds()
            default:
                throw DrillError(zh: "objective 不认识“\(w.text)”", en: "`objective` does not take `\(w.text)`", at: w,
                                 hint: Localized(zh: "用法：objective 编号 \"说明\" weight 权重 [threshold P S M]",
                                                 en: "usage: objective ID \"TEXT\" weight W [threshold P S M]"))
            }
        }
        objectives.append(o)
    }

    mutating func expectation(_ c: inout Cursor, _ first: DrillWord) throws(DrillError) {
        let id = try c.word("预期行动编号", "ID")
        if expectations.contains(where: { $0.id == id.text }) {
            throw DrillError(zh: "预期行动 \(id.text) 重复", en: "expectation \(id.text) is defined twice", at: id)
        }
        let verb = try c.word("动作", "VERB")
        guard let action = ExpectedAction(word: verb.text) else {
            let names = ExpectedAction.allCases.map(\.rawValue)
            throw DrillError(zh: "不能作为预期的动作“\(verb.text)”", en: "`\(verb.text)` is not an action expectations know", at: verb,
                             hint: hint(verb.text, among: names)
                                ?? Localized(zh: "可用：" + names.joined(separator: " "), en: "known: " + names.joined(separator: " ")))
        }
        let caseWord = try c.word("案件", "CASE")
        let subject: DrillRef
        if !caseWord.quoted, caseWord.text.hasPrefix("@"), DrillParser.isLabel(String(caseWord.text.dropFirst())) {
            subject = .label(String(caseWord.text.dropFirst()))
        } else if let caseID = EntityID(parsing: caseWord.text), caseID.kind == .caseFile {
            subject = .id(caseID)
        } else {
            throw DrillError(zh: "应为案件编号（如 C1）或标签（如 @谣言帖）：“\(caseWord.text)”",
                             en: "expected a case id (like C1) or a label (like @rumour): `\(caseWord.text)`", at: caseWord)
        }
        var within: Span?
        var points: Int?
        var e = Expectation(id: id.text, action: action, subject: subject, within: .hours(1), points: 0,
                            position: first.position)
        e.subjectPosition = caseWord.position
        let usage = Localized(zh: "用法：expect 编号 动作 案件 [by 部门] [level 级别] [to 部门] [decision 决定] [contains 词,词] within 时长 [after 编号|+HH:MM] points 分值 [objective 目标]",
                              en: "usage: expect ID VERB CASE [by DEPT] [level LEVEL] [to DEPT] [decision D] [contains W,W] within DURATION [after ID|+HH:MM] points N [objective O]")
        func refuse(_ w: DrillWord, _ what: String) -> DrillError {
            DrillError(zh: "\(action.rawValue) 不能检查 \(what)", en: "\(action.rawValue) cannot check `\(what)`", at: w,
                       hint: Localized(zh: "见 docs/drills.md 的“预期行动匹配什么”", en: "see “What each expectation matches” in docs/drills.md"))
        }
        while let w = c.peek() {
            c.index += 1
            switch w.quoted ? "" : w.text.lowercased() {
            case "by":
                let d = try c.word("部门", "DEPT")
                e.dept = d.text
                e.deptPosition = d.position
            case "level":
                guard ExpectedContent.accepts(action, level: true) else { throw refuse(w, "level") }
                let l = try c.word("级别", "LEVEL")
                guard let level = Level(code: l.text) else {
                    throw DrillError(zh: "未知级别“\(l.text)”", en: "unknown level `\(l.text)`", at: l,
                                     hint: Localized(zh: "可用：general high-attention major-sensitive", en: "known: general high-attention major-sensitive"))
                }
                e.content.level = level
            case "to":
                guard ExpectedContent.accepts(action, to: true) else { throw refuse(w, "to") }
                let d = try c.word("部门", "DEPT")
                e.content.toDept = d.text
                e.deptPosition = e.deptPosition ?? d.position
            case "decision":
                guard ExpectedContent.accepts(action, decision: true) else { throw refuse(w, "decision") }
                let d = try c.word("决定", "DECISION")
                let known = ExpectedContent.decisions(for: action)
                let code = action == .decide ? (DecisionAction.code(of: d.text) ?? d.text) : d.text.lowercased()
                guard known.contains(code) else {
                    throw DrillError(zh: "\(action.rawValue) 的决定应为 \(known.joined(separator: "、"))：“\(d.text)”",
                                     en: "a decision of \(action.rawValue) is one of \(known.joined(separator: ", ")): `\(d.text)`", at: d)
                }
                e.content.decision = code
            case "contains":
                guard ExpectedContent.accepts(action, words: true) else { throw refuse(w, "contains") }
                let t = try c.word("词语", "WORDS")
                let words = t.text.split(whereSeparator: { ",，、".contains($0) }).map { $0.trimmingWhitespace() }
                    .filter { !$0.isEmpty }
                guard !words.isEmpty else {
                    throw DrillError(zh: "contains 需要至少一个词", en: "`contains` needs at least one word", at: t)
                }
                e.content.words += words
            case "within": within = try c.span()
            case "after":
                let a = try c.word("预期行动编号或时间", "EXPECTATION|+HH:MM")
                if a.text.hasPrefix("+") {
                    guard let o = DrillTimes.offset(a.text) else { throw offsetError(a) }
                    e.afterOffset = o
                } else {
                    references.append((a, .expectation))
                    e.after = a.text
                }
            case "points":
                points = try c.integer()
            case "objective":
                let o = try c.word("目标", "OBJECTIVE")
                references.append((o, .objective))
                e.objective = o.text
            default:
                throw DrillError(zh: "expect 不认识“\(w.text)”", en: "`expect` does not take `\(w.text)`", at: w,
                                 hint: hint(w.text, among: ["by", "level", "to", "decision", "contains", "within", "after", "points", "objective"])
                                    ?? usage)
            }
        }
        let end = c.line.words.last ?? first
        guard let within else {
            throw DrillError(Localized(zh: "预期行动 \(id.text) 缺少 within 时限", en: "expectation \(id.text) needs `within DURATION`"),
                             at: DrillPosition(line: end.line, column: end.column + end.length, length: 1, file: end.file))
        }
        guard let points else {
            throw DrillError(Localized(zh: "预期行动 \(id.text) 缺少 points 分值", en: "expectation \(id.text) needs `points N`"),
                             at: DrillPosition(line: end.line, column: end.column + end.length, length: 1, file: end.file))
        }
        e.within = within
        e.points = points
        expectations.append(e)
    }
}

/// Walks the words of one line.
struct Cursor {
    let line: DrillLine
    var index: Int
    /// The line's `<<END` block stands for its last text argument (`summary <<END`), once.
    var blockUsed = false

    func peek() -> DrillWord? { index < line.words.count ? line.words[index] : nil }

    /// Where something missing should have been: just after the last word.
    var missingPosition: DrillPosition {
        let w = line.words[min(index, line.words.count) - 1]
        return DrillPosition(line: w.line, column: w.column + w.length, length: 1, file: w.file)
    }

    mutating func word(_ zh: String, _ en: String) throws(DrillError) -> DrillWord {
        guard let w = peek() else {
            throw DrillError(Localized(zh: "缺少\(zh)（\(en)）", en: "\(en) is missing"), at: missingPosition)
        }
        index += 1
        return w
    }

    mutating func text(_ zh: String, _ en: String) throws(DrillError) -> String {
        if peek() == nil, !blockUsed, let block = line.textBlock {
            blockUsed = true
            return block.hasSuffix("\n") ? String(block.dropLast()) : block
        }
        return try word(zh, en).text
    }

    mutating func integer() throws(DrillError) -> Int {
        let w = try word("整数", "N")
        guard let n = Int(w.text), n >= 0 else {
            throw DrillError(zh: "应为非负整数：“\(w.text)”", en: "expected a non-negative integer: `\(w.text)`", at: w)
        }
        return n
    }

    mutating func span() throws(DrillError) -> Span {
        let w = try word("时长", "DURATION")
        guard let s = DrillTimes.span(w.text) else {
            throw DrillError(zh: "时长应写成 30m、1h30m、2d 或 01:30：“\(w.text)”",
                             en: "a duration is written 30m, 1h30m, 2d or 01:30: `\(w.text)`", at: w)
        }
        return s
    }

    mutating func keyword(_ k: String) throws(DrillError) {
        let w = try word(k, k)
        guard !w.quoted, w.text.lowercased() == k else {
            throw DrillError(zh: "此处应为 \(k)：“\(w.text)”", en: "expected `\(k)` here: `\(w.text)`", at: w)
        }
    }

    mutating func thresholds() throws(DrillError) -> RatingThresholds {
        let start = peek()
        let p = try integer(), s = try integer(), m = try integer()
        guard p <= 100, p >= s, s >= m else {
            throw DrillError(Localized(zh: "阈值应为三个百分数 P S M，从高到低（如 90 70 40）",
                                       en: "thresholds are three percentages P S M, from high to low (like 90 70 40)"),
                             at: (start ?? line.words[0]).position)
        }
        return RatingThresholds(p: p, s: s, m: m)
    }

    /// `2019-12-21T09:00`, `"2019-12-21 09:00"` or two words `2019-12-21 09:00`.
    mutating func instant() throws(DrillError) -> Instant {
        let w = try word("时间", "TIME")
        var text = w.text
        if !text.contains(" ") && !text.contains("T"), let next = peek() {
            text += " " + next.text
            index += 1
        }
        guard let t = DrillTimes.instant(text) else {
            throw DrillError(zh: "时间应写成 2019-12-21T09:00：“\(text)”", en: "a time is written 2019-12-21T09:00: `\(text)`", at: w)
        }
        return t
    }

    func done() throws(DrillError) {
        if let w = peek() {
            throw DrillError(zh: "多余的“\(w.text)”", en: "unexpected `\(w.text)`", at: w)
        }
    }

    /// The rest of the line as a command of the language, after its optional `to TARGET[,TARGET]` (a private
    /// inject) and `@label` (what the command creates is called so elsewhere).
    mutating func command() throws(DrillError) -> DrillCommand {
        var audience: [String] = []
        var label: String?
        while let w = peek(), !w.quoted {
            if w.text == "to" {
                index += 1
                let t = try word("对象", "TARGET")
                audience += t.text.split(whereSeparator: { ",，、".contains($0) }).map(String.init)
            } else if w.text.hasPrefix("@"), DrillParser.isLabel(String(w.text.dropFirst())) {
                guard label == nil else {
                    throw DrillError(zh: "一条命令只能有一个标签", en: "a command takes one label", at: w)
                }
                label = String(w.text.dropFirst())
                index += 1
            } else {
                break
            }
        }
        guard let w = peek() else {
            throw DrillError(Localized(zh: "缺少要执行的命令", en: "a command to run is missing"), at: missingPosition)
        }
        let text = line.text(from: index)
        let words = Array(line.words[index...])
        index = line.words.count
        return DrillCommand(text: text, line: w.line, column: w.column, verb: w.text, words: words,
                            textBlock: line.textBlock, file: line.file, audience: audience, label: label)
    }
}
