/// One setting of the profile as `policy show` lists it: key, value in force, default, the words it accepts (none
/// listed for a setting that is not a choice of words), the article it reads, what it decides and what it means.
/// Shared by the readings (`policy reading`) and the supervision settings (`policy supervision`).
public struct SettingRow: Sendable, Hashable {
    public var key: String
    public var value: String
    public var defaultValue: String
    public var values: [String]
    public var article: Localized
    /// What the setting decides, as a heading (`应巡查的部门`); empty for the readings (their meaning says it).
    public var title: Localized
    public var meaning: Localized

    public init(key: String, value: String, defaultValue: String, values: [String] = [], article: Localized,
                title: Localized = Localized(""), meaning: Localized) {
        self.key = key
        self.value = value
        self.defaultValue = defaultValue
        self.values = values
        self.article = article
        self.title = title
        self.meaning = meaning
    }
}

/// A setting whose value is one word out of a few (`policy reading rest-day-start deemed`, `policy supervision
/// patrol-model rolling`). One declaration gives its key, the words it accepts, how a profile line sets it (with
/// carets on errors), and its row for `policy show`; the readings and the supervision settings both list theirs in a
/// table of these, so a new choice is one entry.
public struct ChoiceSetting<Owner>: Sendable {
    public let key: String
    /// The words it accepts, in the order of the enumeration's cases.
    public let values: [String]
    let article: Localized
    let title: Localized
    /// What an error says is expected (by default the values joined with 或 / or).
    let expected: Localized
    private let current: @Sendable (Owner) -> String
    private let assign: @Sendable (inout Owner, String) -> Bool
    private let meaning: @Sendable (Owner) -> Localized

    init<E: RawRepresentable & CaseIterable & Sendable>(
        _ key: String, _ type: E.Type, get: @escaping @Sendable (Owner) -> E, set: @escaping @Sendable (inout Owner, E) -> Void,
        article: Localized, title: Localized = Localized(""), expected: Localized? = nil,
        meaning: @escaping @Sendable (E) -> Localized
    ) where E.RawValue == String {
        let all = E.allCases.map(\.rawValue)
        self.key = key
        self.values = all
        self.article = article
        self.title = title
        self.expected = expected ?? Localized(zh: all.joined(separator: " 或 "), en: all.joined(separator: " or "))
        self.current = { get($0).rawValue }
        self.assign = { owner, word in
            guard let e = E(rawValue: word) else { return false }
            set(&owner, e)
            return true
        }
        self.meaning = { meaning(get($0)) }
    }

    /// Sets it from the words after its key (one word); on error `owner` is unchanged.
    func parse(_ v: Words, into owner: inout Owner) throws(PolicyError) {
        let word = try v.required(0, expected)
        try v.noMoreThan(1)
        guard assign(&owner, word) else {
            // `rest-day-start deem`: the value it is a near miss of, as a mistyped key or rule id is suggested.
            let near = DidYouMean.suggest(word, among: values).map { Localized(zh: "；是否想输入「\($0)」？", en: "; did you mean '\($0)'?") }
            throw .badValue(index: v.index(0), word: word,
                            expected: near.map { Localized(zh: expected.zh + $0.zh, en: expected.en + $0.en) } ?? expected)
        }
    }

    /// Its row for `policy show`: the value in `owner`, the default in `defaults`.
    func row(_ owner: Owner, defaults: Owner) -> SettingRow {
        SettingRow(key: key, value: current(owner), defaultValue: current(defaults), values: values, article: article,
                   title: title, meaning: meaning(owner))
    }
}
