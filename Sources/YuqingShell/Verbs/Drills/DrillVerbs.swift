/// The verbs of training drills (Art. 11). Filled in by the drills work.
enum DrillVerbs {
    static let entries: [CommandEntry] = []
}
