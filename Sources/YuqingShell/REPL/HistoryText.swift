import YuqingCore

/// What the REPL's history file keeps of an entry: never a text block's body (a report, a verification, a draft
/// response can hold what must not lie around in a dot file) nor the value of a `set … --secret`. The command line
/// itself stays, so Ctrl-R still finds it; recalling it cannot run with text that is gone (a comment takes its
/// place, and the missing value or text is refused as missing).
enum HistoryText {
    static func redacted(_ entry: String) -> String {
        var lines = joinedContinuations(entry.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        guard let first = lines.first else { return entry }
        if isSecretSet(first) {
            return secretSet(first)
        }
        guard lines.count > 1, let r = first.range(of: "<<", options: .backwards) else { return lines.joined(separator: "\n") }
        let delimiter = first[r.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !delimiter.isEmpty, !delimiter.contains(" ") else { return lines.joined(separator: "\n") }
        lines.removeFirst()
        let body = lines.count - (lines.last?.trimmingCharacters(in: .whitespaces) == delimiter ? 1 : 0)
        let head = String(first[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
        return "\(head)  # <<\(delimiter): \(body) line(s) of text not kept in history"
    }

    /// The command's lines continued with `\` as one line (the history file holds one entry a line, and the
    /// checks below read the command line); a text block's lines after it stay as they are.
    static func joinedContinuations(_ lines: [String]) -> [String] {
        var out = lines
        while out.count > 1, out[0].hasSuffix("\\"), out[0].reversed().prefix(while: { $0 == "\\" }).count % 2 == 1 {
            // `\` joins the lines as they are (`ab\` + `cd` is `abcd`); a run of blanks at the join is one blank.
            let raw = out.remove(at: 1)
            let next = raw.drop(while: { $0 == " " || $0 == "\t" })
            var head = out[0]
            head.removeLast()
            let blank = head.hasSuffix(" ") || head.hasSuffix("\t") || next.count < raw.count
            while head.hasSuffix(" ") || head.hasSuffix("\t") { head.removeLast() }
            out[0] = head + (blank ? " " : "") + next
        }
        return out
    }

    /// What the session's `history` lists of an entry: the entry as typed (text blocks included: it is this
    /// session's own screen), except a secret's value, which `history` showed although `set` lists it as •••.
    static func sessionEntry(_ entry: String) -> String {
        let first = joinedContinuations(entry.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)).first ?? entry
        return isSecretSet(first) ? secretSet(first) : entry
    }

    /// `set NAME VALUE… --secret` (or `设置`).
    static func isSecretSet(_ line: String) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" })
        // Verbs are read case-insensitively: `SET token … --secret` is a secret too.
        guard let verb = words.first, verb.lowercased() == "set" || verb == "设置" else { return false }
        return words.contains { $0 == "--secret" || $0 == "--保密" }
    }

    static func secretSet(_ line: String) -> String {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }).map(String.init)
        let name = words.dropFirst().first { !$0.hasPrefix("--") } ?? ""
        return "\(words[0]) \(name) --secret  # value not kept in history"
    }
}
