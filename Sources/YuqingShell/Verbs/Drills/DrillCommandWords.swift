import YuqingCore

/// An inject as a drill screen shows it: in words, in the screen's language — what the command does (its verb's
/// summary from the command table) and what it acts on (the words before its options) — not as typed. The answer
/// printed under it says the rest. Department codes among those words are named from `directory`. The typed command
/// stays where a program or a replay reads it: the drill log, the CSV and JSON of `drill status`, `drill plan`. An
/// `echo` inject is its message.
enum DrillCommandWords {
    /// `labels`: the script's labels bound so far: `@水质谣言` is said as `C1` (the trainees' screen showed the
    /// script's label, `…批示并跟踪交办、承办、督办：@事故视频`); an unbound label stays as written.
    static func describe(_ c: DrillCommand, _ ws: Workspace, labels: [String: EntityID] = [:]) -> Localized {
        if ["echo", "回显"].contains(c.verb.lowercased()) { return Localized(c.display) }
        let words = c.words.map(\.text)
        var entries = CommandTable.entries
        var spec: CommandSpec?
        var k = 0
        // The verb, then a subverb when it has one (`instruct supervise`, `dept add`).
        while k < words.count, let e = entries.first(where: { $0.spec.name == words[k].lowercased() || $0.spec.alias == words[k] }) {
            spec = e.spec
            entries = e.spec.subverbs
            k += 1
        }
        guard let spec else { return Localized(c.display) }
        let directory = (try? ws.directory()) ?? Directory([])
        let subject = Array(words[k...].prefix { !$0.hasPrefix("--") && !$0.hasPrefix("<<") })
        let block = c.textBlock.flatMap { $0.split(separator: "\n").first.map(String.init) }
        func what(_ lang: Language) -> String {
            let named = subject.map { w in
                if w.hasPrefix("@"), let id = labels[String(w.dropFirst())] { return id.description }
                return directory.find(w).map { $0.name.text(lang) } ?? (w.contains(" ") ? "“\(w)”" : w)
            }
            return (named + [block.map { "“\($0)…”" } ?? ""]).filter { !$0.isEmpty }.joined(separator: " ")
        }
        // `dept add water 市水务局 --en "Water Bureau"`: the department it adds is not in the directory yet, so the
        // code would be shown as is ('添加部门：water 市水务局' in a Chinese report); it is named as it will be.
        if spec.name == "add", ["dept", "部门"].contains(words.first ?? ""), subject.count >= 2 {
            let en = words.firstIndex(of: "--en").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil } ?? subject[1]
            return Localized(zh: spec.summary.zh + "：" + subject[1], en: spec.summary.en + ": " + en)
        }
        let zh = what(.zh), en = what(.en)
        return Localized(zh: spec.summary.zh + (zh.isEmpty ? "" : "：" + zh), en: spec.summary.en + (en.isEmpty ? "" : ": " + en))
    }
}
