import YuqingCore

/// Turns a lexed command into an `Invocation` against the command table: variables expanded, verb and sub-verb
/// found (English or Chinese), flags anywhere after the verb, values checked by kind.
enum Parser {
    /// `$name` → its value; an unknown variable is an error at its `$`.
    static func expand(_ cmd: LexCommand, variables: [String: String]) throws(ShellError) -> [Word] {
        var out: [Word] = []
        for w in cmd.words {
            var text = ""
            var length = 0
            var spans: [Range<Int>] = []
            func add(_ s: String, quoted: Bool) {
                let n = s.count
                if quoted { spans.append(length..<(length + n)) }
                text += s
                length += n
            }
            for p in w.parts {
                switch p {
                case .literal(let s): add(s, quoted: false)
                case .quoted(let s): add(s, quoted: true)
                case .variable(let name, let r, let quoted):
                    guard let v = variables[name] else {
                        throw ShellError(zh: "未定义的变量 $\(name)", en: "unknown variable $\(name)", range: r,
                                         hint: Localized(zh: "用 set \(name) 值 来定义它", en: "define it with `set \(name) VALUE`"))
                    }
                    add(v, quoted: quoted)
                }
            }
            try TextLimits.check(text, TextLimits.word, Localized(zh: "参数", en: "the argument"), range: w.range)
            out.append(Word(text: text, range: w.range, quoted: w.quoted, quotedSpans: spans))
        }
        return out
    }

    static func isFlagWord(_ w: Word) -> Bool { !w.quoted && w.text.hasPrefix("--") && w.text.count > 2 }

    /// `claim --help`, `clock set --help`, `认领 C7 --help` read as `help claim`, `help clock set`, `help 认领`: people
    /// type it before they think of `help`, and it answered "has no option --help". Only an unquoted `--help` before
    /// a `--` counts, and never after `help` itself; the verb and a sub-verb named right after it are kept, the rest
    /// (a case id, other options) is dropped, since help does nothing with it. Nil when the words ask no help.
    static func helpRequest(_ words: [Word], entries: [CommandEntry]) -> [Word]? {
        guard let verb = words.first, !verb.quoted else { return nil }
        var asked: Word?
        for w in words.dropFirst() where !w.quoted {
            if w.text == "--" { break }
            if w.text == "--help" { asked = w; break }
        }
        guard let asked, let entry = entries.first(where: { $0.matches(verb.text) }),
              entry.spec.name != ShellVerbs.Help.spec.name else { return nil }
        var out = [Word(text: ShellVerbs.Help.spec.name, range: asked.range, quoted: false), verb]
        if words.count > 1, !words[1].quoted, entry.spec.subverb(named: words[1].text) != nil { out.append(words[1]) }
        return out
    }

    static func displayName(_ spec: CommandSpec, _ word: String) -> String {
        word == spec.name ? "\(spec.name) (\(spec.alias))" : "\(word) (\(spec.name))"
    }

