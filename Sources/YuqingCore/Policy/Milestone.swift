/// A point in a case's life that starts or ends a rule's clock. Rules name their start and end milestones as data
/// (`policy set verify from claimed to verified`), so the engine needs no rule-specific code to know what a limit
/// counts from and what fulfils it.
public enum Milestone: String, CaseIterable, Sendable, Hashable, Codable {
    case collected
    case claimed
    case assessed
    /// The judgement "major sensitive" (重大敏感) at assessment.
    case majorSensitive = "major-sensitive"
    case unitReported = "unit-reported"
    case verified
    /// The first written extension application (延期申请).
    case extensionApplied = "extension-applied"
    case escalated
    /// A leader instruction (批示) issued; rules starting here yield one obligation per instruction.
    case instructed
    /// A leader instruction carried out.
    case instructionDone = "instruction-done"
    /// The coordinators' review of a high-attention response approved.
    case reviewApproved = "review-approved"
    case responded
    /// National profile: a press conference held (国办发〔2016〕61号).
    case pressConference = "press-conference"
    /// National profile: authoritative information released (国办发〔2016〕80号).
    case authoritativeInfo = "authoritative-info"
    case closed

    public var name: Localized {
        switch self {
        case .collected: Localized(zh: "收集", en: "collection")
        case .claimed: Localized(zh: "认领", en: "claim")
        case .assessed: Localized(zh: "研判", en: "assessment")
        case .majorSensitive: Localized(zh: "研判为重大敏感", en: "judgement as major sensitive")
        case .unitReported: Localized(zh: "报送本单位领导", en: "report to unit leaders")
        case .verified: Localized(zh: "形成核实调查报告", en: "verification report")
        case .extensionApplied: Localized(zh: "提出延期申请", en: "extension application")
        case .escalated: Localized(zh: "报送市领导", en: "report to city leaders")
        case .instructed: Localized(zh: "领导批示", en: "leader instruction")
        case .instructionDone: Localized(zh: "批示办结", en: "instruction carried out")
        case .reviewApproved: Localized(zh: "会商审定", en: "coordinators' review")
        case .responded: Localized(zh: "回应发布", en: "response published")
        case .pressConference: Localized(zh: "举行新闻发布会", en: "press conference")
        case .authoritativeInfo: Localized(zh: "发布权威信息", en: "authoritative information released")
        case .closed: Localized(zh: "办结", en: "closing")
        }
    }
}

/// Who must act on a rule's obligation.
public enum Party: String, CaseIterable, Sendable, Hashable, Codable {
    /// The department that claimed the case (or, before the claim, whoever's duty it is).
    case department
    /// The open-government office and the network propaganda office (政务公开办、网宣办).
    case coordinators

    public var name: Localized {
        switch self {
        case .department: Localized(zh: "认领部门", en: "claiming department")
        case .coordinators: Localized(zh: "政务公开办、网宣办", en: "coordinators")
        }
    }
}
