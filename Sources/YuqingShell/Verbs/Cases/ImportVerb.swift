import Foundation
import YuqingCore
import YuqingStore

/// `collect import FILE`: what monitoring platforms export — CSV (UTF-8 or GB18030/GBK), JSON Lines or `.xlsx` —
/// with Chinese or English headers (docs/import.md). The reading, mapping and writing live in `Import/`.
struct ImportVerb: Verb {
    static let spec = CommandSpec(
        name: "import", alias: "导入", group: .cases,
        summary: Localized(zh: "从监测平台导出的 CSV、JSON Lines 或 .xlsx 文件批量收集", en: "collect items from a monitoring platform's CSV, JSON Lines or .xlsx export"),
        synopsis: "collect import FILE [--dry-run] [--profile FILE|NAME] [--format-in csv|jsonl|xlsx] [--encoding utf-8|gb18030] [--sheet NAME]",
        help: Localized(
            zh: "表头可用中文或英文：标题/题目/内容概要、链接/原文链接/URL、来源/平台/媒体类型、发布时间/采集时间、转发数、评论数、阅读/浏览数、摘要/正文摘要、作者/发布者等（见 docs/import.md）。平台名称（新浪微博、微信公众号、抖音、今日头条……）自动对应来源；时间可写 2024/03/01 09:10、2024年3月1日 9:10 或 Excel 日期；数量可写 1,234、1.2万。CSV 的编码（UTF-8 或 GB18030/GBK）自动识别。同一帖子（链接去掉跟踪参数、手机版域名等后相同）不重复立案，后来的行更新其传播数据。任何一行有误则全部不导入，并列出每个有误的行号和原因；--dry-run 只显示字段对应、前几行将存成什么和有误的行，不写入。",
            en: "Headers may be Chinese or English: 标题/题目/内容概要/title, 链接/原文链接/URL, 来源/平台/媒体类型/source, 发布时间/采集时间, 转发数, 评论数, 阅读/浏览数, 摘要/正文摘要, 作者/发布者 and more (docs/import.md). Platform names (新浪微博, 微信公众号, 抖音, 今日头条…) map to sources; times such as 2024/03/01 09:10, 2024年3月1日 9:10 or Excel dates; counts such as 1,234 or 1.2万. A CSV's encoding (UTF-8 or GB18030/GBK) is detected. The same post (the same link once tracking parameters, mobile hosts and the scheme are set aside) never opens a second case: later rows update its counts. If any row is wrong nothing is imported, and every rejected row is listed with its line and reason; --dry-run shows the mapping, the first rows as they will be stored and the rejected rows without writing."),
        examples: ["collect import 监测导出.csv --dry-run", "collect import 日报.xlsx --sheet 舆情列表", "collect import export.jsonl",
                   "collect import gbk.csv --encoding gb18030 --profile 平台日报"],
        mutates: true)

    @Argument(.path, name: "file",
              help: Localized(zh: "要导入的文件（CSV、JSON Lines 或 XLSX）", en: "the file to import (CSV, JSON Lines or XLSX)")) var file: String
    @Flag(name: "dry-run", help: Localized(zh: "只显示字段对应、将写入的前几行和有误的行，不写入", en: "show the mapping, the first rows as they will be stored and the rejected rows; write nothing"))
    var dryRun: Bool
    @Option(.path, help: Localized(zh: "平台导出格式的配置文件（或 import-profiles/ 中的名称）", en: "a platform layout profile (a file, or a name in import-profiles/)"))
    var profile: String?
    @Option(.choice(ExportFormat.allCases.map { Choice($0.rawValue, zh: $0.rawValue) }), name: "format-in",
            help: Localized(zh: "文件格式（默认按扩展名）", en: "file format (default: by extension)"))
    var formatIn: String?
    @Option(.choice([Choice("utf-8", zh: "utf-8"), Choice("gb18030", zh: "gb18030"), Choice("gbk", zh: "gbk")]),
            help: Localized(zh: "文本编码（默认自动识别）", en: "text encoding (default: detected)"))
    var encoding: String?
    @Option(.text, help: Localized(zh: ".xlsx 的工作表名称（默认第一个）", en: "the .xlsx sheet (default: the first)"))
    var sheet: String?

    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
        let options = ImportOptions(
            path: file,
            format: formatIn.flatMap(ExportFormat.init(rawValue:)),
            encoding: encoding.flatMap { ExportEncoding(name: $0) },
            sheet: sheet,
            profile: profile,
            dryRun: dryRun,
            range: $file.range,
            profileRange: $profile.range,
            sheetRange: $sheet.range)
        return try ImportRun(options: options, ws: ws, session: session, at: try session.effectiveTime(inv)).run()
    }
}
