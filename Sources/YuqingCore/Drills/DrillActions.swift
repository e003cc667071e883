/// One scripted trainee action: `at +00:12 claim C1` (or a line without `at`, at the previous line's time).
/// Action files drive `drill run --auto --actions FILE`, and a drill log is one too.
public struct DrillAction: Sendable, Hashable {
    public var offset: Span
    public var command: DrillCommand
    public init(offset: Span, command: DrillCommand) {
        self.offset = offset
        self.command = command
    }
}

public enum DrillActions {
    /// Reads an actions file; times must not go backwards (a log is in the order things happened).
    public static func parse(_ lines: [DrillLine]) throws(DrillErrors) -> [DrillAction] {
        var out: [DrillAction] = []
        var errors: [DrillError] = []
        var current = Span(seconds: 0)
        for line in lines {
            guard let first = line.words.first else { continue }
            var index = 0
            if !first.quoted && first.text.lowercased() == "at" {
                guard line.words.count >= 2, let o = DrillTimes.offset(line.words[1].text) else {
                    let w = line.words.count >= 2 ? line.words[1] : first
                    errors.append(DrillError(zh: "时间应写成 +HH:MM：“\(w.text)”", en: "a time is written +HH:MM: `\(w.text)`", at: w))
                    continue
                }
                if o < current {
                    errors.append(DrillError(zh: "时间倒退：\(line.words[1].text) 早于上一行", en: "time goes backwards: \(line.words[1].text) is before the line above",
                                             at: line.words[1]))
                    continue
                }
                current = o
                index = 2
                guard line.words.count > 2 else {
                    errors.append(DrillError(Localized(zh: "缺少要执行的命令", en: "a command to run is missing"),
                                             at: DrillPosition(line: line.words[1].line, column: line.words[1].column + line.words[1].length, length: 1)))
                    continue
                }
            }
            let w = line.words[index]
            out.append(DrillAction(offset: current, command: DrillCommand(
                text: line.text(from: index), line: w.line, column: w.column, verb: w.text,
                words: Array(line.words[index...]), textBlock: line.textBlock, file: line.file)))
        }
        guard errors.isEmpty else { throw DrillErrors(errors) }
        return out
    }
}