    /// Parses against the table and returns the leaf entry: for `extend approve X1` the `approve` entry, whose
    /// handler runs.
    static func parse(words: [Word], command: LexCommand, entries: [CommandEntry],
                      session: Session?) throws(ShellError) -> (Invocation, CommandEntry) {
        guard let verb = words.first else {
            throw ShellError(zh: "空命令", en: "empty command", range: command.range)
        }
        if let help = helpRequest(words, entries: entries) {
            return try parse(words: help, command: command, entries: entries, session: session)
        }
        let lowered = verb.text.lowercased()
        guard !verb.quoted || !verb.text.isEmpty,
              var entry = entries.first(where: { $0.matches(verb.text, lowered: lowered) }) else {
            var e = ShellError(zh: "未知命令“\(verb.text)”", en: "unknown command `\(verb.text)`", range: verb.range,
                               hint: Localized(zh: "输入 help 查看所有命令", en: "type `help` for the list of commands"))
            let visible = entries.filter { !$0.spec.hidden }
            if let near = Suggest.nearest(verb.text, among: visible.flatMap { [$0.spec.name, $0.spec.alias] }),
               let spec = visible.first(where: { $0.spec.matches(near) })?.spec {
                let shown = displayName(spec, near)
                e.hint = Localized(zh: "是不是 \(shown)？", en: "did you mean `\(shown)`?")
            }
            throw e
        }
        var rest = Array(words.dropFirst())
        var verbRange = verb.range
        while !entry.spec.subverbs.isEmpty {
            let spec = entry.spec
            if let next = rest.first, !isFlagWord(next), !next.quoted, let sub = spec.subverb(named: next.text) {
                entry = sub
                verbRange = verbRange.through(next.range)
                rest.removeFirst()
                continue
            }
            if let next = rest.first, !isFlagWord(next), entry.handler == nil || (spec.positionals.isEmpty && !next.quoted) {
                throw noSubverb(spec, next)
            }
            if entry.handler == nil {
                guard let name = spec.defaultSubverb, let sub = spec.subverb(named: name) else {
                    let subs = spec.subverbs.map { "\($0.spec.name) (\($0.spec.alias))" }.joined(separator: ", ")
                    throw ShellError(zh: "\(spec.fullName) 需要子命令：\(subs)", en: "`\(spec.fullName)` needs a sub-command: \(subs)",
                                     range: verbRange, hint: Localized(zh: "用法：\(spec.usage)", en: "usage: \(spec.usage)"))
                }
                entry = sub
                continue
            }
            break
        }
        let eff = entry.spec
        let flagSpecs = eff.allFlags + FlagSpec.global
        let verbLabel = eff.fullName

        var positionals: [Arg] = []
        var flags: [String: [Arg]] = [:]
        var expression: [Word]?
        var endOfFlags = false
        var i = 0
        var lastRange = (words.last ?? verb).range
        if let b = command.textBlockRange { lastRange = b }

        func positionalSpec(_ index: Int) -> ArgSpec? {
            if index < eff.positionals.count { return eff.positionals[index] }
            if let l = eff.positionals.last, l.variadic { return l }
            return nil
        }

        while i < rest.count {
            let w = rest[i]
            i += 1
            if !endOfFlags && !w.quoted && w.text == "--" { endOfFlags = true; continue }
            if !endOfFlags && isFlagWord(w) {
                let body = w.text.dropFirst(2)
                let name: String
                var inline: String?
                if let eq = body.firstIndex(of: "=") {
                    name = String(body[..<eq])
                    inline = String(body[body.index(after: eq)...])
                } else {
                    name = String(body)
                }
                guard let fs = flagSpecs.first(where: { $0.matches(name) }) else {
                    if expression != nil { expression?.append(w); continue }
                    let nameRange = SourceRange(file: w.range.file, line: w.range.line, column: w.range.column,
                                                length: name.count + 2)
                    var e = ShellError(zh: "\(verbLabel) 没有选项 --\(name)", en: "`\(verbLabel)` has no option --\(name)",
                                       range: nameRange)
                    if let near = Suggest.nearest(name, among: flagSpecs.flatMap { [$0.name] + ($0.alias.map { [$0] } ?? []) }) {
                        e.hint = Localized(zh: "是不是 --\(near)？", en: "did you mean `--\(near)`?")
                    } else {
                        let all = flagSpecs.map { "--" + $0.name }.joined(separator: " ")
                        e.hint = Localized(zh: "可用选项：\(all)", en: "options: \(all)")
                    }
                    throw e
                }
                if !fs.repeatable, flags[fs.name] != nil {
                    throw ShellError(zh: "选项 --\(fs.name) 重复", en: "option --\(fs.name) given twice", range: w.range)
                }
                if case .switch = fs.kind {
                    if let v = inline {
                        throw ShellError(zh: "选项 --\(fs.name) 不带值（给了“\(v)”）",
                                         en: "option --\(fs.name) takes no value (got `\(v)`)", range: w.range)
                    }
                    flags[fs.name, default: []].append(Arg(raw: w.text, range: w.range, value: .flag(true)))
                    continue
                }
                let raw: String
                let range: SourceRange
                if let v = inline {
                    raw = v
                    range = w.range.dropping(name.count + 3)
                } else {
                    guard i < rest.count, !isFlagWord(rest[i]) else {
                        throw ShellError(zh: "选项 --\(fs.name) 缺少值（\(fs.kind.placeholder)）",
                                         en: "option --\(fs.name) needs a value (\(fs.kind.placeholder))", range: w.range)
                    }
                    raw = rest[i].text
                    range = rest[i].range
                    i += 1
                }
                var value = try ValueParser.parse(raw, kind: fs.kind, range: range, session: session, name: "--" + fs.name)
                var fullRange = range
                if case .idList(let k) = fs.kind, case .ids(var ids) = value {
                    while i < rest.count, !rest[i].quoted, let more = EntityID(parsing: rest[i].text), more.kind == k {
                        ids.append(more)
                        fullRange = fullRange.through(rest[i].range)
                        i += 1
                    }
                    value = .ids(ids)
                }
                if case .expression = fs.kind {
                    var ws = [Word(text: raw, range: range, quoted: false)]
                    while i < rest.count, !isFlagWord(rest[i]) { ws.append(rest[i]); i += 1 }
                    value = .expression(ws)
                }
                if fs.required, case .text = fs.kind { try nonBlank(raw, range: range, what: "--" + fs.name, verb: verbLabel) }
                flags[fs.name, default: []].append(Arg(raw: raw, range: fullRange, value: value))
                continue
            }
            if expression != nil { expression?.append(w); continue }
            guard let ps = positionalSpec(positionals.count) else {
                if case .idList(let k) = eff.positionals.last?.kind, let lastArg = positionals.last,
                   case .ids(let ids) = lastArg.value, let more = EntityID(parsing: w.text), more.kind == k {
                    positionals[positionals.count - 1] = Arg(raw: lastArg.raw + " " + w.text,
                                                             range: lastArg.range.through(w.range), value: .ids(ids + [more]))
                    continue
                }
                // `calendar chek 2020-01-01`: the first word was a near miss of a sub-verb, read as the argument.
                if let first = positionals.first, let word = rest.first(where: { $0.range == first.range }),
                   let near = nearSubverb(eff, word) { throw near }
                throw ShellError(zh: "\(verbLabel) 的参数过多：“\(w.text)”", en: "too many arguments for `\(verbLabel)`: `\(w.text)`",
                                 range: w.range, hint: Localized(zh: "用法：\(eff.usage)", en: "usage: \(eff.usage)"))
            }
            if case .expression = ps.kind {
                expression = [w]
                continue
            }
            let v: Value
            do {
                v = try ValueParser.parse(w.text, kind: ps.kind, range: w.range, session: session, name: ps.name)
            } catch {
                // `report montly 2020-01`, `extend aprove X1`: a near miss of a sub-verb, not a bad case id.
                if positionals.isEmpty, let near = nearSubverb(eff, w) { throw near }
                throw error
            }
            if !ps.optional && !ps.variadic, case .text = ps.kind { try nonBlank(w.text, range: w.range, what: ps.name, verb: verbLabel) }
            positionals.append(Arg(raw: w.text, range: w.range, value: v))
        }
        if let ex = expression, let first = ex.first, let last = ex.last {
            positionals.append(Arg(raw: ex.map(\.text).joined(separator: " "), range: first.range.through(last.range),
                                   value: .expression(ex)))
        }

        var textBlock = command.textBlock
        if let block = textBlock {
            guard eff.textBlock else {
                throw ShellError(zh: "\(verbLabel) 不接受文本块", en: "`\(verbLabel)` takes no text block",
                                 range: command.textBlockRange ?? command.range)
            }
            let br = command.textBlockRange ?? command.range
            if let ps = positionalSpec(positionals.count), case .text = ps.kind {
                positionals.append(Arg(raw: block, range: br, value: .text(block)))
            } else if let f = flagSpecs.first(where: { $0.fromBlock }), flags[f.name] == nil {
                flags[f.name] = [Arg(raw: block, range: br, value: .text(block))]
            }
        } else {
            textBlock = nil
        }

        if positionals.count < eff.positionals.count {
            let missing = eff.positionals[positionals.count]
            if !missing.optional && !(missing.variadic && !positionals.isEmpty && positionals.count >= eff.positionals.count) {
                // In Chinese, named by its help and its choices or an example id rather than by the English argument
                // name; the usage hint below names it as the synopsis does.
                let example: String? = switch missing.kind {
                case .choice(let cs): cs.map(\.code).joined(separator: "|")
                case .id(let k), .idList(let k): "\(k.rawValue)7"
                default: nil
                }
                // An argument declared without help is named by its kind ("follow 缺少参数" said nothing more).
                let zh = "：" + (missing.help.zh.isEmpty ? Self.zhNoun(missing.kind) : missing.help.zh) + (example.map { "（如 \($0)）" } ?? "")
                throw ShellError(zh: "\(verbLabel) 缺少参数\(zh)", en: "`\(verbLabel)` is missing \(missing.name)",
                                 range: lastRange.after,
                                 hint: Localized(zh: "用法：\(eff.usage)", en: "usage: \(eff.usage)"))
            }
        }
        if let f = eff.allFlags.first(where: { $0.required && flags[$0.name] == nil }) {
            throw missingOption(f, of: eff, range: verbRange)
        }
        let inv = Invocation(spec: eff, positionals: positionals, flags: flags, textBlock: textBlock,
                             range: command.range, source: command.source, words: words,
                             format: outputFormat(eff, flags, session), bom: flags["bom"] != nil || session?.csvBOM == true)
        return (inv, entry)
    }

