import YuqingCore
import YuqingStore

/// Events and obligations of a case in time order, and a small picture of its deadlines.
enum Timeline {
    struct Row {
        var at: Instant
        var time: String
        var kind: Localized
        var what: String
        var who: String
    }

    static func rows(_ c: CaseFile, events: [Event], obligations: [Obligation], ws: Workspace, lang: Language) throws(ShellError) -> [Row] {
        let text = EventText(try ws.directory())
        var rows: [Row] = events.map { e in
            // Entries made after the fact and entries recorded for someone else say so.
            let behalf = e.onBehalf ? (lang == .zh ? "（由 \(e.recordedBy?.display ?? "") 代录）" : " (recorded by \(e.recordedBy?.display ?? ""))") : ""
            // Midnight as 24:00 of the day before, as the deadlines among these rows are: an application at
            // 2020-01-07 24:00 sits beside its deadline of 2020-01-07 24:00, not a day later at 01-08 00:00.
            return Row(at: e.effective, time: e.effective.deadlineDescription,
                       kind: e.backdated ? Localized(zh: "事件（补录）", en: "event (back-dated)") : Localized(zh: "事件", en: "event"),
                       what: text.describe(e.body).text(lang),
                       who: who(e.actor, ws, lang) + behalf)
        }
        for o in obligations {
            guard let due = o.due else { continue }
            rows.append(Row(at: due, time: due.deadlineDescription, kind: Localized(zh: "时限", en: "deadline"),
                            what: withStatus(ObligationTable.label(o).text(lang), o.status.name, lang),
                            who: ObligationTable.responsibleName(o.responsible, ws, lang)))
        }
        // Stable: by time, events before deadlines at the same minute.
        return rows.enumerated().sorted { a, b in
            a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset
        }.map(\.element)
    }

    /// `报送本单位领导（已超期）`; a label that already ends in an aside takes the status inside it
    /// (`领导批示办理（L1，按时完成）`, not two asides in a row).
    static func withStatus(_ label: String, _ status: Localized, _ lang: Language) -> String {
        if lang == .zh {
            return label.hasSuffix("）") ? label.dropLast() + "，\(status.zh)）" : label + "（\(status.zh)）"
        }
        return label.hasSuffix(")") ? label.dropLast() + ", \(status.en))" : label + " (\(status.en))"
    }

    /// The person and their department; a department acting as itself (`as police`: its liaison, named for the
    /// department) once, not `市公安局 · 市公安局`.
    static func who(_ actor: Actor, _ ws: Workspace, _ lang: Language) -> String {
        guard let dept = actor.dept else { return actor.name }
        if actor.name == ws.deptName(dept, .zh) || actor.name == ws.deptName(dept, .en) { return ws.deptName(dept, lang) }
        return actor.name + " · " + ws.deptName(dept, lang)
    }

    /// One line per obligation: a marker, the due time, a bar of the time left and how far it is from now. Fitted
    /// to `width` when it is known: the bars narrow (to no bar at all below 5 cells) before a line would break.
    static func picture(_ obligations: [Obligation], now: Instant, lang: Language, width: Int? = nil) -> String {
        guard !obligations.isEmpty else { return "" }
        let labelWidth = min(28, obligations.map { DisplayWidth.of(ObligationTable.label($0).text(lang)) }.max() ?? 0)
        func lines(cells: Int) -> [String] {
            obligations.map { o in
                let mark: String
                switch o.status {
                case .met: mark = "✔"
                case .late: mark = "✔!"
                case .overdue: mark = "✖"
                case .waived: mark = "–"
                case .pending, .extended: mark = "▶"
                case .unknown: mark = "?"
                }
                let due = o.due?.shortDeadlineDescription ?? "?"
                var when = ""
                if let d = o.due, o.isOpen { when = SpanText.left(d - now).text(lang) }
                let label = DisplayWidth.pad(DisplayWidth.truncate(ObligationTable.label(o).text(lang), to: labelWidth), to: labelWidth, align: .left)
                let bar = cells > 0 ? " \(Self.bar(o, now: now, cells: cells))" : ""
                let line = "  \(mark.padding(toLength: 2, withPad: " ", startingAt: 0)) \(label) \(due) \(bar) \(when)"
                return String(line.reversed().drop(while: { $0 == " " }).reversed())
            }
        }
        var body = lines(cells: 20)
        if let width, let widest = body.map({ DisplayWidth.of($0) }).max(), widest > width {
            let cells = 20 - (widest - width)
            body = lines(cells: cells >= 5 ? cells : 0)
            // Still too wide without a bar (below ~75 columns, a long time left or overdue): the time left goes to
            // a line of its own under the deadline, instead of the terminal breaking the line anywhere.
            if cells < 5 {
                body = body.flatMap { l -> [String] in
                    guard DisplayWidth.of(l) > width, let cut = l.range(of: "  ", options: .backwards) else { return [l] }
                    let rest = l[cut.upperBound...].trimmingCharacters(in: .whitespaces)
                    // Under the due time, or further left when that would not fit.
                    let indent = max(5, min(5 + labelWidth + 1, width - DisplayWidth.of(rest)))
                    return [String(l[..<cut.lowerBound]), String(repeating: " ", count: indent) + rest]
                }
            }
        }
        return ([(lang == .zh ? "现在 " : "now ") + now.minuteDescription] + body).joined(separator: "\n")
    }

    /// `width` cells (20 on a wide screen): how much of a 5-day horizon is left before the deadline.
    static func bar(_ o: Obligation, now: Instant, cells width: Int = 20) -> String {
        guard let d = o.due, o.isOpen else { return String(repeating: " ", count: width) }
        let horizon: Int64 = 5 * 86_400
        let left = max(0, min(horizon, (d - now).seconds))
        let cells = Int((left * Int64(width) + horizon - 1) / horizon)
        return String(repeating: "█", count: cells) + String(repeating: "·", count: width - cells)
    }
}
