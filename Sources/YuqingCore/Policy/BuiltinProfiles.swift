/// The built-in profiles as split `policy` lines (without the leading `policy`): their one source. `policy export NAME`
/// writes one as a profile script (`Policy.script(lines:)`) for a city to copy and edit; nothing else holds them.
extension Policy {
    public static let mingguangLines: [[String]] = [
        ["name", "mingguang", "明光市政务舆情回应制度（2019）", "Mingguang Municipal Affairs Public Opinion Response System (2019)"],
        ["cutoff", "24:00"],
        // Readings where the text leaves room (docs/rules.md, "Readings"); these are the defaults, written out so
        // that an exported profile shows them.
        ["reading", "escalation-from", "judgement"],
        ["reading", "high-response-from", "verification"],
        ["reading", "rest-day-start", "counted"],
        ["reading", "unit-report-when-major", "stays"],
        ["rule", "members", "1"],
        ["set", "members", "title", "会商联席会议成员", "joint meeting members"],
        ["set", "members", "about", "市委宣传部、市政府办、市公安局、市政府应急办、市信访局及涉事部门参加会商联席会议", "the joint meeting: the municipal party committee propaganda department, government office, public security bureau, government emergency office, letters and calls bureau and the departments involved"],
        ["rule", "patrol.day", "6"],
        ["set", "patrol.day", "title", "工作日巡查", "workday patrol"],
        ["set", "patrol.day", "about", "工作日每1小时巡查一次", "on workdays, patrol every hour in office hours"],
        ["set", "patrol.day", "limit", "every", "1h"],
        ["set", "patrol.day", "window", "workday", "08:00-18:00"],
        ["rule", "patrol.night", "6"],
        ["set", "patrol.night", "title", "晚间及节假日巡查", "evening and holiday patrol"],
        ["set", "patrol.night", "about", "每天晚上（24点前）和节假日安排人员值班，每间隔2小时巡查一次", "on duty every evening until 24:00 and on rest days and holidays, patrol every 2 hours"],
        ["set", "patrol.night", "limit", "every", "2h"],
        ["set", "patrol.night", "window", "workday", "18:00-24:00"],
        ["set", "patrol.night", "window", "rest", "08:00-24:00"],
        ["rule", "claim", "6"],
        ["set", "claim", "title", "认领", "claim"],
        ["set", "claim", "about", "在收集时所处巡查间隔内认领；逾期未认领的由政务公开办、网宣办指定认领并记录在案、纳入考核", "claim within the patrol interval in force when the item was collected; overdue cases are designated by the coordinators, recorded and counted in the assessment"],
        ["set", "claim", "limit", "patrol"],
        ["set", "claim", "from", "collected", "to", "claimed"],
        ["rule", "claim.routing", "6"],
        ["set", "claim.routing", "title", "认领分工", "who claims"],
        ["set", "claim.routing", "about", "市政府办公室或职能部门按职责分工认领；涉及多层次、多部门的由政务公开办、网宣办认领", "the government office or the functional department claims by its duties; multi-level or multi-department cases are claimed by the coordinators"],
        ["rule", "report.unit", "8 ¶1"],
        ["set", "report.unit", "title", "报送本单位领导", "report to unit leaders"],
        ["set", "report.unit", "about", "一般网络政务舆情2小时内将舆情及处置建议报送本单位主要领导和分管领导，同时抄送政务公开办、网宣办", "general cases: within 2 hours, report the opinion and a disposal suggestion to the unit's main and supervising leaders, copying the coordinators"],
        ["set", "report.unit", "limit", "2h"],
        ["set", "report.unit", "from", "claimed", "to", "unit-reported"],
        ["set", "report.unit", "applies", "general", "high-attention"],
        ["rule", "verify", "8 ¶2"],
        ["set", "verify", "title", "核实调查报告", "verification report"],
        ["set", "verify", "about", "认领后5个工作日内形成本单位的网络政务舆情核实调查报告", "form the unit's verification investigation report within 5 working days of the claim"],
        ["set", "verify", "limit", "5wd"],
        ["set", "verify", "from", "claimed", "to", "verified"],
        ["set", "verify", "applies", "not-historical"],
        ["rule", "verify.historical", "8 ¶2"],
        ["set", "verify.historical", "title", "核实调查报告（历史遗留问题）", "verification report (historical issue)"],
        ["set", "verify.historical", "about", "历史遗留问题原则上在认领后15个工作日内形成核实调查报告", "historical issues: the verification report within 15 working days of the claim, in principle"],
        ["set", "verify.historical", "limit", "15wd"],
        ["set", "verify.historical", "from", "claimed", "to", "verified"],
        ["set", "verify.historical", "applies", "historical"],
        ["rule", "extend.apply", "8 ¶2"],
        ["set", "extend.apply", "title", "延期申请", "extension application"],
        ["set", "extend.apply", "about", "遇特殊情况需要延长办理时限的，应在3个工作日内向政务公开办、网宣办提出书面申请", "where special circumstances need more time, apply in writing to the coordinators within 3 working days"],
        ["set", "extend.apply", "limit", "3wd"],
        ["set", "extend.apply", "from", "claimed", "to", "extension-applied"],
        ["rule", "escalate", "8 ¶3"],
        ["set", "escalate", "title", "报送市领导", "report to city leaders"],
        ["set", "escalate", "about", "重大敏感舆情经核实衔接后，由政务公开办、网宣办于2小时内统筹报送市领导", "major sensitive cases: after verification with the departments, the coordinators report to the city leaders within 2 hours"],
        ["set", "escalate", "limit", "2h"],
        ["set", "escalate", "from", "major-sensitive", "to", "escalated"],
        ["set", "escalate", "by", "coordinators"],
        ["rule", "instruct", "8 ¶4"],
        ["set", "instruct", "title", "领导批示办理", "leader instruction"],
        ["set", "instruct", "about", "市领导批示的舆情按程序交办、承办、督办，认真调查核实，妥善处理；未定时限的默认5个工作日", "cases instructed by city leaders are assigned, undertaken and supervised by procedure; without a due time, 5 working days"],
        ["set", "instruct", "limit", "5wd"],
        ["set", "instruct", "from", "instructed", "to", "instruction-done"],
        ["rule", "respond", "9 ¶1"],
        ["set", "respond", "title", "回应", "response"],
        ["set", "respond", "about", "一般舆情形成核实调查报告后3个工作日内在政府网站、官方微博、微信等渠道回复，并链接到出现舆情的网站或论坛", "general cases: reply on the government website, official Weibo and WeChat within 3 working days of the verification report, linking to where the opinion appeared"],
        ["set", "respond", "limit", "3wd"],
        ["set", "respond", "from", "verified", "to", "responded"],
        ["set", "respond", "applies", "general"],
        ["rule", "respond.high", "9 ¶1"],
        ["set", "respond.high", "title", "回应（关注度高）", "response (high attention)"],
        ["set", "respond.high", "about", "关注度高、影响力大、涉及面广的回复内容，须报政务公开办、网宣办会商审定后，于5个工作日内统一发布", "high-attention, high-impact, wide-reaching cases: the reply is reviewed by the coordinators in consultation, then published within 5 working days"],
        ["set", "respond.high", "limit", "5wd"],
        ["set", "respond.high", "from", "verified", "to", "responded"],
        ["set", "respond.high", "applies", "high-attention", "major-sensitive"],
        ["set", "respond.high", "review", "coordinators"],
        ["rule", "follow", "9 ¶2"],
        ["set", "follow", "title", "持续关注", "follow-up"],
        ["set", "follow", "about", "处置后持续关注舆情发展态势，防止负面舆情反复出现", "after disposal, keep watching the matter and prevent negative opinion from recurring"],
        ["set", "follow", "limit", "7d"],
        ["set", "follow", "from", "responded"],
        ["rule", "contacts", "10"],
        ["set", "contacts", "title", "联系人", "contacts"],
        ["set", "contacts", "about", "各部门确定一名分管负责人和工作人员，联系方式报送政务公开办、网宣办", "each department names one responsible leader and staff and reports their contacts to the coordinators"],
        ["rule", "score", "12"],
        ["set", "score", "title", "考核", "assessment"],
        ["set", "score", "about", "认领、处置、回应情况计入政务公开工作目标管理考核分值", "claims, disposal and responses count in the open-government assessment score"],
        ["rule", "account", "13"],
        ["set", "account", "title", "问责", "accountability"],
        ["set", "account", "about", "处置不及时、不负责、不到位造成重大问题或负面影响的，依法依纪追究责任", "untimely, irresponsible or inadequate handling that causes major problems or negative impact is held to account"],
    ] + supervisionLines

