import YuqingCore

/// The verbs of the shell itself. Each file in this folder holds one verb's spec and handler.
public enum ShellVerbs {
    public static var entries: [CommandEntry] {
        [help, asVerb, clock, setVerb, echo, run, source, record, history, format, lang, quit, exit, commandsMarkdown]
    }

    static func entriesInUse(_ session: Session) -> [CommandEntry] {
        session.runContext?.interpreter.entries ?? CommandTable.entries
    }
}

extension Localized {
    /// The same text with different words per language, built from a template.
    static func both(_ zh: String, _ en: String) -> Localized { Localized(zh: zh, en: en) }
}
