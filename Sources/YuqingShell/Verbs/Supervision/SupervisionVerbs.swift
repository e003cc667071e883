/// The verbs of supervision: patrols, scores, accountability (Art. 5, 6, 12, 13). The period reports (`report monthly`,
/// `report daily`) are sub-verbs of `report`, in `PeriodReports`.
enum SupervisionVerbs {
    static let entries: [CommandEntry] = [PatrolVerbs.entry, ScoreVerbs.entry, AccountabilityVerb.entry]
}