    /// The one place the output format of a command is worked out: its `--format` (unless the verb declares an option
    /// of that name for itself, as `meeting minutes --format html` does), else the session's.
    /// A verb's own `--format json` (`report monthly`, whose other values are document formats) is the output format.
    static func outputFormat(_ spec: CommandSpec, _ flags: [String: [Arg]], _ session: Session?) -> OutputFormat {
        let own = spec.flags.contains { $0.name == FlagSpec.format.name }
        let text = flags[FlagSpec.format.name]?.last?.text
        let given = own ? (text == OutputFormat.json.rawValue ? .json : nil) : text.flatMap(OutputFormat.init(rawValue:))
        return given ?? session?.format ?? .table
    }

    /// `` `policy` has no sub-command `foo` ``, with the nearest one or the list.
    static func noSubverb(_ spec: CommandSpec, _ word: Word) -> ShellError {
        var e = ShellError(zh: "\(spec.fullName) 没有子命令“\(word.text)”", en: "`\(spec.fullName)` has no sub-command `\(word.text)`",
                           range: word.range)
        let subs = spec.subverbs.map { "\($0.spec.name) (\($0.spec.alias))" }.joined(separator: ", ")
        if let near = Suggest.nearest(word.text, among: spec.subverbs.flatMap { [$0.spec.name, $0.spec.alias] }),
           let s = spec.subverb(named: near) {
            e.hint = Localized(zh: "是不是 \(spec.fullName) \(displayName(s.spec, near))？",
                               en: "did you mean `\(spec.fullName) \(displayName(s.spec, near))`?")
        } else {
            e.hint = Localized(zh: "子命令：\(subs)", en: "sub-commands: \(subs)")
        }
        return e
    }

