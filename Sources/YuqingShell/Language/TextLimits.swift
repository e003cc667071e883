import YuqingCore

/// The sizes yuqing accepts, each refused beyond with a clear error that names it (docs/reliability.md). They are
/// generous for real work and stop a careless paste or a hostile file from filling the store, the memory or the
/// terminal.
enum TextLimits {
    /// Characters in one line of a script (or one REPL line).
    static let line = 65_536
    /// Characters in one `<<END … END` text block.
    static let textBlock = 1_048_576
    /// Characters in one argument once `$variables` are expanded.
    static let word = 65_536
    /// Characters in a case title (`collect`, `collect import`).
    static let title = Item.maxTitleLength
    /// Characters in a person's name (`as`, `user add`), a login, a department's code and names, or a variable's name.
    static let name = 64
    /// Characters in a variable's value (`set`).
    static let variable = 65_536

    /// Refuses `text` longer than `limit`, naming what it is.
    static func check(_ text: String, _ limit: Int, _ what: Localized, range: SourceRange?) throws(ShellError) {
        // Characters never outnumber UTF-8 bytes: most texts are decided without counting.
        guard text.utf8.count > limit else { return }
        let n = text.count
        guard n > limit else { return }
        throw ShellError(Localized(zh: "\(what.zh)过长（\(n) 个字符，最多 \(limit) 个）",
                                   en: "\(what.en) is too long (\(n) characters; at most \(limit))"),
                         range: range, kind: .usage)
    }
}
