/// The stage rules of the five steps (Art. 10: collect, claim, judge, dispose, respond): each function checks that
/// the step makes sense for the case now and returns the event body to record. Pure: the shell checks permissions
/// with `Permission`, calls these, and stores what they return.
public enum CaseRules {
    static func refuse(_ c: CaseFile, _ zh: String, _ en: String, next: (String, String)? = nil) -> WorkflowError {
        WorkflowError(.wrongStage, Localized(zh: "\(c.id) \(zh)", en: "\(c.id) \(en)"),
                      next: next.map { Localized(zh: $0.0, en: $0.1) })
    }

    static func open(_ c: CaseFile) throws(WorkflowError) {
        if let at = c.closedAt {
            throw refuse(c, "已于 \(at.minuteDescription) 办结", "was closed at \(at.minuteDescription)",
                         next: ("如同一事项再次出现，用 `collect … --link \(c.id)` 关联为复发",
                                "if the matter recurs, collect the new item with `--link \(c.id)`"))
        }
    }

    static func claimed(_ c: CaseFile) throws(WorkflowError) {
        try open(c)
        guard c.dept != nil else {
            throw refuse(c, "尚未认领", "is not claimed yet", next: ("先 `claim \(c.id)`", "claim it first: `claim \(c.id)`"))
        }
    }

    /// `names`: the directory's department names, so a refusal names the owner as a reader knows it.
    public static func claim(_ c: CaseFile, dept: Department, names: [String: Localized] = [:]) throws(WorkflowError) -> EventBody {
        try open(c)
        if let code = c.dept, let at = c.claimedAt {
            let owner = names[code] ?? Localized(code)
            throw refuse(c, "已由\(owner.zh)于 \(at.minuteDescription) 认领", "was already claimed by \(owner.en) at \(at.minuteDescription)",
                         next: ("下一步：`assess \(c.id) --level …` 研判", "next: judge it with `assess \(c.id) --level …`"))
        }
        return .claimed(dept: dept.code)
    }

    /// What assigning a case records, and whether it designates it.
    public struct Assignment: Sendable, Hashable {
        public var body: EventBody
        /// This assignment makes the case designated: it was still unclaimed when its claim deadline passed.
        public var designates: Bool
    }

    /// The designation decision of Art. 6, for `assign` and a meeting's `decide … assign`: a case given to a
    /// department while still unclaimed after its claim deadline (`claimDue`, from `ObligationEngine.claimDue(of:)`;
    /// nil when the profile sets no claim clock) is designated — recorded and counted in the assessment. A case
    /// designated once stays designated.
    public static func assign(_ c: CaseFile, dept: Department, claimDue: Instant?, at: Instant,
                              note: String?) throws(WorkflowError) -> Assignment {
        try open(c)
        if c.dept == dept.code {
            throw refuse(c, "已由 \(dept.nameZH) 负责", "is already with \(dept.nameEN)")
        }
        let late = c.claimedAt == nil && (claimDue.map { at > $0 } ?? false)
        return Assignment(body: .assigned(dept: dept.code, designated: late || c.designated, note: note),
                          designates: late && !c.designated)
    }

    public static func assess(_ c: CaseFile, level: Level, historical: Bool, note: String?) throws(WorkflowError) -> EventBody {
        try claimed(c)
        return .assessed(level: level, historical: historical, note: note)
    }

    public static func unitReport(_ c: CaseFile, text: String) throws(WorkflowError) -> EventBody {
        try claimed(c)
        return .unitReported(text: text)
    }

    public static func verify(_ c: CaseFile, summary: String, file: String?) throws(WorkflowError) -> EventBody {
        try claimed(c)
        if let at = c.verifiedAt {
            throw refuse(c, "已于 \(at.minuteDescription) 形成核实调查报告", "already has its verification report (\(at.minuteDescription))",
                         next: ("下一步：`respond \(c.id)` 回应", "next: respond with `respond \(c.id) …`"))
        }
        return .verified(summary: summary, file: file)
    }

