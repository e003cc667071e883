/// What an event says, in both languages: the one renderer of events, for the case timeline, the drill timeline and
/// the drill report. Departments are shown by name where the directory knows them, else by code.
public struct EventText: Sendable {
    /// Department code → its names (`police` → 市公安局 / Public Security Bureau).
    public var departmentNames: [String: Localized]

    public init(departmentNames: [String: Localized] = [:]) {
        self.departmentNames = departmentNames
    }

    /// The names of every department of a directory.
    public init(_ directory: Directory) { self.init(departmentNames: directory.names) }

    func dept(_ code: String) -> Localized { departmentNames[code] ?? Localized(code) }

    /// What happened to which case, for a timeline of several cases: `C7：市公安局认领` / `C7: claimed by …`.
    public func describe(_ e: Event) -> Localized {
        let what = describe(e.body)
        guard let id = e.caseID ?? e.subject.flatMap({ $0.kind == .caseFile ? $0 : nil }) else { return what }
        return Localized(zh: "\(id)：\(what.zh)", en: "\(id): \(what.en)")
    }

    /// What happened, for the timeline of one case (which needs no case id).
    public func describe(_ body: EventBody) -> Localized {
        func note(_ n: String?) -> Localized { Localized(zh: n.map { "：\($0)" } ?? "", en: n.map { ": \($0)" } ?? "") }
        switch body {
        case let .collected(item, _):
            return Localized(zh: "收集（\(item.source.name.zh)）：\(item.title)", en: "collected (\(item.source.name.en)): \(item.title)")
        case let .itemAdded(item):
            return Localized(zh: "并入信息：\(item.title)", en: "further item: \(item.title)")
        case let .metricsUpdated(index, _, m):
            var zh: [String] = []
            var en: [String] = []
            if let r = m.reposts { zh.append("转发 \(r)"); en.append("\(r) reposts") }
            if let c = m.comments { zh.append("评论 \(c)"); en.append("\(c) comments") }
            if let v = m.views { zh.append("阅读 \(v)"); en.append("\(v) views") }
            return Localized(zh: "第 \(index) 条信息传播数据更新：\(zh.joined(separator: "，"))",
                             en: "item \(index) counts updated: \(en.joined(separator: ", "))")
        case let .claimed(d):
            return Localized(zh: "\(dept(d).zh)认领", en: "claimed by \(dept(d).en)")
        case let .assigned(d, designated, _):
            return Localized(zh: "指定\(dept(d).zh)办理\(designated ? "（指定认领）" : "")", en: "assigned to \(dept(d).en)\(designated ? " (designated)" : "")")
        case let .assessed(level, historical, n):
            return Localized(zh: "研判为\(level.name.zh)\(historical ? "，历史遗留问题" : "")\(note(n).zh)",
                             en: "judged \(level.name.en)\(historical ? ", historical" : "")\(note(n).en)")
        case let .unitReported(text):
            return Localized(zh: "向单位领导报送：\(text)", en: "unit report: \(text)")
        case let .verified(summary, _):
            return Localized(zh: "核实调查报告：\(summary)", en: "verification report: \(summary)")
        case let .extensionApplied(x, days, reason):
            return Localized(zh: "申请延期 \(x)（\(days) 个工作日）：\(reason)", en: "extension \(x) applied for (\(RuleClock.workingDays(days).text.en)): \(reason)")
        case let .extensionApproved(x, days, _):
            return Localized(zh: "批准延期 \(x)（\(days) 个工作日）", en: "extension \(x) approved (\(RuleClock.workingDays(days).text.en))")
        case let .extensionRejected(x, reason):
            return Localized(zh: "驳回延期 \(x)：\(reason)", en: "extension \(x) rejected: \(reason)")
        case let .escalated(n):
            return Localized(zh: "报送市领导\(note(n).zh)", en: "escalated to city leaders\(note(n).en)")
        case let .liaised(n):
            return Localized(zh: "与政务公开办、网宣办核实衔接\(note(n).zh)", en: "verified and liaised with the coordinators\(note(n).en)")
        case let .instructed(l, leader, text, _):
            return Localized(zh: "\(leader)批示 \(l)：\(text)", en: "instruction \(l) from \(leader): \(text)")
        case let .instructionUndertaken(l, d, _):
            return Localized(zh: "\(l) 由\(dept(d).zh)承办", en: "\(l) undertaken by \(dept(d).en)")
        case let .instructionSupervised(l, n):
            return Localized(zh: "\(l) 督办：\(n)", en: "\(l) supervised: \(n)")
        case let .instructionCompleted(l, _):
            return Localized(zh: "\(l) 办结", en: "\(l) completed")
        case let .responseDrafted(text, _):
            return Localized(zh: "提交回应稿：\(text)", en: "response drafted: \(text)")
        case let .responseReviewed(approved, n):
            return Localized(zh: "回应稿\(approved ? "审定通过" : "退回")\(note(n).zh)",
                             en: "response draft \(approved ? "approved" : "sent back")\(note(n).en)")
        case let .responded(channel, url, text):
            let ch = Channel.name(channel)
            return Localized(zh: "在\(ch.zh)回应\(url.map { "（\($0)）" } ?? "")：\(text)", en: "responded on \(ch.en)\(url.map { " (\($0))" } ?? ""): \(text)")
        case let .followed(n):
            return Localized(zh: "跟踪：\(n)", en: "follow-up: \(n)")
        case let .linked(other, kind, newer):
            return newer ? Localized(zh: "关联为 \(other) 的\(kind.name.zh)", en: "linked to \(other) as a \(kind.name.en)")
                         : Localized(zh: "\(other) 关联为本案的\(kind.name.zh)", en: "\(other) linked here as a \(kind.name.en)")
        case let .guidanceArranged(n):
            return Localized(zh: "安排网评引导\(note(n).zh)", en: "online guidance arranged\(note(n).en)")
        case let .closed(n):
            return Localized(zh: "办结\(note(n).zh)", en: "closed\(note(n).en)")
        case let .meetingOpened(m, topic, _, _, _):
            return Localized(zh: "会商 \(m)：\(topic)", en: "meeting \(m): \(topic)")
        case let .meetingAttended(m, depts):
            return Localized(zh: "\(m) 出席：\(depts.map { dept($0).zh }.joined(separator: "、"))", en: "\(m) attended by \(depts.map { dept($0).en }.joined(separator: ", "))")
        case let .agendaChanged(m, c, added):
            return Localized(zh: "\(c) \(added ? "列入" : "移出") \(m) 议程", en: "\(c) \(added ? "added to" : "removed from") \(m)'s agenda")
        case let .remarked(_, text):
            return Localized(zh: "发言：\(text)", en: "said: \(text)")
        case let .riskJudged(_, nature, trend, impact, _, _):
            return Localized(zh: "风险研判：\(nature)，态势\(trend.name.zh)，影响\(impact.name.zh)", en: "risk: \(nature), \(trend.name.en), impact \(impact.name.en)")
        case let .decided(_, action, text):
            // The stored action (`escalate`, `assign water`) in the minutes' words; an unknown one as stored.
            let what = DecisionAction(stored: action)?.describe(deptName: dept) ?? Localized(action)
            return Localized(zh: "会商决定：\(what.zh)\(note(text).zh)", en: "decided: \(what.en)\(note(text).en)")
        case let .meetingClosed(m):
            return Localized(zh: "\(m) 结束", en: "\(m) closed")
        case let .meetingJoined(m):
            return Localized(zh: "加入 \(m)", en: "joined \(m)")
        case let .meetingLeft(m):
            return Localized(zh: "退出 \(m)", en: "left \(m)")
        case let .departmentSaved(d):
            return Localized(zh: "部门名录：\(d.nameZH)", en: "directory: \(d.nameEN)")
        case let .patrolled(d, _):
            return Localized(zh: "\(dept(d).zh)巡查", en: "patrol by \(dept(d).en)")
        case let .denied(verb, reason, reasonZH):
            return Localized(zh: "拒绝 \(verb)：\(reasonZH ?? reason)", en: "denied \(verb): \(reason)")
        case let .calendarLoaded(years, _):
            return Localized(zh: "载入日历 \(years.map(String.init).joined(separator: "、"))", en: "calendar loaded for \(years.map(String.init).joined(separator: ", "))")
        case let .policyChanged(name, fingerprint, _):
            let f = fingerprint.map { " sha256:\($0.prefix(12))" } ?? ""
            return Localized(zh: "启用制度 \(name)\(f)", en: "policy \(name)\(f) in force")
        case let .personSaved(p):
            return Localized(zh: "人员名录：\(p.name)（\(p.role.name.zh)\(p.disabled ? "，已停用" : "")）",
                             en: "directory: \(p.name) (\(p.role.name.en)\(p.disabled ? ", disabled" : ""))")
        case let .clockSimulated(to):
            return to.map { Localized(zh: "模拟时钟：\($0)", en: "simulated clock: \($0)") }
                ?? Localized(zh: "回到系统时钟", en: "back to the system clock")
        }
    }
}

/// The response channels of Art. 9 by their codes (`weibo` → 官方微博); any other channel is shown as written.
public enum Channel {
    public static func name(_ code: String) -> Localized {
        switch code.lowercased() {
        case "website", "网站", "政府网站": Localized(zh: "政府网站", en: "the government website")
        case "weibo", "微博", "官方微博": Localized(zh: "官方微博", en: "the official Weibo")
        case "wechat", "微信", "官方微信": Localized(zh: "官方微信", en: "the official WeChat")
        default: Localized(code)
        }
    }
}
