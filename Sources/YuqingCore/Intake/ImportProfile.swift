/// A platform's own export layout, written once as a small text file and named with `--profile`.
///
/// ```
/// # 某舆情监测平台 日报导出
/// title: 信息标题
/// url: 原文地址 | 链接
/// source: 来源网站
/// collected: 采集时间
/// reposts: 转发量
/// sheet: 舆情列表
/// encoding: gb18030
/// source 微博客 = weibo
/// source * = other
/// only: yes
/// ```
///
/// `FIELD: HEADER | HEADER…` names the columns of a field (the first the file has is used); `source NAME = CODE`
/// adds a platform name (`*` maps every unknown name); `sheet` and `encoding` are defaults for the file;
/// `only: yes` turns the built-in header synonyms off, so only the columns named here are read.
public struct ImportProfile: Hashable, Sendable {
    public var name: String
    public var columns: [ImportField: [String]] = [:]
    public var sources: [String: Source] = [:]
    /// The code for source names neither built in nor listed (`source * = other`); nil rejects them.
    public var unknownSource: Source?
    public var sheet: String?
    public var encoding: String?
    public var ignoresBuiltins = false

    public init(name: String) { self.name = name }

    /// Parses a profile file. Errors name the line.
    public static func parse(_ text: String, name: String) throws(ImportError) -> ImportProfile {
        var p = ImportProfile(name: name)
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = i + 1
            var l = Substring(raw)
            if let hash = l.firstIndex(of: "#") { l = l[..<hash] }
            let t = l.trimmingWhitespace()
            if t.isEmpty { continue }
            if t.hasPrefix("source ") || t.hasPrefix("来源 ") {
                let body = t.drop(while: { $0 != " " }).trimmingWhitespace()
                guard let eq = body.firstIndex(of: "=") else {
                    throw ImportError.profileLine(profile: name, line: line, Localized(
                        zh: "应为 source 名称 = 代码", en: "expected source NAME = CODE"))
                }
                let key = body[..<eq].trimmingWhitespace()
                let code = body[body.index(after: eq)...].trimmingWhitespace()
                guard let src = Source(code: code) else {
                    throw ImportError.profileLine(profile: name, line: line, Localized(
                        zh: "来源代码“\(code)”无效（可用：\(Source.allCases.map(\.rawValue).joined(separator: " "))）",
                        en: "unknown source code “\(code)” (use: \(Source.allCases.map(\.rawValue).joined(separator: " ")))"))
                }
                if key == "*" { p.unknownSource = src } else { p.sources[key.lowercased().filter { !$0.isWhitespace }] = src }
                continue
            }
            guard let colon = t.firstIndex(where: { $0 == ":" || $0 == "：" }) else {
                throw ImportError.profileLine(profile: name, line: line, Localized(
                    zh: "应为“字段: 表头”", en: "expected “FIELD: HEADER”"))
            }
            let key = t[..<colon].trimmingWhitespace().lowercased()
            let value = t[t.index(after: colon)...].trimmingWhitespace()
            guard !value.isEmpty else {
                throw ImportError.profileLine(profile: name, line: line, Localized(zh: "“\(key)”缺少取值", en: "“\(key)” has no value"))
            }
            switch key {
            case "sheet", "工作表": p.sheet = value
            case "encoding", "编码": p.encoding = value
            case "only", "仅用":
                p.ignoresBuiltins = ["yes", "true", "1", "是"].contains(value.lowercased())
            default:
                guard let field = ImportField(rawValue: key) ?? ImportField.matching(key) else {
                    throw ImportError.profileLine(profile: name, line: line, Localized(
                        zh: "未知字段“\(key)”（可用：\(ImportField.allCases.map(\.rawValue).joined(separator: " "))）",
                        en: "unknown field “\(key)” (use: \(ImportField.allCases.map(\.rawValue).joined(separator: " ")))"))
                }
                p.columns[field] = value.split(separator: "|").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            }
        }
        return p
    }

    /// The source code of a name: the profile's own names, then the built-in platform names, then `source *`.
    public func source(_ text: String) -> Source? {
        let key = text.lowercased().filter { !$0.isWhitespace }
        if let s = sources[key] { return s }
        return ExportValues.source(text) ?? unknownSource
    }
}

/// Why a file or a profile cannot be imported as a whole (row problems are `RowProblem`s, listed together).
public enum ImportError: YuqingError, Hashable {
    case noTitleColumn(headers: [String])
    case profileColumnMissing(field: ImportField, names: [String], profile: String)
    case profileLine(profile: String, line: Int, Localized)

    public var message: Localized {
        switch self {
        case let .noTitleColumn(headers) where headers.isEmpty:
            // Nothing at all: an empty file, or a workbook's empty first sheet. "Imported 0 rows" would hide it.
            return Localized(zh: "没有任何行，找不到表头（标题列可叫 标题/题目/内容概要/title）",
                             en: "there are no rows, so no header (the title column may be named 标题/题目/内容概要/title)")
        case let .noTitleColumn(headers):
            let h = headers.prefix(12).joined(separator: ", ")
            return Localized(
                zh: "找不到标题列（表头：\(h)）；标题列可叫 标题/题目/内容概要/title，或用 --profile 指定",
                en: "no title column (headers: \(h)); name it 标题/题目/内容概要/title, or map it with --profile")
        case let .profileColumnMissing(field, names, profile):
            return Localized(
                zh: "导入配置 \(profile) 的 \(field.rawValue) 列“\(names.joined(separator: " | "))”在文件中不存在",
                en: "profile \(profile): the \(field.rawValue) column “\(names.joined(separator: " | "))” is not in the file")
        case let .profileLine(profile, line, why):
            return Localized(zh: "\(profile):\(line)：\(why.zh)", en: "\(profile):\(line): \(why.en)")
        }
    }

    /// The file or the profile does not fit what an import needs.
    public var kind: ErrorKind { .data }
}
