import YuqingCore

extension ShellVerbs {
    struct Help: Verb {
        static let spec = CommandSpec(
            name: "help", alias: "帮助", group: .shell,
            summary: .both("列出命令，或显示某个命令的用法", "list the commands, or show how to use one"),
            synopsis: "help [VERB [SUBVERB]]",
            help: .both("不带参数时按类别列出所有命令；help 命令 显示用法、选项和示例（中英文命令名均可；命令后加 --help 同样，如 claim --help）。不是命令名时，在子命令名和中英文说明中查找（help 纪要）。",
                        "Without arguments, lists every command by group; `help VERB` shows its usage, options and examples (English or Chinese names; `VERB --help` does the same, e.g. `claim --help`). A word that is not a verb is looked up among sub-verbs and the summaries in both languages (`help minutes`)."),
            examples: ["help", "help claim", "help 时钟", "help clock set", "help 纪要", "claim --help"])

        @Argument(.word, name: "VERB", help: .both("命令名（英文或中文）", "a verb (English or Chinese)")) var verbs: [String]

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let entries = ShellVerbs.entriesInUse(session)
            let args = $verbs.args
            // Folded to the terminal's width (only there, and only as a table: scripts and pipes get it unchanged).
            let width = inv.format == .table ? session.runContext?.sink.terminalWidth : nil
            guard let first = args.first else {
                return CommandOutput(document: HelpText.overview(entries, language: session.language, width: width))
            }
            guard let spec = entries.first(where: { $0.spec.matches(first.raw) })?.spec else {
                // Not a verb: a sub-verb's name (`help 纪要`, `help minutes`) or a word of a summary, in either language.
                let found = Help.search(first.raw, in: entries)
                if found.count == 1, found[0].sub.spec.matches(first.raw) {
                    return CommandOutput(document: HelpText.verb(found[0].sub.spec, language: session.language, width: width))
                }
                if !found.isEmpty {
                    let lang = session.language
                    let names = found.map { f in
                        let name = f.parent.map { "\($0.name) \(f.sub.spec.name)" } ?? f.sub.spec.name
                        let alias = f.parent.map { "\($0.alias) \(f.sub.spec.alias)" } ?? f.sub.spec.alias
                        return "\(name) (\(alias))"
                    }
                    // The summaries in one column, as in `help` (Chinese names count two columns).
                    let column = names.map(DisplayWidth.of).max() ?? 0
                    let lines = zip(names, found).map { name, f in
                        "  \(DisplayWidth.pad(name, to: column, align: .left))  \(f.sub.spec.summary.text(lang))"
                    }
                    let head = lang == .zh ? "与“\(first.raw)”有关的命令（help 命令 子命令 查看详情）：" : "Commands about “\(first.raw)” (help VERB SUBVERB for details):"
                    return CommandOutput(document: ([head] + lines).joined(separator: "\n"))
                }
                var e = ShellError(zh: "没有命令“\(first.raw)”", en: "no command `\(first.raw)`", range: first.range, kind: .notFound)
                if let near = Suggest.nearest(first.raw, among: entries.filter { !$0.spec.hidden }.flatMap { [$0.spec.name, $0.spec.alias] }) {
                    e.hint = .both("是不是 \(near)？", "did you mean `\(near)`?")
                }
                throw e
            }
            if args.count > 1 {
                let second = args[1]
                guard let sub = spec.subverb(named: second.raw) else {
                    // With the nearest sub-verb or the list, as the parser says it (`help calendar chek`).
                    var e = Parser.noSubverb(spec, Word(text: second.raw, range: second.range, quoted: false))
                    e.kind = .notFound
                    throw e
                }
                return CommandOutput(document: HelpText.verb(sub.spec, language: session.language, width: width))
            }
            return CommandOutput(document: HelpText.verb(spec, language: session.language, width: width))
        }

        /// Sub-verbs (and verbs) whose name, alias or summary in either language contains `word`, in table order.
        static func search(_ word: String, in entries: [CommandEntry]) -> [(parent: CommandSpec?, sub: CommandEntry)] {
            let w = word.lowercased()
            func hit(_ s: CommandSpec) -> Bool {
                [s.name, s.alias, s.summary.zh, s.summary.en].contains { $0.lowercased().contains(w) }
            }
            var out: [(parent: CommandSpec?, sub: CommandEntry)] = []
            for e in entries where !e.spec.hidden {
                if hit(e.spec) { out.append((nil, e)) }
                for sub in e.spec.subverbs where !sub.spec.hidden && hit(sub.spec) { out.append((e.spec, sub)) }
            }
            return out
        }
    }

    struct CommandsMarkdown: Verb {
        static let spec = CommandSpec(
            name: "commands-md", alias: "命令文档", group: .shell,
            summary: .both("以 Markdown 输出命令参考（docs/commands.md）", "print the command reference as Markdown (docs/commands.md)"),
            hidden: true)

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            var o = CommandOutput(document: HelpText.markdown(ShellVerbs.entriesInUse(session)))
            o.documentIsMarkup = true
            return o
        }
    }
}
