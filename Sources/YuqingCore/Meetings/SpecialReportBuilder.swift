/// Writes the special report (舆情专报) on one case for the city leaders (Art. 8 ¶1, ¶3): the facts, the sources with
/// their links, the public reaction, the risk judgement, the disposal suggestion, the deadlines and whom to call
/// (the directory's contacts, Art. 10). Pure and deterministic: `at` is the session's time.
public enum SpecialReportBuilder {
    public static func document(_ c: CaseFile, obligations: [Obligation], directory dir: Directory, policy: Policy,
                                at: Instant, language lang: Language) -> OfficialDocument {
        func L(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        func dname(_ code: String) -> String {
            guard let d = dir.find(code) else { return code }
            return lang == .zh ? d.nameZH : d.nameEN
        }
        let sep = L("、", ", ")
        let coordinators = dir.coordinators.map { lang == .zh ? $0.nameZH : $0.nameEN }.joined(separator: sep)
        var blocks: [DocumentBlock] = [
            .subtitle(L("第 \(c.id) 号　\(coordinators)　\(DocumentText.date(at.date, lang)) \(Meeting.clock(at))",
                        "No. \(c.id) — \(coordinators) — \(at.description)")),
        ]
        var n = 0
        func section(_ zh: String, _ en: String) -> DocumentBlock {
            n += 1
            return .heading(DocumentText.section(n, lang) + L(zh, en))
        }

        blocks.append(section("舆情概况", "Summary"))
        var facts = MinutesBuilder.facts(c, lang: lang, dname: dname)
        if let cat = c.category {
            facts.insert(DocumentField(L("类别（第二条）", "Gathering point (Art. 2)"), cat.name.text(lang)), at: 2)
        }
        if let excerpt = c.items.first?.excerpt, !excerpt.isEmpty {
            facts.append(DocumentField(L("内容摘要", "Excerpt"), excerpt))
        }
        if let at = c.escalatedAt {
            facts.append(DocumentField(L("报送市领导", "Reported to the city leaders"), at.description))
        }
        blocks.append(.fields(facts))

        blocks.append(section("信息来源与公众反应", "Sources and public reaction"))
        var rows = c.items.map { i in
            [i.source.name.text(lang), i.title, i.url ?? "—", DocumentText.grouped(i.metrics.reposts),
             DocumentText.grouped(i.metrics.comments), DocumentText.grouped(i.metrics.views)]
        }
        if c.items.count > 1 {
            let m = c.metrics
            rows.append([L("合计", "Total"), "", "", DocumentText.grouped(m.reposts), DocumentText.grouped(m.comments),
                         DocumentText.grouped(m.views)])
        }
        blocks.append(.table(headers: [L("来源", "Source"), L("标题", "Title"), L("链接", "Link"), L("转发", "Reposts"),
                                       L("评论", "Comments"), L("浏览", "Views")], rows: rows))

        blocks.append(section("研判意见", "Risk judgement (Art. 7)"))
        if let r = c.risk {
            blocks.append(.fields(MinutesBuilder.riskFields(nature: r.nature, trend: r.trend, impact: r.impact,
                                                            risks: r.risks, suggest: r.suggest, lang: lang)))
        } else if let note = c.assessNote {
            blocks.append(.paragraph(note))
        } else {
            blocks.append(.paragraph(L("尚未作出风险研判。", "No risk judgement has been made yet.")))
        }

        blocks.append(section("处置建议", "Disposal suggestion"))
        var suggestions: [String] = []
        if let s = c.risk?.suggest { suggestions.append(s) }
        if let s = c.unitReport { suggestions.append(L("部门报送：", "The department's report: ") + s) }
        for d in c.decisions {
            let what = DecisionAction(stored: d.action)?.describe(deptName: { code in
                dir.find(code)?.name ?? Localized(code)
            }).text(lang) ?? d.action
            let origin = d.meeting.map { L("（会商 \($0) 决定）", " (decided in \($0))") } ?? ""
            suggestions.append(what + (d.text.map { L("：\($0)", ": \($0)") } ?? "") + origin)
        }
        for l in c.instructions {
            suggestions.append(L("\(l.leader)批示（\(l.id)）：\(l.text)", "Instruction \(l.id) by \(l.leader): \(l.text)"))
        }
        blocks.append(suggestions.isEmpty ? .paragraph(L("待会商研判后提出。", "To be proposed after consultation."))
                                          : .bullets(suggestions))

        blocks.append(section("办理时限", "Deadlines"))
        let shown = obligations.filter { !$0.optional }.sorted { a, b in
            (a.due ?? Instant(seconds: .max), a.ruleID) < (b.due ?? Instant(seconds: .max), b.ruleID)
        }
        if shown.isEmpty {
            blocks.append(.paragraph(L("无。", "None.")))
        } else {
            blocks.append(.table(headers: [L("事项", "Obligation"), L("完成时限", "Due"), L("依据", "Rule"), L("状态", "Status")],
                                 rows: shown.map { o in
                                     [o.title.text(lang) + (o.subject.map { " \($0)" } ?? ""),
                                      o.due?.deadlineDescription ?? L("无法计算", "unknown"),
                                      (policy.rule(o.ruleID)?.citation ?? Article.cite(o.article)).text(lang),
                                      o.status.name.text(lang)]
                                 }))
        }

        blocks.append(section("联系人", "Contacts (Art. 10)"))
        var contactDepts: [Department] = []
        if let d = c.dept.flatMap({ dir.find($0) }) { contactDepts.append(d) }
        for d in dir.coordinators where !contactDepts.contains(where: { $0.code == d.code }) { contactDepts.append(d) }
        let none = L("（未报送）", "(not given)")
        blocks.append(.table(headers: [L("单位", "Department"), L("分管负责人", "Responsible leader"), L("工作人员", "Staff"), L("电话", "Phone")],
                             rows: contactDepts.map { d in
                                 [lang == .zh ? d.nameZH : d.nameEN, d.leader ?? none,
                                  d.staff.isEmpty ? none : d.staff.joined(separator: sep), d.phone ?? none]
                             }))
        blocks.append(.signature([coordinators.replacing(sep, with: lang == .zh ? "　" : ", "), DocumentText.date(at.date, lang)]))
        blocks.append(.footnote(L("报：市领导。抄送：\(coordinators)\(c.dept.map { "、" + dname($0) } ?? "")。",
                                  "To: the city leaders. Copy: \(coordinators)\(c.dept.map { ", " + dname($0) } ?? "").")))
        let title = L("政务舆情专报：\(c.title)", "Special report on public opinion: \(c.title)")
        return OfficialDocument(title: title, language: lang, blocks: blocks)
    }
}
