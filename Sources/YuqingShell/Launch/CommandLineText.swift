import YuqingCore

/// What `yuqing --help` and a bad command line say, in the user's language (`--lang`, else the locale). The argv
/// parser's own messages are English; the executable passes them through `usageError`, which says them in Chinese.
public enum CommandLineText {
    /// `--lang zh` / `--lang=zh` on the command line, else the locale (`Launcher.defaultLanguage`).
    public static func language(_ arguments: [String], environment: Environment = .current) -> Language {
        for (i, a) in arguments.enumerated() {
            if a == "--lang", i + 1 < arguments.count, let l = Language(rawValue: arguments[i + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst(7))) { return l }
        }
        return Launcher.defaultLanguage(environment)
    }

    /// True when the command line asks for help (before any `-c` text or script name could contain the word).
    public static func wantsHelp(_ arguments: [String]) -> Bool {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--help" || a == "-h" { return true }
            if ["-c", "--db", "--format", "--lang"].contains(a) { i += 2; continue }
            if a == "run" || a == "运行" { return false }
            i += 1
        }
        return false
    }

    public static func help(_ lang: Language, version: String) -> String {
        switch lang {
        case .zh:
            return """
            yuqing \(version) — 政务舆情回应系统的对话式命令行

            用法：
              yuqing                 在终端上进入交互界面；标准输入不是终端时逐行执行其中的命令
              yuqing run 文件…       执行脚本文件
              yuqing -c '命令'       执行命令（可重复）

            选项：
              -c 命令                执行命令（可重复）
              --db 路径              数据库：SQLite 文件（默认为数据目录中的 yuqing.sqlite，或 $YUQING_DB），
                                     或 PostgreSQL 地址（postgres://用户@主机:端口/库名）
              --format 格式          输出格式：table（表格）、json、csv 或 md
              --lang 语言            界面语言：zh（中文）或 en（英文），默认取自 LC_ALL/LANG
              --keep-going           命令出错后继续执行（退出状态仍为非零）
              --no-init              不执行启动文件
              --version              显示版本
              -h, --help             显示本说明

            退出状态：0 成功；1 有命令失败；2 用法错误（参数有误、文件无法读取）；3 内部错误。
            启动文件：$XDG_CONFIG_HOME/yuqing/init.yq（~/.config/yuqing/init.yq），--no-init 跳过。
            进入后输入 help 查看全部命令。

            """
        case .en:
            return """
            yuqing \(version) — a chat-style shell for a city's government-affairs public opinion response system

            Usage:
              yuqing                 interactive shell on a terminal; commands from standard input otherwise
              yuqing run FILE…       run script files
              yuqing -c 'COMMAND'    run commands (repeatable)

            Options:
              -c COMMAND             run COMMAND (repeatable)
              --db PATH              the store: a SQLite file (default: yuqing.sqlite in the data directory, or
                                     $YUQING_DB) or a PostgreSQL URL (postgres://user@host:port/dbname)
              --format FORMAT        output format: table, json, csv or md
              --lang LANG            interface language: zh or en (default from LC_ALL/LANG)
              --keep-going           go on after a failing command (the exit status is still non-zero)
              --no-init              do not run the start-up file
              --version              show the version
              -h, --help             show this help

            Exit status: 0 ok; 1 a command failed; 2 usage error (bad arguments, unreadable file); 3 internal failure.
            Start-up file: $XDG_CONFIG_HOME/yuqing/init.yq (~/.config/yuqing/init.yq), skipped with --no-init.
            Type `help` inside for every command.

            """
        }
    }

    /// The command-line checks of the executable, in both languages.
    public enum Problem {
        case format(String), language(String), unexpected(String), runNeedsFile, runAndCommand

        public var message: Localized {
            switch self {
            case .format(let f): Localized(zh: "--format 只能是 table、json、csv 或 md（给了“\(f)”）", en: "--format must be table, json, csv or md (got '\(f)')")
            case .language(let l): Localized(zh: "--lang 只能是 zh 或 en（给了“\(l)”）", en: "--lang must be zh or en (got '\(l)')")
            case .unexpected(let w): Localized(zh: "多余的参数“\(w)”：用 yuqing run 文件… 或 yuqing -c '命令'", en: "unexpected argument '\(w)': use `yuqing run FILE…` or `yuqing -c 'COMMAND'`")
            case .runNeedsFile: Localized(zh: "run 至少需要一个文件", en: "`run` needs at least one FILE")
            case .runAndCommand: Localized(zh: "run 文件… 与 -c 只能用其一", en: "use either `run FILE…` or `-c`, not both")
            }
        }
    }

    /// The argv parser's English messages and their Chinese: (pattern, template with `$1`).
    static let parserMessages: [(String, String)] = [
        ("^Unknown option '(.+)'", "未知选项“$1”"),
        ("^Missing value for '(.+)'", "选项“$1”缺少值"),
        ("^Unexpected argument '(.+)'", "多余的参数“$1”"),
        ("^The value '(.+)' is invalid for '(.+)'", "“$2”的值“$1”无效"),
        ("^Missing expected argument '(.+)'", "缺少参数“$1”"),
    ]

    /// A usage error as printed: the message (said in Chinese when the language is zh) and where to look.
    public static func usageError(_ message: String, language: Language) -> String {
        var text = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
        if let nl = text.firstIndex(of: "\n") { text = String(text[..<nl]) }
        if language == .zh { text = chinese(text) }
        return language == .zh ? "yuqing：用法错误：\(text)\n用 yuqing --help 查看用法。\n"
                               : "yuqing: usage error: \(text)\nSee `yuqing --help`.\n"
    }

    /// `--db <PATH>` as `yuqing --help` names it in Chinese (`--db 路径`): the parser's placeholders are English.
    static func placeholdersInChinese(_ option: String) -> String {
        let names = ["<COMMAND>": "命令", "<PATH>": "路径", "<format>": "格式", "<lang>": "语言", "<FILE>": "文件"]
        var out = option
        for (en, zh) in names { out = out.replacingOccurrences(of: " " + en, with: " " + zh) }
        return out
    }

    static func chinese(_ english: String) -> String {
        for p in [Problem.format(""), .language(""), .runNeedsFile, .runAndCommand] where p.message.en == english { return p.message.zh }
        for (pattern, template) in parserMessages {
            guard let r = english.range(of: pattern, options: .regularExpression) else { continue }
            let matched = String(english[r])
            let parts = captures(matched, pattern)
            var out = template
            for (i, p) in parts.enumerated() { out = out.replacingOccurrences(of: "$\(i + 1)", with: placeholdersInChinese(p)) }
            return out
        }
        for word in ["format", "lang"] where english.hasPrefix("--\(word) must be") {
            let got = english.split(separator: "'").dropFirst().first.map(String.init) ?? ""
            return (word == "format" ? Problem.format(got) : Problem.language(got)).message.zh
        }
        if english.hasPrefix("unexpected argument '") {
            return Problem.unexpected(english.split(separator: "'").dropFirst().first.map(String.init) ?? "").message.zh
        }
        return "命令行参数有误（\(english)）"
    }

    /// The quoted parts of a message (`'…'`), in order.
    static func captures(_ s: String, _ pattern: String) -> [String] {
        s.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }
}
