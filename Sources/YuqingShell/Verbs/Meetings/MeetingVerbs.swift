/// The verbs of joint consultation meetings (Art. 1, 7). Filled in by the meetings work.
enum MeetingVerbs {
    static let entries: [CommandEntry] = []
}
