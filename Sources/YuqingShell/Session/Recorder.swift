import Foundation
import YuqingCore

/// `record start FILE`: appends each successful mutating command to FILE as a replayable script line, with
/// `--at` set to the effective time when the command had none, and an `as …` line whenever the actor changed,
/// so replaying the file gives the same state. Lines are appended as they happen, so a crash keeps them.
public final class Recorder {
    public let path: String
    var lastActor: Actor?

    init(path: String) { self.path = path }

    /// Creates (truncates) the file and writes the header.
    static func start(path: String, now: Instant) throws(ShellError) -> Recorder {
        try FileOutput.write("# yuqing recording started \(now.description)\n", to: path, range: nil)
        return Recorder(path: path)
    }

    func record(_ inv: Invocation, effective: Instant, actor: Actor) {
        var text = ""
        if lastActor != actor {
            text += Recorder.asLine(actor) + "\n"
            lastActor = actor
        }
        text += Recorder.line(inv, effective: effective) + "\n"
        append(text)
    }

    func append(_ text: String) {
        guard let h = FileHandle(forWritingAtPath: path) else { return }
        defer { try? h.close() }
        _ = try? h.seekToEnd()
        try? h.write(contentsOf: Data(text.utf8))
    }

    static func asLine(_ a: Actor) -> String {
        var s = "as \(quote(a.name)) --role \(a.role.rawValue)"
        if let d = a.dept { s += " --dept \(quote(d))" }
        return s
    }

    /// The command rebuilt from its expanded words (so `$last` is written as the id it meant). A typed `--at` is
    /// written as the absolute time it meant: `09:00`, `now`, `-1d` are read from the clock, so replayed on another
    /// day they would mean another time.
    static func line(_ inv: Invocation, effective: Instant) -> String {
        let at = inv.at?.range
        var words = inv.words.map { w in
            if let at, w.range == at { return timeText(effective) }
            if let at, !w.quoted, w.range.file == at.file, w.range.line == at.line, at.column > w.range.column,
               at.column < w.range.column + w.range.length, let eq = w.text.firstIndex(of: "=") {
                return String(w.text[...eq]) + timeText(effective)
            }
            return w.quoted && w.text.hasPrefix("--") ? "'\(w.text)'" : quote(w.text)
        }
        if inv.at == nil { words += ["--at", timeText(effective)] }
        var s = words.joined(separator: " ")
        if let block = inv.textBlock {
            var delim = "END"
            let lines = Set(block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            while lines.contains(delim) { delim += "_" }
            s += " <<\(delim)\n\(block)\n\(delim)"
        }
        return s
    }

    /// `2019-12-19T09:00` (with seconds only when needed).
    static func timeText(_ t: Instant) -> String {
        let sod = t.secondOfDay
        func p(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let base = "\(t.date)T\(p(sod / 3600)):\(p((sod % 3600) / 60))"
        return sod % 60 == 0 ? base : base + ":\(p(sod % 60))"
    }

    /// Quotes a word only when the language would otherwise split or change it.
    static func quote(_ s: String) -> String {
        let special: Set<Character> = [" ", "\t", "\u{3000}", "\"", "'", "\\", "$"]
        let needs = s.isEmpty || s.contains(where: { special.contains($0) }) || s.hasPrefix("#") || s.hasPrefix("<<")
        guard needs else { return s }
        if !s.contains("'") { return "'\(s)'" }
        var out = "\""
        for c in s {
            if c == "\"" || c == "\\" || c == "$" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}
