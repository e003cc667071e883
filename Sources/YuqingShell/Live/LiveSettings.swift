import YuqingCore

/// How much the live lines say (`notify off|mentions|all`).
public enum NotifyMode: String, Sendable, CaseIterable, ChoiceArgument {
    /// Nothing above the prompt (the inbox still collects mentions).
    case off
    /// Only what names me: mentions, the close of a meeting I am in, and my department's deadlines coming due.
    case mentions
    /// Everything that concerns me: the meeting I joined, my department's cases, mentions, deadlines.
    case all

    var name: Localized {
        switch self {
        case .off: Localized(zh: "关闭", en: "off")
        case .mentions: Localized(zh: "仅提及", en: "mentions only")
        case .all: Localized(zh: "全部", en: "all")
        }
    }
}

/// A session's live-line settings (`notify`): what to show, whether to ring the bell, how far ahead a deadline is
/// announced. Registered on the session by the REPL; scripts never show live lines.
public final class LiveSettings: @unchecked Sendable {
    public var mode: NotifyMode = .all
    /// The terminal bell with a mention or a deadline coming due.
    public var bell = true
    /// A deadline of the department is announced when it is this close.
    public var window = Span(seconds: 30 * 60)
    public init() {}

    static func of(_ session: Session) -> LiveSettings {
        if let s = session.service(LiveSettings.self) { return s }
        let s = LiveSettings()
        session.register(s)
        return s
    }
}