    public static let nationalLines: [[String]] = [
        ["name", "national", "国务院办公厅政务舆情回应要求（国办发〔2016〕61号、80号）", "State Council requirements on responding to government-affairs public opinion (2016 No. 61 and No. 80)"],
        ["cutoff", "24:00"],
        ["rule", "respond.national", "国办发〔2016〕61号"],
        ["set", "respond.national", "title", "回应", "response"],
        ["set", "respond.national", "about", "对涉及群众切身利益的重要政务舆情，最迟要在48小时内予以回应", "respond to government-affairs public opinion within 48 hours at the latest"],
        ["set", "respond.national", "limit", "48h"],
        ["set", "respond.national", "from", "collected", "to", "responded"],
        ["rule", "press.major", "国办发〔2016〕61号"],
        ["set", "press.major", "title", "新闻发布会", "press conference"],
        ["set", "press.major", "about", "涉及特别重大、重大突发事件的政务舆情，最迟应在24小时内举行新闻发布会", "major emergencies: hold a press conference within 24 hours at the latest"],
        ["set", "press.major", "limit", "24h"],
        ["set", "press.major", "from", "major-sensitive", "to", "press-conference"],
        ["set", "press.major", "applies", "major-sensitive"],
        ["rule", "authoritative.major", "国办发〔2016〕80号"],
        ["set", "authoritative.major", "title", "发布权威信息", "authoritative information"],
        ["set", "authoritative.major", "about", "涉及特别重大、重大突发事件的政务舆情，要快速反应，最迟要在5小时内发布权威信息", "major emergencies: release authoritative information within 5 hours at the latest"],
        ["set", "authoritative.major", "limit", "5h"],
        ["set", "authoritative.major", "from", "major-sensitive", "to", "authoritative-info"],
        ["set", "authoritative.major", "applies", "major-sensitive"],
    ] + supervisionLines