    /// `window` is the 3-working-day application window of Art. 8 ¶2 (`ObligationEngine.extensionWindow(for:)`);
    /// nil when the policy in force has no extension rule. When its end lies in a year without data, the application
    /// is still decided whenever the known days decide it (timely one working day after the claim, whatever the next
    /// year holds) and refused, naming the year, only when the answer depends on that year.
    public static func applyExtension(_ c: CaseFile, id: EntityID, days: Int, reason: String, at: Instant,
                                      window: DeadlineBounds?) throws(WorkflowError) -> EventBody {
        try claimed(c)
        guard let window else {
            throw WorkflowError(.usage, Localized(zh: "当前制度没有延期申请规则", en: "the policy in force has no extension rule"))
        }
        guard days > 0 else {
            throw WorkflowError(.usage, Localized(zh: "延期天数须为正数", en: "the number of days must be positive"))
        }
        if c.verifiedAt != nil {
            throw refuse(c, "已形成核实调查报告，无需延期", "already has its verification report; no extension is needed")
        }
        if let p = c.extensions.first(where: { $0.decision == .pending }) {
            throw refuse(c, "已有待审批的延期申请 \(p.id)", "already has a pending extension \(p.id)",
                         next: ("等待协调员 `extend approve \(p.id)` 或 `extend reject \(p.id)`",
                                "wait for a coordinator to `extend approve \(p.id)` or `extend reject \(p.id)`"))
        }
        switch window.isOnTime(at) {
        case true?:
            break
        case nil:
            let y = window.missingYear.map(String.init) ?? "?"
            throw WorkflowError(.data, Localized(
                zh: "无法判断延期申请是否在认领后 3 个工作日内（第八条第二款）：取决于 \(y) 年的节假日安排，日历尚无该年数据",
                en: "cannot tell whether the extension is within 3 working days of the claim (Art. 8 ¶2): that depends on the \(y) holidays, which the calendar does not have yet"),
                next: Localized(zh: "用 `calendar load 文件` 加入 \(y) 年国务院办公厅节假日安排后再申请",
                                en: "add the State Council's \(y) holiday notice with `calendar load FILE`, then apply again"))
        case false?:
            let windowEnd = window.exact ?? window.latest ?? window.earliest
            throw WorkflowError(.tooLate, Localized(
                zh: "延期申请须在认领后 3 个工作日内提出（第八条第二款），截止 \(windowEnd.deadlineDescription)，已过期",
                en: "an extension must be applied for within 3 working days of the claim (Art. 8 ¶2), by \(windowEnd.deadlineDescription); that has passed"),
                next: Localized(zh: "按期形成核实调查报告：`verify \(c.id) …`", en: "file the verification report: `verify \(c.id) …`"))
        }
        return .extensionApplied(ext: id, days: days, reason: reason)
    }

    public static func decideExtension(_ c: CaseFile, id: EntityID, approve: Bool, days: Int?,
                                       reason: String?) throws(WorkflowError) -> EventBody {
        guard let x = c.extensions.first(where: { $0.id == id }) else {
            throw WorkflowError(.usage, Localized(zh: "\(c.id) 没有延期申请 \(id)", en: "\(c.id) has no extension \(id)"))
        }
        switch x.decision {
        case .pending: break
        case let .approved(at, d):
            throw WorkflowError(.wrongStage, Localized(zh: "\(id) 已于 \(at.minuteDescription) 批准（\(d) 个工作日），不能再审批",
                                                       en: "\(id) was already approved at \(at.minuteDescription) (\(RuleClock.workingDays(d).text.en))"))
        case let .rejected(at, why):
            throw WorkflowError(.wrongStage, Localized(zh: "\(id) 已于 \(at.minuteDescription) 驳回（\(why)），不能再审批",
                                                       en: "\(id) was already rejected at \(at.minuteDescription) (\(why))"),
                                next: Localized(zh: "如仍在 3 个工作日内，可重新申请：`extend \(c.id) --days N --reason …`",
                                                en: "within the 3 working days a new application may be made: `extend \(c.id) --days N --reason …`"))
        }
        if approve {
            let d = days ?? x.days
            guard d > 0 else {
                throw WorkflowError(.usage, Localized(zh: "延期天数须为正数", en: "the number of days must be positive"))
            }
            return .extensionApproved(ext: id, days: d, note: reason)
        }
        return .extensionRejected(ext: id, reason: reason ?? "")
    }

