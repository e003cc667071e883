/// One line per event, in both languages, for the drill timeline.
public enum EventText {
    public static func actor(_ a: Actor) -> String {
        a.dept.map { "\(a.name)（\($0)）" } ?? a.name
    }

    public static func describe(_ e: Event) -> Localized {
        let c = e.caseID?.description ?? e.subject?.description ?? ""
        func l(_ zh: String, _ en: String) -> Localized { Localized(zh: zh, en: en) }
        switch e.body {
        case .collected(let item, _): return l("收集 \(c)：\(item.title)", "collected \(c): \(item.title)")
        case .itemAdded(let item): return l("\(c) 新增信息：\(item.title)", "item added to \(c): \(item.title)")
        case .metricsUpdated(let i, _, let m): return MetricsText.describe(c, item: i, m)
        case .claimed(let d): return l("认领 \(c)（\(d)）", "claimed \(c) (\(d))")
        case .assigned(let d, _, _): return l("指定 \(c) 由 \(d) 认领", "assigned \(c) to \(d)")
        case .assessed(let level, let historical, _):
            return l("研判 \(c)：\(level.name.zh)\(historical ? "（历史问题）" : "")",
                     "assessed \(c): \(level.name.en)\(historical ? " (historical)" : "")")
        case .unitReported: return l("报送 \(c) 情况", "unit report on \(c)")
        case .verified: return l("提交 \(c) 核实报告", "verification report on \(c)")
        case .extensionApplied(let x, let days, _): return l("申请延期 \(x)（\(days) 个工作日）", "applied for extension \(x) (\(days) working days)")
        case .extensionApproved(let x, _, _): return l("批准延期 \(x)", "approved extension \(x)")
        case .extensionRejected(let x, _): return l("驳回延期 \(x)", "rejected extension \(x)")
        case .escalated: return l("上报 \(c) 至市领导", "escalated \(c)")
        case .instructed(let i, let leader, _, _): return l("录入 \(leader) 批示 \(i)", "recorded instruction \(i) by \(leader)")
        case .instructionUndertaken(let i, let d, _): return l("\(d) 承办批示 \(i)", "\(d) undertook instruction \(i)")
        case .instructionSupervised(let i, _): return l("督办批示 \(i)", "supervised instruction \(i)")
        case .instructionCompleted(let i, _): return l("办结批示 \(i)", "completed instruction \(i)")
        case .responseDrafted: return l("起草 \(c) 回应稿", "drafted a response on \(c)")
        case .responseReviewed(let ok, _): return l("审定 \(c) 回应稿：\(ok ? "通过" : "退回")", "reviewed the response on \(c): \(ok ? "approved" : "rejected")")
        case .responded(let ch, _, _): return l("在 \(ch) 发布 \(c) 回应", "published the response on \(c) via \(ch)")
        case .followed: return l("跟踪 \(c)", "followed up \(c)")
        case .linked(let to, let kind, _): return l("关联 \(c) 与 \(to)（\(kind.name.zh)）", "linked \(c) with \(to) (\(kind.name.en))")
        case .guidanceArranged: return l("安排 \(c) 引导", "arranged guidance on \(c)")
        case .closed: return l("办结 \(c)", "closed \(c)")
        case .meetingOpened(let m, let topic, _, _, _): return l("召开会商 \(m)：\(topic)", "opened meeting \(m): \(topic)")
        case .meetingAttended(let m, let depts): return l("\(m) 签到：\(depts.joined(separator: "、"))", "\(m) attendance: \(depts.joined(separator: ", "))")
        case .agendaChanged(let m, let id, let added): return l("\(m) 议程\(added ? "加入" : "移除") \(id)", "\(m) agenda \(added ? "adds" : "drops") \(id)")
        case .remarked(_, let text): return l("发言：\(text)", "remark: \(text)")
        case .riskJudged(_, _, let trend, let impact, _, _):
            return l("风险研判 \(c)：\(trend.name.zh)，\(impact.name.zh)", "risk judged on \(c): \(trend.name.en), \(impact.name.en)")
        case .decided(_, let action, _): return l("决定 \(c)：\(action)", "decided on \(c): \(action)")
        case .meetingClosed(let m): return l("结束会商 \(m)", "closed meeting \(m)")
        case .departmentSaved(let d): return l("保存部门 \(d.code)", "saved department \(d.code)")
        case .patrolled(let d, _): return l("\(d) 巡查", "\(d) patrolled")
        case .denied(let verb, let reason, let zh): return l("被拒绝：\(verb)（\(zh ?? reason)）", "denied: \(verb) (\(reason))")
        case .calendarLoaded(let years, _): return l("载入日历 \(years.map(String.init).joined(separator: ","))", "loaded calendar \(years.map(String.init).joined(separator: ","))")
        case .policyChanged(let name, let fp, _):
            let f = fp.map { " sha256:\($0.prefix(12))" } ?? ""
            return l("启用制度 \(name)\(f)", "policy \(name)\(f) in force")
        case .personSaved(let p):
            return l("登记人员 \(p.name)（\(p.role.name.zh)\(p.disabled ? "，已停用" : "")）", "saved person \(p.name) (\(p.role.name.en)\(p.disabled ? ", disabled" : ""))")
        case .clockSimulated(let t):
            return t.map { l("模拟时钟设为 \($0)", "simulated clock set to \($0)") } ?? l("回到系统时钟", "back to the system clock")
        }
    }
}
