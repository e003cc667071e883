/// A digest of what in a policy can move a deadline: the stores keep it next to the projections
/// (`projections.rules`), so a process that starts with the rules the projections were computed under recomputes
/// nothing, and one that starts with other rules (a profile chosen with `policy use`, or a session's `policy set`
/// left behind in the projections) recomputes once.
///
/// Built by walking the value (`Mirror`), so a field added to `Policy` or `Rule` is covered without being listed
/// here; sets and dictionaries are written in sorted order, so the text is the same in every process.
extension Policy {
    public var deadlineDigest: String {
        var p = self
        p.supervision = SupervisionSettings()               // the supervision settings move no deadline
        var text = ""
        Self.describe(p, into: &text)
        return SHA256Text.hex(bytes: Array(text.utf8))
    }

    private static func describe(_ value: Any, into out: inout String) {
        let m = Mirror(reflecting: value)
        if m.children.isEmpty {
            out += String(describing: value)
            return
        }
        if m.displayStyle == .set || m.displayStyle == .dictionary {
            let parts = m.children.map { c -> String in
                var s = ""
                describe(c.value, into: &s)
                return s
            }.sorted()
            out += "{" + parts.joined(separator: ",") + "}"
            return
        }
        out += "\(m.subjectType)("
        for c in m.children {
            out += (c.label ?? "") + ":"
            describe(c.value, into: &out)
            out += ";"
        }
        out += ")"
    }
}
