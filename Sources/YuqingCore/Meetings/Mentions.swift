/// Whom a remark names with `@`: a department (`@police`, `@市公安局`) or a person (`@王芳`). A mention reaches them
/// live and stays in their `inbox` until read.
public enum Mention: Hashable, Sendable {
    /// A department, by its code.
    case department(String)
    /// A person, by name.
    case person(String)
}

/// Finds the mentions in a text. Chinese has no spaces between words, so `@王芳请核实` is read against the names yuqing
/// knows — the longest known name after the `@` wins —; an unknown name runs to the next space or punctuation mark.
/// An `@` right after a letter or digit is not a mention (`li@example.com`).
public struct MentionReader: Sendable {
    /// Every way of writing a department (code, Chinese and English names, lowercased when ASCII) → its code.
    let departments: [String: String]
    let people: Set<String>
    /// The known names, longest first, so the longest match is found first.
    let names: [String]

    public init(directory: Directory, people: some Sequence<String>) {
        var d: [String: String] = [:]
        for dept in directory.departments {
            for key in [dept.code, dept.nameZH, dept.nameEN] where !key.isEmpty {
                d[MentionReader.fold(key)] = dept.code
            }
        }
        departments = d
        let p = Set(people.filter { !$0.isEmpty })
        self.people = p
        names = (Array(d.keys) + p.map(MentionReader.fold)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// The mentions of `text`, in order, each once.
    public func mentions(in text: String) -> [Mention] {
        var out: [Mention] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            defer { i += 1 }
            guard chars[i] == "@" || chars[i] == "＠" else { continue }
            if i > 0, chars[i - 1].isASCII, chars[i - 1].isLetter || chars[i - 1].isNumber { continue }
            let rest = String(chars[(i + 1)...])
            let folded = MentionReader.fold(rest)
            var found: Mention?
            var length = 0
            for name in names where folded.hasPrefix(name) {
                // An ASCII name must end at a word boundary: `@police` is not `@policeman`.
                let after = folded.dropFirst(name.count).first
                if let a = after, name.last?.isASCII == true, a.isASCII, a.isLetter || a.isNumber || a == "-" { continue }
                if let code = departments[name] { found = .department(code) } else {
                    found = .person(String(rest.prefix(name.count)))
                }
                length = name.count
                break
            }
            if found == nil {
                let word = rest.prefix { !MentionReader.ends($0) }
                if !word.isEmpty {
                    found = .person(String(word))
                    length = word.count
                }
            }
            if let m = found, !out.contains(m) { out.append(m) }
            i += length
        }
        return out
    }

    /// Whether `text` mentions this person or their department.
    public func reaches(_ text: String, person: String, dept: String?) -> Bool {
        mentions(in: text).contains { m in
            switch m {
            case .department(let d): d == dept
            case .person(let p): p == person
            }
        }
    }

    /// ASCII is compared without case (`@Police`); Chinese as written.
    static func fold(_ s: String) -> String {
        String(s.map { $0.isASCII ? Character($0.lowercased()) : $0 })
    }

    /// Where an unknown name stops: a space or a punctuation mark (ASCII or Chinese).
    static func ends(_ c: Character) -> Bool {
        if c.isWhitespace { return true }
        if c.isASCII { return !(c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") }
        return "，。、：；！？（）【】《》“”‘’…—·".contains(c)
    }
}
