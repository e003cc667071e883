/// Stage rules for what only meetings decide (the others are in `CaseRules`). Pure, like `CaseRules`.
public enum MeetingRules {
    /// Online guidance by the network propaganda office's commentators (Art. 7): for open cases only.
    public static func guidance(_ c: CaseFile, note: String?) throws(WorkflowError) -> EventBody {
        if let at = c.closedAt {
            throw WorkflowError(.wrongStage, Localized(zh: "\(c.id) 已于 \(at) 办结", en: "\(c.id) was closed at \(at)"))
        }
        return .guidanceArranged(note: note)
    }

    /// A risk judgement (Art. 7): nature, trend and impact are required; the rest is optional.
    public static func risk(_ c: CaseFile, meeting: EntityID?, nature: String, trend: Trend, impact: Impact,
                            risks: String?, suggest: String?) throws(WorkflowError) -> EventBody {
        if let at = c.closedAt {
            throw WorkflowError(.wrongStage, Localized(zh: "\(c.id) 已于 \(at) 办结", en: "\(c.id) was closed at \(at)"))
        }
        guard !nature.allSatisfy(\.isWhitespace) else {
            throw WorkflowError(.usage, Localized(zh: "事件性质（--nature）不能为空", en: "the nature of the incident (--nature) is empty"))
        }
        return .riskJudged(meeting: meeting, nature: nature, trend: trend, impact: impact, risks: risks, suggest: suggest)
    }
}