    /// The department's verification and liaison with the coordinators on a major sensitive case (核实衔接,
    /// Art. 8 ¶2), recorded once.
    public static func liaise(_ c: CaseFile, note: String?) throws(WorkflowError) -> EventBody {
        try open(c)
        guard c.level == .majorSensitive else {
            throw refuse(c, "不是重大敏感舆情，无需核实衔接（第八条第三款）",
                         "is not judged major-sensitive; the liaison of Art. 8 ¶3 is for those",
                         next: ("先 `assess \(c.id) --level major-sensitive`", "judge it first: `assess \(c.id) --level major-sensitive`"))
        }
        if let at = c.liaisedAt {
            throw refuse(c, "已于 \(at.minuteDescription) 核实衔接", "was already verified and liaised at \(at.minuteDescription)")
        }
        return .liaised(note: note)
    }

    public static func escalate(_ c: CaseFile, note: String?) throws(WorkflowError) -> EventBody {
        try open(c)
        guard c.level == .majorSensitive else {
            throw refuse(c, "不是重大敏感舆情，无需上报市领导（第八条第三款）",
                         "is not judged major-sensitive; only those are escalated (Art. 8 ¶3)",
                         next: ("如需上报，先 `assess \(c.id) --level major-sensitive`",
                                "to escalate, judge it first: `assess \(c.id) --level major-sensitive`"))
        }
        if let at = c.escalatedAt {
            throw refuse(c, "已于 \(at.minuteDescription) 上报", "was already escalated at \(at.minuteDescription)")
        }
        return .escalated(note: note)
    }

    public static func instruct(_ c: CaseFile, id: EntityID, leader: String, text: String,
                                due: Instant?) throws(WorkflowError) -> EventBody {
        try open(c)
        return .instructed(instruction: id, leader: leader, text: text, due: due)
    }

    static func instruction(_ c: CaseFile, _ id: EntityID) throws(WorkflowError) -> InstructionRecord {
        guard let r = c.instructions.first(where: { $0.id == id }) else {
            throw WorkflowError(.usage, Localized(zh: "\(c.id) 没有批示 \(id)", en: "\(c.id) has no instruction \(id)"))
        }
        if let at = r.completedAt {
            throw WorkflowError(.wrongStage, Localized(zh: "\(id) 已于 \(at.minuteDescription) 办结", en: "\(id) was completed at \(at.minuteDescription)"))
        }
        return r
    }

    public static func undertake(_ c: CaseFile, id: EntityID, dept: String, note: String?,
                                 names: [String: Localized] = [:]) throws(WorkflowError) -> EventBody {
        let r = try instruction(c, id)
        if let code = r.undertakenBy {
            let d = names[code] ?? Localized(code)
            throw WorkflowError(.wrongStage, Localized(zh: "\(id) 已由\(d.zh)承办", en: "\(id) is already undertaken by \(d.en)"))
        }
        return .instructionUndertaken(instruction: id, dept: dept, note: note)
    }

    public static func supervise(_ c: CaseFile, id: EntityID, note: String) throws(WorkflowError) -> EventBody {
        _ = try instruction(c, id)
        return .instructionSupervised(instruction: id, note: note)
    }

    public static func completeInstruction(_ c: CaseFile, id: EntityID, note: String?) throws(WorkflowError) -> EventBody {
        let r = try instruction(c, id)
        guard r.undertakenBy != nil else {
            throw WorkflowError(.wrongStage, Localized(zh: "\(id) 尚未承办", en: "\(id) has not been undertaken"),
                                next: Localized(zh: "先 `instruct undertake \(id)`", en: "first: `instruct undertake \(id)`"))
        }
        return .instructionCompleted(instruction: id, note: note)
    }

    static func verified(_ c: CaseFile) throws(WorkflowError) {
        try claimed(c)
        guard c.verifiedAt != nil else {
            throw refuse(c, "尚未形成核实调查报告，不能回应（第九条：回应时限自核实调查报告起算）",
                         "has no verification report yet; the response follows it (Art. 9)",
                         next: ("先 `verify \(c.id) --summary …`", "first: `verify \(c.id) --summary …`"))
        }
    }

