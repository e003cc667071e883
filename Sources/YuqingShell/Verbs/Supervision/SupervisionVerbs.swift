/// The verbs of supervision: patrols, scores, accountability (Art. 5, 6, 12, 13). Filled in by the supervision work.
enum SupervisionVerbs {
    static let entries: [CommandEntry] = []
}
