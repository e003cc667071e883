/// Why a `policy …` line was refused. `wordIndex` points into the words handed to `Policy.apply(words:)` (0 is the
/// word after `policy`), so the shell can put a caret under the offending word; when a word is missing it points one
/// past the last word.
public enum PolicyError: YuqingError, Hashable, CustomStringConvertible {
    case missingCommand
    case unknownCommand(word: String, suggestion: String?)
    case missingArgument(index: Int, expected: Localized)
    case unknownRule(index: Int, id: String, suggestion: String?)
    case duplicateRule(index: Int, id: String)
    case badRuleID(index: Int, id: String)
    case unknownKey(index: Int, key: String, suggestion: String?)
    /// A key of `policy reading`, `policy supervision` or `policy score` that does not exist.
    case unknownSetting(index: Int, key: String, expected: [String], suggestion: String?)
    case badValue(index: Int, word: String, expected: Localized)
    case extraWord(index: Int, word: String)

    public var wordIndex: Int {
        switch self {
        case .missingCommand, .unknownCommand: 0
        case .missingArgument(let i, _), .unknownRule(let i, _, _), .duplicateRule(let i, _), .badRuleID(let i, _),
             .unknownKey(let i, _, _), .unknownSetting(let i, _, _, _), .badValue(let i, _, _), .extraWord(let i, _): i
        }
    }

    public var message: Localized {
        func hint(_ s: String?) -> Localized {
            guard let s else { return Localized("") }
            return Localized(zh: "；是否想输入「\(s)」？", en: "; did you mean '\(s)'?")
        }
        switch self {
        case .missingCommand:
            return Localized(zh: "policy 后缺少子命令：\(Policy.commands.joined(separator: "、"))",
                             en: "missing sub-command after policy: \(Policy.commands.joined(separator: ", "))")
        case .unknownCommand(let w, let s):
            let h = hint(s)
            return Localized(zh: "未知的 policy 子命令「\(w)」（可用：\(Policy.commands.joined(separator: "、"))）\(h.zh)",
                             en: "unknown policy sub-command '\(w)' (expected \(Policy.commands.joined(separator: ", ")))\(h.en)")
        case .missingArgument(_, let e):
            let gap = e.zh.first.map { $0.isASCII } == true ? " " : ""
            return Localized(zh: "缺少参数：应为\(gap)\(e.zh)", en: "missing argument: expected \(e.en)")
        case .unknownRule(_, let id, let s):
            let h = hint(s)
            return Localized(zh: "没有 id 为「\(id)」的规则（先用 `policy rule \(id) 条款` 声明）\(h.zh)",
                             en: "no rule with id '\(id)' (declare it first with `policy rule \(id) ARTICLE`)\(h.en)")
        case .duplicateRule(_, let id):
            return Localized(zh: "规则「\(id)」已存在；修改请用 `policy set \(id) …`",
                             en: "rule '\(id)' already exists; change it with `policy set \(id) …`")
        case .badRuleID(_, let id):
            return Localized(zh: "规则 id「\(id)」无效：应以小写字母开头，只含小写字母、数字、点和连字符",
                             en: "bad rule id '\(id)': use a lower-case letter followed by lower-case letters, digits, '.' or '-'")
        case .unknownKey(_, let k, let s):
            let h = hint(s)
            return Localized(
                zh: "未知的规则设置「\(k)」（可用：\(PolicyKeys.all.joined(separator: "、"))）\(h.zh)",
                en: "unknown rule setting '\(k)' (expected \(PolicyKeys.all.joined(separator: ", ")))\(h.en)")
        case .unknownSetting(_, let k, let all, let s):
            let h = hint(s)
            return Localized(zh: "未知的设置项「\(k)」（可用：\(all.joined(separator: "、"))）\(h.zh)",
                             en: "unknown setting '\(k)' (expected \(all.joined(separator: ", ")))\(h.en)")
        case .badValue(_, let w, let e):
            // A space between 为 and a Latin word (应为 counted 或 deemed), none before Chinese (应为分值).
            let gap = e.zh.first.map { $0.isASCII } == true ? " " : ""
            return Localized(zh: "「\(w)」无效：应为\(gap)\(e.zh)", en: "bad value '\(w)': expected \(e.en)")
        case .extraWord(_, let w):
            return Localized(zh: "多余的词「\(w)」", en: "unexpected extra word '\(w)'")
        }
    }

    /// A `policy` line is written by a person: a mistake in it is a usage error at `wordIndex`.
    public var kind: ErrorKind { .usage }

    public var description: String { "word \(wordIndex): \(message.en)" }
}

/// The settings of `policy set RULE KEY …`.
enum PolicyKeys {
    static let all = ["article", "title", "about", "limit", "from", "to", "window", "applies", "by", "review"]
}
