import YuqingCore

extension ShellVerbs {
    static let setVerb = CommandEntry(spec: CommandSpec(
        name: "set", alias: "设置", group: .shell,
        summary: .both("设定变量（之后用 $名称 引用）", "set a variable (use it later as $NAME)"),
        synopsis: "set [NAME VALUE…]",
        help: .both("不带参数时列出所有变量。$last 是上一条命令新建的编号。单引号内不展开变量。",
                    "Without arguments lists the variables. $last is the id the last command created. Variables are not expanded inside single quotes."),
        examples: ["set topic \"关于XX小区水质的舆情会商\"", "echo $topic", "set case $last"],
        positionals: [ArgSpec("NAME", .word, optional: true, help: .both("变量名（字母、数字、下划线）", "variable name (letters, digits, _)")),
                      ArgSpec("VALUE", .text, optional: true, variadic: true, help: .both("值（多个词以空格连接）", "value (several words are joined by spaces)"))]
    )) { inv, session throws(ShellError) in
        guard let name = inv.positional(0) else {
            let rows = session.variables.keys.sorted().map { [Cell.text($0), Cell.text(session.variables[$0] ?? "")] }
            return CommandOutput(tables: [Table(columns: [Column("name", .both("变量", "name")), Column("value", .both("值", "value"))], rows: rows)])
        }
        guard let f = name.raw.first, f == "_" || (f.isASCII && f.isLetter),
              name.raw.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
            throw ShellError(zh: "无效的变量名“\(name.raw)”：只能用字母、数字和下划线，且不以数字开头",
                             en: "bad variable name `\(name.raw)`: use letters, digits and _, not starting with a digit", range: name.range)
        }
        try TextLimits.check(name.raw, TextLimits.name, Localized(zh: "变量名", en: "the variable name"), range: name.range)
        guard inv.positionals.count > 1 else {
            throw ShellError(zh: "set 缺少值", en: "`set` is missing VALUE", range: name.range.after,
                             hint: .both("用法：set NAME VALUE", "usage: set NAME VALUE"))
        }
        let value = inv.positionals.dropFirst().map(\.raw).joined(separator: " ")
        try TextLimits.check(value, TextLimits.variable, Localized(zh: "变量的值", en: "the variable's value"),
                             range: inv.positionals[1].range)
        session.variables[name.raw] = value
        return .empty
    }

    static let echo = CommandEntry(spec: CommandSpec(
        name: "echo", alias: "显示", group: .shell,
        summary: .both("显示文字（展开变量）", "print words (with variables expanded)"),
        synopsis: "echo [WORDS…] [<<END … END]",
        examples: ["echo 你好", "echo \"案件 $last 已登记\"", "echo <<END\n第一行\n第二行\nEND"],
        positionals: [ArgSpec("WORDS", .text, optional: true, variadic: true, help: .both("要显示的文字", "the words to print"))],
        textBlock: true
    )) { inv, session throws(ShellError) in
        var text = inv.positionals.filter { $0.raw != inv.textBlock }.map(\.raw).joined(separator: " ")
        if let b = inv.textBlock { text += text.isEmpty ? b : "\n" + b }
        return CommandOutput(document: text)
    }

    static let history = CommandEntry(spec: CommandSpec(
        name: "history", alias: "历史", group: .shell,
        summary: .both("显示本次会话输入过的命令", "show the commands entered in this session"),
        synopsis: "history [N]",
        examples: ["history", "history 5"],
        positionals: [ArgSpec("N", .integer, optional: true, help: .both("只显示最近 N 条", "show only the last N"))]
    )) { inv, session throws(ShellError) in
        let all = session.history
        let n = max(0, inv.positional(0)?.integer ?? all.count)
        let start = max(0, all.count - n)
        let lines = all.indices.dropFirst(start).map { i in
            let num = String(i + 1)
            return String(repeating: " ", count: max(0, 5 - num.count)) + num + "  " + all[i].replacingOccurrences(of: "\n", with: "\n       ")
        }
        return CommandOutput(document: lines.joined(separator: "\n"))
    }
}