    /// yuqing's readings of Art. 5, 6, 12 and 13 (docs/supervision.md), written out in both built-in profiles so a
    /// city copying one sees every setting it can change. Equal to `SupervisionSettings.yuqingDefault` (a test checks).
    public static let supervisionLines: [[String]] = [
        ["supervision", "patrol-duty", "all"],
        ["supervision", "patrol-model", "slots"],
        ["supervision", "unclaimed", "coordinators"],
        ["supervision", "account-after", "24h"],
        ["supervision", "account-levels", "major-sensitive"],
        ["score", "start", "100"],
        ["score", "floor", "0"],
        ["score", "claim-on-time", "0"], ["score", "claim-late", "-2"],
        ["score", "unit-report-on-time", "0"], ["score", "unit-report-late", "-1"], ["score", "unit-report-overdue", "-2"],
        ["score", "verify-on-time", "0"], ["score", "verify-late", "-2"], ["score", "verify-overdue", "-4"],
        ["score", "respond-on-time", "0"], ["score", "respond-late", "-2"], ["score", "respond-overdue", "-4"],
        ["score", "instruct-on-time", "0"], ["score", "instruct-late", "-3"], ["score", "instruct-overdue", "-5"],
        ["score", "escalate-on-time", "0"], ["score", "escalate-late", "-3"], ["score", "escalate-overdue", "-5"],
        ["score", "other-on-time", "0"], ["score", "other-late", "-1"], ["score", "other-overdue", "-2"],
        ["score", "designated", "-5"],
        ["score", "undesignated", "-5"],
        ["score", "extension-applied", "0"],
        ["score", "extension-approved", "0"],
        ["score", "patrol-shortfall", "-0.2"],
    ]

    /// The default profile: 明光市政务舆情回应制度（2019）.
    public static let mingguang: Policy = builtIn(mingguangLines)

    /// The national limits of 国办发〔2016〕61号 and 80号.
    public static let national: Policy = builtIn(nationalLines)

    /// The lines of each built-in profile by name, for `policy export NAME`.
    public static let builtInLines: KeyValuePairs<String, [[String]]> = ["mingguang": mingguangLines, "national": nationalLines]

    /// The built-in profiles by name, for `policy use NAME`.
    public static let builtIns: [String: Policy] = ["mingguang": mingguang, "national": national]

    /// A profile's lines as the script `policy use FILE` reads: one `policy …` line each, a blank line before each
    /// rule, words quoted by `quote` where the language would split them.
    public static func script(lines: [[String]], quote: (String) -> String) -> String {
        var out = ""
        for words in lines {
            if words.first == "rule" { out += "\n" }
            out += (["policy"] + words.map(quote)).joined(separator: " ") + "\n"
        }
        return out
    }

    private static func builtIn(_ lines: [[String]]) -> Policy {
        do {
            return try build(lines)
        } catch {
            // Shipped data, checked by the test suite: an error here is a defect of this file, not of user input.
            preconditionFailure("built-in policy profile is invalid: \(error)")
        }
    }
}
