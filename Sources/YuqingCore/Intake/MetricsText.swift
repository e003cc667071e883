/// How a metrics update reads in timelines and drill logs, in both languages.
public enum MetricsText {
    /// `C7 第 1 条信息传播数据更新：转发 1200，评论 35` / `C7 item 1 counts updated: 1200 reposts, 35 comments`.
    public static func describe(_ caseID: String, item: Int, _ m: MetricsUpdate) -> Localized {
        var zh: [String] = []
        var en: [String] = []
        if let r = m.reposts { zh.append("转发 \(r)"); en.append("\(r) reposts") }
        if let c = m.comments { zh.append("评论 \(c)"); en.append("\(c) comments") }
        if let v = m.views { zh.append("阅读 \(v)"); en.append("\(v) views") }
        let prefix = caseID.isEmpty ? "" : caseID + " "
        return Localized(zh: "\(prefix)第 \(item) 条信息传播数据更新：\(zh.joined(separator: "，"))",
                         en: "\(prefix)item \(item) counts updated: \(en.joined(separator: ", "))")
    }
}
