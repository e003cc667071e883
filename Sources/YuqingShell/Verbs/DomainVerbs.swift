/// The verbs of the domain, in the order `help` lists them within each group. Adding a verb means adding its entry
/// to one of these lists; parsing, help, completion and docs/commands.md follow from the entry.
public enum DomainVerbs {
    public static var entries: [CommandEntry] {
        CollectVerbs.entries + JudgeVerbs.entries + RespondVerbs.entries
            + CaseViews.entries + ListQueries.entries
            + MeetingVerbs.entries + LiveVerbs.entries + SupervisionVerbs.entries + DrillVerbs.entries
            + AdminVerbs.entries + RulesVerbs.entries
    }
}
