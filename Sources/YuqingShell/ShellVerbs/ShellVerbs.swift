import YuqingCore

/// The verbs of the shell itself. Each file in this folder holds one verb's declaration and handler.
public enum ShellVerbs {
    public static var entries: [CommandEntry] { all }

    static let all: [CommandEntry] = [
        Help.entry, AsVerb.entry, ClockVerb.entry, SetVerb.entry, Echo.entry, Run.entry, SourceVerb.entry, Record.entry,
        History.entry, Format.entry, Lang.entry, Clear.entry, Quit.entry, exit, CommandsMarkdown.entry,
    ]

    static func entriesInUse(_ session: Session) -> [CommandEntry] {
        session.runContext?.interpreter.entries ?? CommandTable.entries
    }
}

extension Localized {
    /// The same text with different words per language, built from a template.
    static func both(_ zh: String, _ en: String) -> Localized { Localized(zh: zh, en: en) }
}
