/// The time words of drill scripts: offsets `+00:10`, `+49:30`, `+00:00:45`, `+1h30m`, and spans `45m`, `2h`, `1d`,
/// `90s`, `01:30`. Whole seconds only (HSEEP tools that rounded expiries to minutes drew complaints).
public enum DrillTimes {
    /// An offset from the epoch: `+HH:MM[:SS]` or `+SPAN`. The `+` is required, so offsets read as offsets.
    public static func offset(_ text: String) -> Span? {
        guard text.hasPrefix("+") else { return nil }
        return span(String(text.dropFirst()))
    }

    /// A span: `HH:MM[:SS]` or units `d h m s` in that order (`1h30m`, `45m`, `90s`).
    public static func span(_ text: String) -> Span? {
        if text.contains(":") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3,
                  parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let h = Int(parts[0]), let m = Int(parts[1]), m < 60 else { return nil }
            var s = 0
            if parts.count == 3 {
                guard let sec = Int(parts[2]), sec < 60, parts[2].count == 2 else { return nil }
                s = sec
            }
            guard parts[1].count == 2 else { return nil }
            return Span(seconds: Int64(h * 3600 + m * 60 + s))
        }
        var total: Int64 = 0
        var number = ""
        var lastUnit = -1
        let units: [Character: (Int, Int64)] = ["d": (0, 86_400), "h": (1, 3600), "m": (2, 60), "s": (3, 1)]
        for c in text.lowercased() {
            if c.isASCII && c.isNumber {
                number.append(c)
                continue
            }
            guard let (order, size) = units[c], order > lastUnit, let n = Int64(number) else { return nil }
            total += n * size
            lastUnit = order
            number = ""
        }
        guard number.isEmpty, lastUnit >= 0 else { return nil }
        return Span(seconds: total)
    }

    /// `+HH:MM` (or `+HH:MM:SS` when there are seconds), the way timelines and logs show offsets.
    public static func offsetText(_ s: Span) -> String {
        let t = max(0, s.seconds)
        func p(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let base = "+\(p(t / 3600)):\(p((t % 3600) / 60))"
        return t % 60 == 0 ? base : base + ":\(p(t % 60))"
    }

    /// `2019-12-21T09:00`, `2019-12-21 09:00` (one word or two), with optional seconds.
    public static func instant(_ text: String) -> Instant? {
        let normalized = String(text.map { $0 == "T" ? " " : $0 })
        let parts = normalized.split(separator: " ")
        guard parts.count == 2, let date = CivilDate(parsing: parts[0]) else { return nil }
        let hm = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard hm.count == 2 || hm.count == 3, let h = Int(hm[0]), let m = Int(hm[1]), (0...23).contains(h),
              (0...59).contains(m) else { return nil }
        var s = 0
        if hm.count == 3 {
            guard let sec = Int(hm[2]), (0...59).contains(sec) else { return nil }
            s = sec
        }
        return Instant(date: date, hour: h, minute: m, second: s)
    }
}
