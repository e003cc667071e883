import YuqingCore

extension ShellVerbs {
    struct Help: Verb {
        static let spec = CommandSpec(
            name: "help", alias: "帮助", group: .shell,
            summary: .both("列出命令，或显示某个命令的用法", "list the commands, or show how to use one"),
            synopsis: "help [VERB [SUBVERB]]",
            help: .both("不带参数时按类别列出所有命令；help 命令 显示用法、选项和示例（中英文命令名均可）。",
                        "Without arguments, lists every command by group; `help VERB` shows its usage, options and examples (English or Chinese names)."),
            examples: ["help", "help claim", "help 时钟", "help clock set"])

        @Argument(.word, name: "VERB", help: .both("命令名（英文或中文）", "a verb (English or Chinese)")) var verbs: [String]

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let entries = ShellVerbs.entriesInUse(session)
            let args = $verbs.args
            guard let first = args.first else {
                return CommandOutput(document: HelpText.overview(entries, language: session.language))
            }
            guard let spec = entries.first(where: { $0.spec.matches(first.raw) })?.spec else {
                var e = ShellError(zh: "没有命令“\(first.raw)”", en: "no command `\(first.raw)`", range: first.range, kind: .notFound)
                if let near = Suggest.nearest(first.raw, among: entries.filter { !$0.spec.hidden }.flatMap { [$0.spec.name, $0.spec.alias] }) {
                    e.hint = .both("是不是 \(near)？", "did you mean `\(near)`?")
                }
                throw e
            }
            if args.count > 1 {
                let second = args[1]
                guard let sub = spec.subverb(named: second.raw) else {
                    throw ShellError(zh: "\(spec.name) 没有子命令“\(second.raw)”", en: "`\(spec.name)` has no sub-command `\(second.raw)`",
                                     range: second.range, kind: .notFound)
                }
                return CommandOutput(document: HelpText.verb(sub.spec, language: session.language))
            }
            return CommandOutput(document: HelpText.verb(spec, language: session.language))
        }
    }

    struct CommandsMarkdown: Verb {
        static let spec = CommandSpec(
            name: "commands-md", alias: "命令文档", group: .shell,
            summary: .both("以 Markdown 输出命令参考（docs/commands.md）", "print the command reference as Markdown (docs/commands.md)"),
            hidden: true)

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            CommandOutput(document: HelpText.markdown(ShellVerbs.entriesInUse(session)))
        }
    }
}
