import YuqingCore

/// Help and the command reference, generated from the command table so they cannot drift from the parser.
public enum HelpText {
    /// Names and descriptions in two columns; with a terminal's `width`, a long description folds under its own
    /// column, not back to the margin.
    /// A name wider than two fifths of the terminal (`--role patrol|liaison|…`) stands on its own line, its
    /// description under the column, so one long name does not squeeze every description to the right edge.
    static func columns(_ rows: [(String, String)], indent: String = "  ", width: Int? = nil) -> String {
        let cap = width.map { max(16, $0 * 2 / 5) } ?? Int.max
        let names = rows.map { DisplayWidth.of($0.0) }
        let w = names.filter { $0 <= cap }.max() ?? names.max() ?? 0
        let hang = DisplayWidth.of(indent) + w + 2
        return rows.map { r in
            guard !r.1.isEmpty else { return indent + r.0 + "\n" }
            let text = width.map { SentenceWrap.lines(r.1, width: $0, hang: hang).joined(separator: "\n") } ?? r.1
            if DisplayWidth.of(r.0) > w {
                return indent + r.0 + "\n" + String(repeating: " ", count: hang) + text + "\n"
            }
            return indent + DisplayWidth.pad(r.0, to: w, align: .left) + "  " + text + "\n"
        }.joined()
    }

    /// `help`: the verbs by group. `width`: the terminal's columns, when known (descriptions fold there).
    public static func overview(_ entries: [CommandEntry], language lang: Language, width: Int? = nil) -> String {
        var out = lang == .zh ? "命令（help 命令 查看详情）：\n" : "Commands (help VERB for details):\n"
        for g in CommandGroup.allCases {
            let specs = entries.map(\.spec).filter { $0.group == g && !$0.hidden }
            guard !specs.isEmpty else { continue }
            out += "\n" + g.title.text(lang) + "\n"
            out += columns(specs.map { ("\($0.name) (\($0.alias))", $0.summary.text(lang)) }, width: width)
        }
        return out
    }

    static func flagLine(_ f: FlagSpec) -> String {
        var s = "--" + f.name
        if case .switch = f.kind {} else { s += " " + f.kind.placeholder }
        if f.repeatable { s += " …" }
        return s
    }

    /// An option as its row in `help VERB` and docs/commands.md: with its Chinese spelling when it has one
    /// (`--role, --角色 ROLE`), since the parser accepts both.
    static func optionLine(_ f: FlagSpec) -> String {
        guard let alias = f.alias else { return flagLine(f) }
        var s = "--\(f.name), --\(alias)"
        if case .switch = f.kind {} else { s += " " + f.kind.placeholder }
        if f.repeatable { s += " …" }
        return s
    }

    static func argLine(_ a: ArgSpec) -> String {
        var s = a.name
        if a.variadic { s += "…" }
        return a.optional ? "[\(s)]" : s
    }

    /// The help of an argument with its range, if it has one: `working days (1–60)`.
    static func helpText(_ help: Localized, _ kind: ValueKind, required: Bool = false, _ lang: Language) -> String {
        var notes: [String] = []
        if let r = kind.rangeText { notes.append(r) }
        if required { notes.append(lang == .zh ? "必需" : "required") }
        let text = help.text(lang)
        guard !notes.isEmpty else { return text }
        return lang == .zh ? text + "（" + notes.joined(separator: "；") + "）"
                           : text + (text.isEmpty ? "" : " ") + "(" + notes.joined(separator: "; ") + ")"
    }

    /// `help VERB` (or `help VERB SUB`). `width`: the terminal's columns, when known: the text folds there, the
    /// usage line at its `[--option VALUE]` groups under `用法：`, and the examples (typed as shown) never.
    public static func verb(_ spec: CommandSpec, language lang: Language, width: Int? = nil) -> String {
        let full = spec.fullName
        let label: (String, String) -> String = { zh, en in lang == .zh ? zh : en }
        func fold(_ s: String, hang: Int) -> String {
            guard let width else { return s }
            return SentenceWrap.lines(s, width: width, hang: hang).joined(separator: "\n")
        }
        var out = fold("\(full) (\(spec.alias)) — \(spec.summary.text(lang))", hang: 2) + "\n"
        let usage = label("用法：", "usage: ")
        out += usage + (width.map { usageLines(spec.usage, width: $0, hang: DisplayWidth.of(usage)) } ?? spec.usage) + "\n"
        if spec.help.text(lang) != spec.summary.text(lang) { out += "\n" + SentenceWrap.text(spec.help.text(lang), width: width) + "\n" }
        let args = spec.positionals.filter { !$0.help.text(lang).isEmpty }
        if !args.isEmpty {
            out += "\n" + label("参数：", "Arguments:") + "\n"
            out += columns(args.map { (argLine($0), helpText($0.help, $0.kind, lang)) }, width: width)
        }
        let flags = spec.allFlags
        if !flags.isEmpty {
            out += "\n" + label("选项：", "Options:") + "\n"
            out += columns(flags.map { (optionLine($0), helpText($0.help, $0.kind, required: $0.required, lang)) }, width: width)
            // Values that say more than their names, under the option they belong to (they followed the last
            // option unlabelled, and `website (网站)  网站` said nothing new).
            for f in flags {
                if case .choice(let cs) = f.kind,
                   cs.contains(where: { c in
                       let h = c.help.text(lang)
                       return !h.isEmpty && h.lowercased() != c.code.replacingOccurrences(of: "-", with: " ") && h != c.code && h != c.zh }) {
                    out += "\n" + label("  --\(f.name) 的取值：", "  --\(f.name) values:") + "\n"
                    out += columns(cs.map { ("\($0.code) (\($0.zh))", $0.help.text(lang)) }, indent: "      ", width: width)
                }
            }
        }
        if !spec.subverbs.isEmpty {
            out += "\n" + label("子命令：", "Sub-commands:") + "\n"
            out += columns(spec.subverbs.map { ("\($0.spec.fullName) (\($0.spec.alias))", $0.spec.summary.text(lang)) }, width: width)
        }
        if !spec.examples.isEmpty {
            out += "\n" + label("示例：", "Examples:") + "\n"
            out += spec.examples.map { e in "  " + (width.map { exampleLines(e, width: $0) } ?? e) + "\n" }.joined()
        }
        return out
    }

