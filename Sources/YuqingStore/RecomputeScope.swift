import YuqingCore

/// Which cases a change of the rules can move, so a calendar load recomputes those cases only and not the whole
/// store (issue 14: a full rebuild of a million cases for next year's holidays).
///
/// Why `deadlinesFrom` is enough for a calendar change of the years from `start`'s on: the projector is the only
/// part of a projection that reads the calendar, and it reads it only to compute deadlines. A deadline walks the
/// calendar forward from its start, so an exact deadline before `start` read no day of a changed year and stays
/// what it is; a deadline the known days could not give is stored as unknown (`due` NULL). A case whose every due
/// entry is exact and before `start` therefore keeps its entries, its next deadline and every other column; the
/// others (an entry unknown, or at or after `start`) are recomputed. A later deadline that starts from an earlier
/// one (a designation after the claim deadline) lies after it, so it is selected when the earlier one moves.
///
/// A policy change is `all`: a rule's limit moves the deadlines of met obligations too (on-time or late, scoring),
/// closed cases included, so no case can be left out and still equal a full rebuild.
public enum RecomputeScope: Sendable, Hashable {
    /// Every case: a full `rebuild()`.
    case all
    /// The cases with a due entry that is unknown or at or after this instant.
    case deadlinesFrom(Instant)

    /// The scope of a calendar change of `years` (their data added, replaced or withdrawn).
    public static func calendar(years: [Int]) -> RecomputeScope {
        guard let first = years.min(), let day = CivilDate(year: first, month: 1, day: 1) else { return .all }
        return .deadlinesFrom(Instant(date: day))
    }

    /// Whether a case with these due entries is selected (the memory store's test; SQL stores ask their index).
    func selects(_ dues: [DueEntry]) -> Bool {
        switch self {
        case .all: return true
        case let .deadlinesFrom(start): return dues.contains { d in d.due.map { $0 >= start } ?? true }
        }
    }
}
