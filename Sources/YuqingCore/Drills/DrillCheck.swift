/// What `drill check` finds beyond the syntax: expectations on cases nothing creates, labels nobody gives,
/// departments the drill never has, expectations no trainee on the roster may do. It also writes departments the
/// way the store does (codes), so `by 市水务局` and `by water` mean the same.
///
/// Cases are predicted from the script alone: every post its injects (and contingencies, and chained injects)
/// collect is one case, by the post's identity; every `collect` expectation lets the trainees add one. The order
/// is not predicted (an ad hoc inject or a trainee's collect can come first), which is why labels are the safe
/// way to name a case.
public struct DrillCheck {
    /// Every name a department is known by (code, Chinese and English names) → its code: the store's directory
    /// before the drill starts.
    public var departments: [String: String]

    public init(departments: [String: String]) {
        self.departments = departments
    }

    /// The script with departments as codes, or every problem found.
    public func check(_ script: DrillScript) throws(DrillErrors) -> DrillScript {
        var s = script
        var errors: [DrillError] = []
        var known = departments
        var cases: Set<String> = []
        var unnamedCases = 0
        var instructions = 0
        for c in s.commands {
            let words = c.words.filter { !$0.quoted }.map(\.text)
            let verb = c.verb.lowercased()
            if verb == "dept" || verb == "部门", words.count >= 3, ["add", "添加"].contains(words[1]) {
                known[words[2]] = words[2]
                if c.words.count >= 4 { known[c.words[3].text] = words[2] }
            }
            if verb == "collect" || verb == "收集" {
                if let i = c.words.firstIndex(where: { !$0.quoted && ["--url", "--链接"].contains($0.text) }), i + 1 < c.words.count {
                    cases.insert(PostURL.identity(c.words[i + 1].text))
                } else if !words.contains(where: { ["import", "导入"].contains($0) }) {
                    unnamedCases += 1
                }
            }
            // On a case id or on a label (`instruct @帖 …`, as the bundled drills write it).
            if verb == "instruct" || verb == "批示", words.count >= 2,
               EntityID(parsing: words[1])?.kind == .caseFile || (words[1].hasPrefix("@") && DrillParser.isLabel(String(words[1].dropFirst()))) {
                instructions += 1
            }
        }
        let traineeCases = s.expectations.filter { $0.action == .collect }.count
        let maxCase = cases.count + unnamedCases + traineeCases
        var labels = Set(s.labels)
        for x in s.expectations where x.action == .collect {
            if case .label(let l)? = x.subject { labels.insert(l) }
        }

        func dept(_ name: String, at position: DrillPosition?, what: Localized) -> String {
            if let code = known[name] { return code }
            let hint = DidYouMean.suggest(name, among: Array(known.keys).sorted())
            errors.append(DrillError(Localized(zh: "\(what.zh)的部门“\(name)”不存在：演练开始时的名录里没有，脚本也没有 dept add",
                                               en: "\(what.en): no department `\(name)` (not in the directory the drill starts with, and no `dept add` in the script)"),
                                     at: position ?? DrillPosition(line: 1, column: 1, length: 1),
                                     hint: hint.map { Localized(zh: "是不是 \($0)？", en: "did you mean \($0)?") }))
            return name
        }
        func checkCase(_ id: EntityID, at position: DrillPosition, what: Localized) {
            guard id.kind == .caseFile, id.number > maxCase else { return }
            errors.append(DrillError(Localized(
                zh: "\(what.zh)的案件 \(id) 不会出现：脚本的注入最多产生 \(cases.count + unnamedCases) 个案件，学员的 collect 预期 \(traineeCases) 个",
                en: "\(what.en): case \(id) never exists: the injects create at most \(English.count(cases.count + unnamedCases, "case")) and the trainees' collect expectations \(traineeCases)"),
                at: position, hint: Localized(zh: "给创建案件的注入加上标签（at +00:20 @谣言帖 collect …），用 @谣言帖 指代它",
                                              en: "label the inject that creates it (at +00:20 @rumour collect …) and refer to @rumour")))
        }
        func checkLabel(_ l: String, at position: DrillPosition, what: Localized) {
            guard !labels.contains(l) else { return }
            errors.append(DrillError(Localized(zh: "\(what.zh)的标签 @\(l) 没有定义：没有注入以 @\(l) 创建它",
                                               en: "\(what.en): label @\(l) is never given: no inject creates @\(l)"),
                                     at: position, hint: DidYouMean.suggest(l, among: labels.sorted()).map {
                                         Localized(zh: "是不是 @\($0)？", en: "did you mean @\($0)?") }))
        }

        for k in s.trainees.indices {
            if let d = s.trainees[k].dept {
                s.trainees[k].dept = dept(d, at: s.trainees[k].position,
                                          what: Localized(zh: "学员 \(s.trainees[k].name) ", en: "trainee \(s.trainees[k].name)"))
            }
        }
        for k in s.expectations.indices {
            let x = s.expectations[k]
            let what = Localized(zh: "预期行动 \(x.id) ", en: "expectation \(x.id)")
            let at = x.subjectPosition ?? x.position
            switch x.subject {
            case .id(let id)?: checkCase(id, at: at, what: what)
            case .label(let l)?: checkLabel(l, at: at, what: what)
            case nil: break
            }
            // Nothing to undertake: no inject records an instruction and no trainee is expected to.
            if x.action == .undertake, instructions == 0, !s.expectations.contains(where: { $0.action == .instruct }) {
                errors.append(DrillError(Localized(zh: "\(what.zh)不会出现：脚本不录入任何批示，没有可承办的批示",
                                                   en: "\(what.en): no instruction is ever recorded, so there is nothing to undertake"),
                                         at: x.position, hint: Localized(zh: "加一条注入：at +HH:MM instruct @案件 --leader … --text …",
                                                                         en: "add an inject: at +HH:MM instruct @case --leader … --text …")))
            }
            if let d = x.dept { s.expectations[k].dept = dept(d, at: x.deptPosition, what: what) }
            if let d = x.content.toDept { s.expectations[k].content.toDept = dept(d, at: x.deptPosition, what: what) }
            let y = s.expectations[k]
            if !s.header.trainees.isEmpty, !s.header.trainees.contains(where: { DrillScore.isDuty(y, of: $0) }) {
                let roles = y.action.permission(decided: y.content.decision != nil).roles
                let who = roles.sorted { $0.rawValue < $1.rawValue }.map { $0.name.zh }.joined(separator: "、")
                let whoEN = roles.sorted { $0.rawValue < $1.rawValue }.map { $0.name.en }.joined(separator: ", ")
                let pool = s.header.trainees.filter { y.dept == nil || $0.dept == y.dept }
                let poolText = pool.isEmpty
                    ? Localized(zh: "名单中没有 \(y.dept ?? "") 的学员", en: "the roster has no trainee of \(y.dept ?? "")")
                    : Localized(zh: pool.map { "\($0.name)是\($0.role.name.zh)" }.joined(separator: "，"),
                                en: pool.map { "\($0.name) is a \($0.role.name.en)" }.joined(separator: ", "))
                errors.append(DrillError(Localized(
                    zh: "预期行动 \(y.id) 没有学员能完成：\(y.action.title.zh)须由\(who)执行\(y.dept.map { "（by \($0)）" } ?? "")，\(poolText.zh)",
                    en: "no trainee can do expectation \(y.id): \(y.action.title.en) needs a \(whoEN)\(y.dept.map { " (by \($0))" } ?? ""); \(poolText.en)"),
                    at: y.position))
            }
        }
        func checkCommand(_ c: DrillCommand, what: Localized) {
            if ["echo", "回显"].contains(c.verb.lowercased()) { return }
            for w in c.words where !w.quoted {
                if w.text.hasPrefix("@"), DrillParser.isLabel(String(w.text.dropFirst())) {
                    checkLabel(String(w.text.dropFirst()), at: w.position, what: what)
                } else if let id = EntityID(parsing: w.text) {
                    if id.kind == .caseFile { checkCase(id, at: w.position, what: what) }
                    if id.kind == .instruction, id.number > instructions {
                        errors.append(DrillError(Localized(zh: "\(what.zh)的批示 \(id) 不会出现：脚本只录入 \(instructions) 条批示",
                                                           en: "\(what.en): instruction \(id) never exists: the script records \(instructions)"),
                                                 at: w.position))
                    }
                }
            }
        }
        for i in s.injects { checkCommand(i.command, what: Localized(zh: "注入", en: "inject")) }
        for c in s.contingencies { checkCommand(c.command, what: Localized(zh: "应变注入", en: "contingency")) }
        for c in s.chained { checkCommand(c.command, what: Localized(zh: "连锁注入", en: "chained inject")) }
        for k in s.injects.indices {
            s.injects[k].command.audience = audience(s.injects[k].command, s.header, known, &errors)
        }
        for k in s.contingencies.indices {
            s.contingencies[k].command.audience = audience(s.contingencies[k].command, s.header, known, &errors)
        }
        for k in s.chained.indices {
            s.chained[k].command.audience = audience(s.chained[k].command, s.header, known, &errors)
        }
        for b in s.header.briefs where !isAudience(b.target, s.header, known) {
            errors.append(DrillError(Localized(zh: "brief 的对象“\(b.target)”不是学员、部门或角色", en: "brief: `\(b.target)` is not a trainee, a department or a role"),
                                     at: DrillPosition(line: 1, column: 1, length: 1)))
        }
        let staff = [s.header.control.name] + s.header.evaluators.map(\.name)
        for t in s.trainees where staff.contains(t.name) {
            errors.append(DrillError(Localized(zh: "\(t.name) 既是学员又是导调或评估人员", en: "\(t.name) is both a trainee and control or an evaluator"),
                                     at: t.position ?? DrillPosition(line: 1, column: 1, length: 1)))
        }
        guard errors.isEmpty else { throw DrillErrors(errors.sorted { $0.position < $1.position }) }
        return s
    }

    func isAudience(_ target: String, _ h: DrillHeader, _ known: [String: String]) -> Bool {
        ["all", "全体"].contains(target) || h.trainees.contains { $0.name == target } || known[target] != nil
            || Role(code: target) != nil
    }

    /// A private inject's addressees, departments as codes.
    func audience(_ c: DrillCommand, _ h: DrillHeader, _ known: [String: String], _ errors: inout [DrillError]) -> [String] {
        c.audience.map { a in
            if h.trainees.contains(where: { $0.name == a }) || Role(code: a) != nil || ["all", "全体"].contains(a) { return a }
            if let code = known[a] { return code }
            errors.append(DrillError(Localized(zh: "私有注入的对象“\(a)”不是学员、部门或角色", en: "a private inject's `to \(a)` is not a trainee, a department or a role"),
                                     at: DrillPosition(line: c.line, column: 1, length: 1, file: c.file)))
            return a
        }
    }
}

extension DrillScript {
    /// The trainees (a shortcut for the checks).
    var trainees: [Trainee] {
        get { header.trainees }
        set { header.trainees = newValue }
    }
}
