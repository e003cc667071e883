import YuqingCore

extension ShellVerbs {
    struct SetVerb: Verb {
        static let spec = CommandSpec(
            name: "set", alias: "设置", group: .shell,
            summary: .both("设定变量（之后用 $名称 引用）", "set a variable (use it later as $NAME)"),
            synopsis: "set [NAME VALUE… [--secret]]",
            help: .both("不带参数时列出所有变量（保密的值以 ••• 显示）。$last 是上一条命令新建的编号。单引号内不展开变量。--secret 标为保密：其值不写入命令历史文件。",
                        "Without arguments lists the variables (secret values shown as •••). $last is the id the last command created. Variables are not expanded inside single quotes. --secret marks the value secret: it is never written to the history file."),
            examples: ["set topic \"关于XX小区水质的舆情会商\"", "echo $topic", "set case $last", "set token s3cr3t --secret"])

        @Argument(.word, name: "NAME", help: .both("变量名（字母、数字、下划线）", "variable name (letters, digits, _)")) var name: String?
        @Argument(.text, name: "VALUE", help: .both("值（多个词以空格连接）", "value (several words are joined by spaces)")) var value: [String]
        @Flag(help: .both("保密：不写入命令历史，列出时隐去", "secret: kept out of the history file and hidden when listed"), alias: "保密") var secret: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            guard let name, let nameRange = $name.range else {
                let rows = session.variables.keys.sorted().map { k in
                    [Cell.text(k), Cell.text(session.secretVariables.contains(k) ? "•••" : session.variables[k] ?? "")]
                }
                return CommandOutput(tables: [Table(columns: [Column("name", .both("变量", "name")), Column("value", .both("值", "value"))], rows: rows)])
            }
            guard let f = name.first, f == "_" || (f.isASCII && f.isLetter),
                  name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
                throw ShellError(zh: "无效的变量名“\(name)”：只能用字母、数字和下划线，且不以数字开头",
                                 en: "bad variable name `\(name)`: use letters, digits and _, not starting with a digit", range: nameRange)
            }
            try TextLimits.check(name, TextLimits.name, Localized(zh: "变量名", en: "the variable name"), range: nameRange)
            guard !$value.args.isEmpty else {
                throw ShellError(zh: "set 缺少值", en: "`set` is missing VALUE", range: nameRange.after,
                                 hint: .both("用法：set NAME VALUE", "usage: set NAME VALUE"))
            }
            let value = $value.args.map(\.raw).joined(separator: " ")
            try TextLimits.check(value, TextLimits.variable, Localized(zh: "变量的值", en: "the variable's value"),
                                 range: $value.args.first?.range)
            session.variables[name] = value
            if secret { session.secretVariables.insert(name) } else { session.secretVariables.remove(name) }
            return .empty
        }
    }

    struct Echo: Verb {
        static let spec = CommandSpec(
            name: "echo", alias: "显示", group: .shell,
            summary: .both("显示文字（展开变量）", "print words (with variables expanded)"),
            synopsis: "echo [WORDS…] [<<END … END]",
            examples: ["echo 你好", "echo \"案件 $last 已登记\"", "echo <<END\n第一行\n第二行\nEND"],
            textBlock: true)

        @Argument(.text, name: "WORDS", help: .both("要显示的文字", "the words to print")) var words: [String]

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            var text = $words.args.filter { $0.raw != inv.textBlock }.map(\.raw).joined(separator: " ")
            if let b = inv.textBlock { text += text.isEmpty ? b : "\n" + b }
            return CommandOutput(document: text)
        }
    }

    struct History: Verb {
        static let spec = CommandSpec(
            name: "history", alias: "历史", group: .shell,
            summary: .both("显示本次会话输入过的命令", "show the commands entered in this session"),
            synopsis: "history [N]",
            examples: ["history", "history 5"])

        @Argument(.integer(0...1_000_000), name: "N", help: .both("只显示最近 N 条", "show only the last N")) var count: Int?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let all = session.history
            let n = max(0, count ?? all.count)
            let start = max(0, all.count - n)
            let lines = all.indices.dropFirst(start).map { i in
                let num = String(i + 1)
                return String(repeating: " ", count: max(0, 5 - num.count)) + num + "  " + all[i].replacingOccurrences(of: "\n", with: "\n       ")
            }
            return CommandOutput(document: lines.joined(separator: "\n"))
        }
    }
}
