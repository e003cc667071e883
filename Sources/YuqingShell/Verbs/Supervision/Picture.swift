import YuqingCore

/// Terminal pictures of supervision data: the patrol grid and the score bars. Plain text, fixed width, so they
/// print the same in any terminal and in golden files.
enum Picture {
    /// Display width: CJK and full-width characters take two columns; the block glyphs one.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            return n + (wide ? 2 : 1)
        }
    }

    static func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - width(s))) }

    static func glyph(_ s: SlotState) -> String {
        switch s {
        case .met: "■"
        case .missed: "□"
        case .pending: "·"
        }
    }

    /// One block per day (up to 7 days): a row per department, a cell per slot, windows separated by a space;
    /// longer periods: a row per department, a cell per day.
    /// With the rolling model the cells are the intervals each department's own patrols set, so there is no common
    /// hour ruler.
    /// `columns`: the terminal's width, when known: long names (English departments) are cut so that a row fits
    /// (at 60 columns a month's row of `Propaganda Department` was 64 wide).
    static func patrol(_ days: [DeptPatrolDay], depts: [String], model: PatrolModel, ws: Workspace, lang: Language,
                       width columns: Int? = nil) -> String {
        var names = depts.map { SupervisionData.deptName($0, ws, lang) }
        var nameWidth = names.map(width).max() ?? 0
        var byDeptDay: [String: [Int: DeptPatrolDay]] = [:]
        for d in days { byDeptDay[d.dept, default: [:]][d.day.date.dayNumber] = d }
        let dates = Array(Set(days.map { $0.day.date })).sorted()
        if let columns {
            // A row after its name: the cells (a day's slots with a space between windows, or a cell a day) and
            // `13/13` or `100.0%`.
            let cells = dates.count <= 7 ? (days.map { $0.slots.count + Set($0.slots.map(\.ruleID)).count - 1 }.max() ?? 0) : dates.count
            let rest = 2 + cells + 2 + 7
            if nameWidth + rest > columns {
                nameWidth = max(6, columns - rest)
                names = names.map { DisplayWidth.truncate($0, to: nameWidth) }
            }
        }
        var out = ""
        if dates.count <= 7 {
            for date in dates {
                guard let sample = depts.lazy.compactMap({ byDeptDay[$0]?[date.dayNumber] }).first else { continue }
                out += "\(date) \(weekday(date, lang)) \(sample.day.kind.label.text(lang))\n"
                if model == .slots { out += pad("", nameWidth) + "  " + ruler(sample.slots) + "\n" }
                for (i, dept) in depts.enumerated() {
                    guard let d = byDeptDay[dept]?[date.dayNumber] else { continue }
                    var cells = ""
                    for (k, s) in d.states.enumerated() {
                        if k > 0 && d.slots[k - 1].ruleID != d.slots[k].ruleID { cells += " " }
                        cells += glyph(s)
                    }
                    let count = lang == .zh ? "\(d.met)/\(d.required)" : "\(d.met)/\(d.required)"
                    out += pad(names[i], nameWidth) + "  " + cells + "  " + count + "\n"
                }
                out += "\n"
            }
            out += lang == .zh ? "■ 已巡查  □ 漏巡  · 尚未结束\n" : "■ met  □ missed  · not ended\n"
        } else {
            var head = ""
            for (k, date) in dates.enumerated() { head += k == 0 || date.day == 1 || date.day % 5 == 0 ? String(date.day % 10) : " " }
            out += pad("", nameWidth) + "  " + head + "\n"
            for (i, dept) in depts.enumerated() {
                var cells = ""
                var met = 0, required = 0
                for date in dates {
                    guard let d = byDeptDay[dept]?[date.dayNumber] else { cells += " "; continue }
                    met += d.met
                    required += d.required
                    cells += d.required == 0 ? "·" : d.missed == 0 ? "■" : d.met == 0 ? "□" : "◧"
                }
                let pct = PatrolTotals(dept: dept, required: required, met: met).percentText
                out += pad(names[i], nameWidth) + "  " + cells + "  " + pct + "\n"
            }
            let legend = lang == .zh ? "每格一天：■ 全部完成  ◧ 部分漏巡  □ 全部漏巡  · 尚未结束"
                                     : "One cell a day: ■ all met  ◧ some missed  □ all missed  · not ended"
            out += "\n" + SentenceWrap.text(legend, width: columns) + "\n"
        }
        return out
    }

    /// Hour marks over the slot cells: the hour's last digit at each slot start.
    static func ruler(_ slots: [PatrolSlot]) -> String {
        var s = ""
        for (k, slot) in slots.enumerated() {
            if k > 0 && slots[k - 1].ruleID != slot.ruleID { s += " " }
            s += String(slot.start.hour % 10)
        }
        return s
    }

    static func weekday(_ d: CivilDate, _ lang: Language) -> String {
        let zh = ["一", "二", "三", "四", "五", "六", "日"]
        let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return lang == .zh ? "周" + zh[d.weekday - 1] : en[d.weekday - 1]
    }

    /// Horizontal bars of scores, 0–100 points over 40 cells (eighths of a cell for the remainder).
    /// `width`: the terminal's columns, when known: long names (English departments) are cut and the bars
    /// shortened so each line fits; without it, 40 columns of bar after the whole names.
    static func bars(_ rows: [(name: String, tenths: Int)], width columns: Int? = nil) -> String {
        var nameWidth = rows.map { width($0.name) }.max() ?? 0
        var barWidth = 40
        if let columns {
            // name, two spaces, bar, two spaces, `100.0`.
            nameWidth = min(nameWidth, max(12, columns - 9 - 20))
            barWidth = max(10, min(40, columns - 9 - nameWidth))
        }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var out = ""
        for r in rows {
            let clamped = max(0, min(1000, r.tenths))
            let eighths = clamped * barWidth * 8 / 1000
            let bar = String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
            let name = width(r.name) > nameWidth ? DisplayWidth.truncate(r.name, to: nameWidth) : r.name
            out += pad(name, nameWidth) + "  " + pad(bar, barWidth) + "  " + Points.fixed(r.tenths) + "\n"
        }
        return out
    }
}