    /// The "no such sub-command" error when `word` (unquoted) is a near miss of one of `spec`'s sub-verbs: for verbs
    /// that take an argument of their own beside their sub-verbs (`calendar [YEAR-MONTH]`, `report CASE`), where the
    /// mistyped sub-verb was first read as that argument.
    static func nearSubverb(_ spec: CommandSpec, _ word: Word) -> ShellError? {
        guard !spec.subverbs.isEmpty, !word.quoted,
              Suggest.nearest(word.text, among: spec.subverbs.flatMap { [$0.spec.name, $0.spec.alias] }) != nil else { return nil }
        return noSubverb(spec, word)
    }

    /// What a value of `kind` is, in Chinese, for an argument without help of its own.
    static func zhNoun(_ kind: ValueKind) -> String {
        switch kind {
        case .text: "文字"
        case .word: "名称"
        case .integer: "数字"
        case .time: "时间"
        case .date: "日期"
        case .span: "时长"
        case .spanOrWorkdays: "时长或工作日数"
        case .id, .idList: "编号"
        case .department, .assessedDepartment: "部门"
        case .choice: "取值"
        case .switch: "开关"
        case .path: "文件"
        case .expression: "条件"
        }
    }

    /// The one error for a required option that was not given, pointing at the verb.
    static func missingOption(_ f: FlagSpec, of spec: CommandSpec, range: SourceRange?) -> ShellError {
        let what = "--\(f.name) \(f.kind.placeholder)" + (f.kind.rangeText.map { "（\($0)）" } ?? "")
        let whatEN = "--\(f.name) \(f.kind.placeholder)" + (f.kind.rangeText.map { " (\($0))" } ?? "")
        return ShellError(zh: "\(spec.fullName) 缺少选项 \(what)", en: "`\(spec.fullName)` needs \(whatEN)", range: range,
                          hint: Localized(zh: "用法：\(spec.usage)", en: "usage: \(spec.usage)"))
    }

    /// A required text given as `""` or blanks.
    static func nonBlank(_ raw: String, range: SourceRange, what: String, verb: String) throws(ShellError) {
        guard raw.allSatisfy(\.isWhitespace) else { return }
        throw ShellError(zh: "\(verb) 的 \(what) 不能为空", en: "`\(verb)`: \(what) is empty", range: range)
    }
}

extension Invocation {
    /// The error for an option a handler needs in this case (`respond` without `--draft` needs `--channel`): the same
    /// words as the parser's for a required option.
    func missing(_ option: ArgumentRef) -> ShellError {
        let f = spec.allFlags.first { $0.name == option.name } ?? FlagSpec(option.name, .text)
        return Parser.missingOption(f, of: spec, range: verbRange)
    }
}