    public static func draftResponse(_ c: CaseFile, text: String, channel: String?) throws(WorkflowError) -> EventBody {
        try verified(c)
        return .responseDrafted(text: text, channel: channel)
    }

    public static func review(_ c: CaseFile, approve: Bool, note: String?) throws(WorkflowError) -> EventBody {
        try verified(c)
        guard c.draft != nil else {
            throw refuse(c, "没有待审定的回应稿", "has no response draft to review",
                         next: ("部门先 `respond \(c.id) --draft …`", "the department drafts first: `respond \(c.id) --draft …`"))
        }
        return .responseReviewed(approved: approve, note: note)
    }

    /// High-attention (and major sensitive) responses are reviewed by the coordinators in consultation before
    /// publishing (Art. 9 ¶1): whichever levels the policy's reviewed response rule applies to.
    public static func publish(_ c: CaseFile, channel: String, url: String?, text: String?,
                               policy: Policy = .mingguang) throws(WorkflowError) -> EventBody {
        try verified(c)
        if policy.responseNeedsReview(level: c.level, historical: c.historical) {
            let level = (c.level ?? .general).name
            guard c.draft != nil else {
                throw refuse(c, "为\(level.zh)舆情，回应须先提交草稿会商审定（第九条）",
                             "is \(level.en): its response must be drafted and reviewed first (Art. 9)",
                             next: ("`respond \(c.id) --draft …`", "`respond \(c.id) --draft …`"))
            }
            guard let ok = c.reviewApprovedAt, c.draftAt.map({ ok >= $0 }) ?? true else {
                throw refuse(c, "的回应稿尚未经协调员审定（第九条）", "response draft has not been approved by the coordinators (Art. 9)",
                             next: ("协调员 `review \(c.id) approve` 或会商中 `decide \(c.id) approve-response`",
                                    "a coordinator: `review \(c.id) approve`, or `decide \(c.id) approve-response` in a meeting"))
            }
        }
        guard let body = text ?? c.draft, !body.isEmpty else {
            throw WorkflowError(.usage, Localized(zh: "回应内容为空：用 --text 给出", en: "the response has no text: give --text"))
        }
        return .responded(channel: channel, url: url, text: body)
    }

    /// Both sides of a link: `newer` goes on the new case, `earlier` on the case it repeats, so the earlier case
    /// knows of its recurrence. Written together, in one transaction.
    public struct Link: Sendable, Hashable {
        public var newer: EventBody
        public var earlier: EventBody
    }

    /// Links `c`, the new case, to `other`, the case it repeats (`link`): not to itself, not twice.
    public static func link(_ c: CaseFile, to other: EntityID, kind: LinkKind) throws(WorkflowError) -> Link {
        guard c.id != other else {
            throw WorkflowError(.usage, Localized(zh: "不能关联到自身", en: "a case cannot be linked to itself"))
        }
        if c.links.contains(where: { $0.other == other }) {
            throw refuse(c, "已与 \(other) 关联", "is already linked to \(other)")
        }
        return link(c.id, to: other, kind: kind)
    }

    /// The link of a case being collected (`collect --link`), which has no links yet.
    public static func link(_ newer: EntityID, to other: EntityID, kind: LinkKind) -> Link {
        Link(newer: .linked(to: other, kind: kind, newer: true), earlier: .linked(to: newer, kind: kind, newer: false))
    }

    public static func follow(_ c: CaseFile, note: String) throws(WorkflowError) -> EventBody {
        try open(c)
        guard c.respondedAt != nil else {
            throw refuse(c, "尚未回应，跟踪在回应之后（第九条第二款）", "has not been responded to; following comes after (Art. 9 ¶2)")
        }
        return .followed(note: note)
    }

    public static func close(_ c: CaseFile, note: String?) throws(WorkflowError) -> EventBody {
        try open(c)
        guard c.respondedAt != nil || c.duplicateOf != nil else {
            throw refuse(c, "尚未回应，不能办结", "has not been responded to and cannot be closed",
                         next: ("先 `respond \(c.id) …`", "respond first: `respond \(c.id) …`"))
        }
        return .closed(note: note)
    }
}