    /// A usage line folded between its alternatives (`… | drill join [N] [--as NAME] | …`), each kept whole when
    /// it fits, and never inside a `[--option VALUE]` group.
    static func usageLines(_ usage: String, width: Int, hang: Int) -> String {
        // Alternatives are split at ` | ` outside brackets; spaces inside one become unbreakable while it fits.
        var alternatives: [String] = []
        var current = ""
        var depth = 0
        let chars = Array(usage)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
            if depth == 0, c == " ", i + 2 < chars.count, chars[i + 1] == "|", chars[i + 2] == " " {
                alternatives.append(current)
                current = "|"
                i += 2
                continue
            }
            current.append(c)
            i += 1
        }
        alternatives.append(current)
        let glue: Character = "\u{A0}"
        let room = width - hang
        let text = alternatives.map { DisplayWidth.of($0) <= room ? String($0.map { $0 == " " ? glue : $0 }) : $0 }
            .joined(separator: " ")
        return SentenceWrap.lines(text, width: width, hang: hang, groups: true).joined(separator: "\n")
            .replacingOccurrences(of: String(glue), with: " ")
    }

    /// An example wider than the terminal, folded at spaces outside quotes with the shell's ` \` continuation, so
    /// what is shown can still be typed or pasted as it stands.
    static func exampleLines(_ example: String, width: Int) -> String {
        guard DisplayWidth.of(example) + 2 > width else { return example }
        var words: [String] = []
        var current = ""
        var quote: Character?
        for c in example {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
            } else if c == " " {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                if c == "\"" || c == "'" { quote = c }
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        // Two columns of indent before the first line, six before the others, two for ` \`.
        var lines: [String] = []
        var line = ""
        for w in words {
            let indent = lines.isEmpty ? 2 : 6
            if !line.isEmpty && indent + DisplayWidth.of(line) + 1 + DisplayWidth.of(w) + 2 > width {
                lines.append(line)
                line = w
            } else {
                line += line.isEmpty ? w : " " + w
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.enumerated().map { i, l in (i == 0 ? "" : "      ") + l + (i < lines.count - 1 ? " \\" : "") }
            .joined(separator: "\n")
    }

    /// docs/commands.md: every verb, in both languages.
    public static func markdown(_ entries: [CommandEntry]) -> String {
        var out = """
        # yuqing command reference / 命令参考

        <!-- Generated from the command table: do not edit by hand. Regenerate with
             `swift run yuqing --commands-md > docs/commands.md`
             (a test fails when this file differs from the table). -->

        Every verb has an English name and a Chinese alias; both are accepted everywhere. Every command accepts
        `--format table|json|csv|md` and `--bom`, except those that write a document (`meeting minutes`, `report
        special|monthly|daily`, `drill report`, `drill brief`), whose `--format` is the document's: `md|html|docx`
        (`report monthly` also takes `json`, the report as data). Every command that changes something accepts
        `--at TIME`.

        """
        for g in CommandGroup.allCases {
            let specs = entries.map(\.spec).filter { $0.group == g }
            guard !specs.isEmpty else { continue }
            out += "\n## \(g.title.en) / \(g.title.zh)\n"
            for s in specs { out += section(s) }
        }
        return out
    }

    static func section(_ s: CommandSpec) -> String {
        var out = "\n\(s.parent == nil ? "###" : "####") `\(s.fullName)` (\(s.alias))\(s.hidden ? " — hidden" : "")\n\n"
        out += "    \(s.usage)\n\n"
        out += "\(s.help.en)\n\n\(s.help.zh)\n"
        let args = s.positionals
        if !args.isEmpty {
            out += "\n| argument | kind | en | zh |\n| --- | --- | --- | --- |\n"
            for a in args {
                out += "| `\(argLine(a))` | \(md(a.kind.placeholder)) | \(md(helpText(a.help, a.kind, .en))) | \(md(helpText(a.help, a.kind, .zh))) |\n"
            }
        }
        let flags = s.allFlags
        if !flags.isEmpty {
            out += "\n| option | en | zh |\n| --- | --- | --- |\n"
            for f in flags {
                out += "| `\(md(optionLine(f)))` | \(md(helpText(f.help, f.kind, required: f.required, .en))) | \(md(helpText(f.help, f.kind, required: f.required, .zh))) |\n"
            }
        }
        var choices: [String] = []
        for k in args.map(\.kind) + flags.map(\.kind) {
            if case .choice(let cs) = k { choices.append(cs.map { "`\($0.code)` (\($0.zh))" }.joined(separator: ", ")) }
        }
        for c in choices where !choices.isEmpty { out += "\nValues / 取值: \(c)\n" }
        if s.mutates { out += "\nChanges state; accepts `--at TIME`. / 修改数据；接受 `--at 时间`。\n" }
        if s.textBlock { out += "\nAccepts a `<<END … END` text block. / 接受 `<<END … END` 文本块。\n" }
        if !s.examples.isEmpty {
            out += "\nExamples / 示例:\n\n" + s.examples.map { "    \($0)\n" }.joined()
        }
        for sub in s.subverbs { out += section(sub.spec) }
        return out
    }

    static func md(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
