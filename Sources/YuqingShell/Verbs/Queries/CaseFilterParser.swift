import YuqingCore
import YuqingStore

/// Parses the condition language of `cases where …` and `count by … where …`:
///
///     stage = claimed and (dept = police or dept = 市应急办) and not historical
///     level in (high-attention, major-sensitive) and collected >= 2019-12-01 order by due limit 20
///     title ~ 水质 and overdue
///
/// Fields, codes and keywords are accepted in English or Chinese. Errors name the word (and the position inside
/// it) so the shell can put a caret under the exact spot.
///
/// Hostile input cannot exhaust the stack, here or in SQLite: parentheses nest at most `maxDepth` deep, a run of
/// `not` folds to one or none, `and`/`or` chains become balanced trees (depth log₂ n), and a condition holds at
/// most `maxConditions` comparisons and an `in (…)` list at most `maxValues` values. Quoted text is a value: it is
/// never split on operators nor read as a keyword (`title = "a=b (x)"`, `title ~ "or"`).
public struct CaseFilterParser {
    /// Parentheses nested deeper than this are refused.
    public static let maxDepth = 64
    /// Comparisons in one condition.
    public static let maxConditions = 1000
    /// Values in one `in (…)` list.
    public static let maxValues = 1000

    public struct Failure: Error, Sendable {
        public var message: Localized
        /// Index of the word in the input and the character offset/length inside it.
        public var word: Int
        public var offset: Int
        public var length: Int
    }

    public struct Result: Sendable {
        public var filter: CaseFilter?
        public var order: [(field: CaseField, descending: Bool)]
        public var limit: Int?
    }

    struct Token {
        var text: String
        var word: Int
        var offset: Int
        /// Some of it was quoted: a value, never a keyword or an operator.
        var quoted = false
    }

    private var tokens: [Token] = []
    private var pos = 0
    private var depth = 0
    private var conditions = 0
    private let endWord: Int
    private let resolveDept: (String) -> String?
    private let resolveTime: (String) -> Instant?
    /// The nearest department code or name to a value that names none (`polic` → `police`), for the error's hint.
    private let suggestDept: (String) -> String?

    /// `resolveDept` maps a code or Chinese name to the canonical code; `resolveTime` parses a time value.
    /// `quotedSpans[w]` are the character offsets of word `w` that were quoted (see `Word.quotedSpans`).
    public init(words: [String], quotedSpans: [[Range<Int>]] = [], resolveDept: @escaping (String) -> String?,
                resolveTime: @escaping (String) -> Instant?, suggestDept: @escaping (String) -> String? = { _ in nil }) {
        self.resolveDept = resolveDept
        self.suggestDept = suggestDept
        self.resolveTime = resolveTime
        endWord = max(words.count - 1, 0)
        let ops: [[Character]] = ["!=", "<=", ">=", "=", "<", ">", "~", "(", ")", ","].map { Array($0) }
        for (w, word) in words.enumerated() {
            let chars = Array(word)
            let spans = w < quotedSpans.count ? quotedSpans[w] : []
            var inQuote = [Bool](repeating: false, count: chars.count)
            for r in spans { for k in r where k >= 0 && k < chars.count { inQuote[k] = true } }
            let emptyQuotes = Set(spans.filter(\.isEmpty).map(\.lowerBound))
            var i = 0
            var current = ""
            var start = 0
            var quoted = false
            func flush() {
                if !current.isEmpty || quoted { tokens.append(Token(text: current, word: w, offset: start, quoted: quoted)) }
                current = ""
                quoted = false
            }
            while i <= chars.count {
                if emptyQuotes.contains(i) {
                    if current.isEmpty && !quoted { start = i }
                    quoted = true
                }
                guard i < chars.count else { break }
                if !inQuote[i], let op = ops.first(where: { op in
                    i + op.count <= chars.count && chars[i..<(i + op.count)].elementsEqual(op)
                        && !inQuote[i..<(i + op.count)].contains(true)
                }) {
                    flush()
                    tokens.append(Token(text: String(op), word: w, offset: i))
                    i += op.count
                    start = i
                } else {
                    if current.isEmpty && !quoted { start = i }
                    if inQuote[i] { quoted = true }
                    current.append(chars[i])
                    i += 1
                }
            }
            flush()
        }
    }

    static let fieldNames: [String: CaseField] = {
        var m: [String: CaseField] = [:]
        for f in CaseField.allCases { m[f.rawValue] = f }
        let zh: [String: CaseField] = ["编号": .id, "标题": .title, "链接": .url, "阶段": .stage, "部门": .dept,
                                       "级别": .level, "来源": .source, "类别": .category, "历史": .historical,
                                       "指定": .designated, "收集": .collected, "收集时间": .collected,
                                       "认领": .claimed, "认领时间": .claimed, "到期": .due, "超期": .overdue,
                                       "全文": .text, "文本": .text]
        m.merge(zh) { a, _ in a }
        return m
    }()

    static func field(_ s: String) -> CaseField? { fieldNames[s.lowercased()] ?? fieldNames[s] }

    private func fail(_ zh: String, _ en: String, at t: Token?) -> Failure {
        if let t {
            return Failure(message: Localized(zh: zh, en: en), word: t.word, offset: t.offset, length: max(t.text.count, 1))
        }
        return Failure(message: Localized(zh: zh, en: en), word: endWord, offset: 0, length: 1)
    }

    private var peek: Token? { pos < tokens.count ? tokens[pos] : nil }

    private func isKeyword(_ t: Token?, _ words: Set<String>) -> Bool {
        guard let t, !t.quoted else { return false }
        return words.contains(t.text.lowercased())
    }

    /// An operator or punctuation token (never a quoted one).
    private func isOp(_ t: Token?, _ op: String) -> Bool {
        guard let t, !t.quoted else { return false }
        return t.text == op
    }

    static let andWords: Set<String> = ["and", "且", "并且", "&&"]
    static let orWords: Set<String> = ["or", "或", "或者", "||"]
    static let notWords: Set<String> = ["not", "非", "不"]
    static let orderWords: Set<String> = ["order", "排序"]
    static let limitWords: Set<String> = ["limit", "限"]

    public mutating func parse() throws(Failure) -> Result {
        var filter: CaseFilter?
        if let t = peek, !isKeyword(t, Self.orderWords), !isKeyword(t, Self.limitWords) {
            filter = try parseOr()
        }
        var order: [(field: CaseField, descending: Bool)] = []
        var limit: Int?
        while let t = peek {
            if isKeyword(t, Self.orderWords) {
                pos += 1
                if isKeyword(peek, ["by", "按"]) { pos += 1 }
                repeat {
                    if isOp(peek, ",") { pos += 1 }
                    guard let ft = peek, let f = Self.field(ft.text), f != .text else {
                        let names = CaseField.allCases.filter { $0 != .text }.map(\.rawValue)
                        let near = peek.flatMap { Suggest.nearest($0.text, among: names) }
                        throw fail("排序字段无效：\(peek?.text ?? "（缺失）")\(near.map { "（是否想输入 \($0)？）" } ?? "")；可用：\(names.joined(separator: " "))",
                                   "not a field to order by: \(peek?.text ?? "(missing)")\(near.map { " (did you mean \($0)?)" } ?? ""); fields: \(names.joined(separator: " "))", at: peek)
                    }
                    pos += 1
                    var desc = false
                    if isKeyword(peek, ["desc", "降序"]) { desc = true; pos += 1 } else if isKeyword(peek, ["asc", "升序"]) { pos += 1 }
                    order.append((f, desc))
                } while isOp(peek, ",")
            } else if isKeyword(t, Self.limitWords) {
                pos += 1
                guard let nt = peek, let n = Int(nt.text), n > 0 else {
                    throw fail("limit 后应为正整数", "limit needs a positive whole number", at: peek)
                }
                pos += 1
                limit = n
            } else {
                throw fail("无法理解“\(t.text)”：应为 and、or、order by 或 limit", "unexpected “\(t.text)”: expected and, or, order by or limit", at: t)
            }
        }
        return Result(filter: filter, order: order, limit: limit)
    }

    private mutating func parseOr() throws(Failure) -> CaseFilter {
        try parseChain(Self.orWords, CaseFilter.or) { (p: inout CaseFilterParser) throws(Failure) in try p.parseAnd() }
    }

    private mutating func parseAnd() throws(Failure) -> CaseFilter {
        try parseChain(Self.andWords, CaseFilter.and) { (p: inout CaseFilterParser) throws(Failure) in try p.parseUnary() }
    }

    /// `term word term word term…`, joined balanced.
    private mutating func parseChain(_ words: Set<String>, _ join: (CaseFilter, CaseFilter) -> CaseFilter,
                                     _ term: (inout CaseFilterParser) throws(Failure) -> CaseFilter) throws(Failure) -> CaseFilter {
        var terms = [try term(&self)]
        while isKeyword(peek, words) {
            pos += 1
            terms.append(try term(&self))
        }
        return Self.balanced(terms[...], join)
    }

    /// `a and b and c and d` as `(a and b) and (c and d)`: a chain of n terms is log₂ n deep, so neither the
    /// stores' recursive compilers nor SQLite's expression depth limit are reached.
    static func balanced(_ terms: ArraySlice<CaseFilter>, _ join: (CaseFilter, CaseFilter) -> CaseFilter) -> CaseFilter {
        if terms.count == 1, let only = terms.first { return only }
        let mid = terms.startIndex + terms.count / 2
        return join(balanced(terms[..<mid], join), balanced(terms[mid...], join))
    }

    private mutating func parseUnary() throws(Failure) -> CaseFilter {
        // A run of `not` is read in a loop and folds to one or none: `not not x` is `x`.
        var negate = false
        while isKeyword(peek, Self.notWords) {
            pos += 1
            negate.toggle()
        }
        guard let t = peek else { throw fail("条件不完整", "the condition is incomplete", at: nil) }
        let inner: CaseFilter
        if isOp(t, "(") {
            guard depth < Self.maxDepth else {
                throw fail("括号嵌套过深（最多 \(Self.maxDepth) 层）", "parentheses nested too deeply (at most \(Self.maxDepth))", at: t)
            }
            depth += 1
            pos += 1
            let e = try parseOr()
            guard isOp(peek, ")") else { throw fail("缺少右括号", "missing “)”", at: peek ?? t) }
            pos += 1
            depth -= 1
            inner = e
        } else {
            inner = try parsePredicate()
        }
        guard negate else { return inner }
        if case .not(let x) = inner { return x }
        return .not(inner)
    }

    private mutating func parsePredicate() throws(Failure) -> CaseFilter {
        guard let ft = peek else { throw fail("条件不完整", "the condition is incomplete", at: nil) }
        conditions += 1
        guard conditions <= Self.maxConditions else {
            throw fail("条件过多（最多 \(Self.maxConditions) 个比较）", "too many comparisons (at most \(Self.maxConditions))", at: ft)
        }
        guard let field = Self.field(ft.text) else {
            let names = CaseField.allCases.map(\.rawValue)
            let hint = Suggest.nearest(ft.text, among: names).map { "（是否想输入 \($0)？）" } ?? ""
            let hintEN = Suggest.nearest(ft.text, among: names).map { " (did you mean \($0)?)" } ?? ""
            throw fail("未知字段“\(ft.text)”\(hint)；可用：\(names.joined(separator: " "))",
                       "unknown field “\(ft.text)”\(hintEN); fields: \(names.joined(separator: " "))", at: ft)
        }
        pos += 1
        let opToken = peek
        // A bare boolean field: `overdue`, `historical`, `designated`.
        if [.overdue, .historical, .designated].contains(field),
           opToken == nil || isKeyword(opToken, Self.andWords.union(Self.orWords).union(Self.orderWords).union(Self.limitWords)) || isOp(opToken, ")") {
            return .compare(field, .eq, .bool(true))
        }
        guard let ot = opToken else { throw fail("“\(ft.text)”后缺少比较符（= != < <= > >= ~ in）", "“\(ft.text)” needs an operator (= != < <= > >= ~ in)", at: nil) }
        if field == .text && !isOp(ot, "~") {
            throw fail("全文只能用 ~ 查找（如 text ~ 水质）", "text can only be searched with ~ (like text ~ 水质)", at: ot)
        }
        if isKeyword(ot, ["in", "属于"]) {
            pos += 1
            guard isOp(peek, "(") else { throw fail("in 后应为 (值, 值…)", "in needs (value, value…)", at: peek ?? ot) }
            pos += 1
            var values: [FilterValue] = []
            while let vt = peek, !isOp(vt, ")") {
                if isOp(vt, ",") { pos += 1; continue }
                if isOp(vt, "(") { throw fail("in (…) 中不能再有括号", "no parentheses inside in (…)", at: vt) }
                guard values.count < Self.maxValues else {
                    throw fail("in (…) 中的值过多（最多 \(Self.maxValues) 个）", "too many values in in (…) (at most \(Self.maxValues))", at: vt)
                }
                values.append(try value(for: field, vt))
                pos += 1
            }
            guard isOp(peek, ")") else { throw fail("缺少右括号", "missing “)”", at: nil) }
            pos += 1
            return .oneOf(field, values)
        }
        if isOp(ot, "~") {
            guard field.isSearchable else {
                throw fail("“\(ft.text)”不含文字，不能用 ~ 查找；请用 = != < <= > >=", "“\(ft.text)” holds no text to search with ~; compare it with = != < <= > >=", at: ot)
            }
            pos += 1
            guard let vt = peek else { throw fail("~ 后缺少要查找的文字", "~ needs the text to look for", at: nil) }
            pos += 1
            return .contains(field, vt.text)
        }
        guard !ot.quoted, let op = CompareOp(rawValue: ot.text) else {
            throw fail("“\(ot.text)”不是比较符（= != < <= > >= ~ in）", "“\(ot.text)” is not an operator (= != < <= > >= ~ in)", at: ot)
        }
        pos += 1
        guard let vt = peek else { throw fail("“\(op.rawValue)”后缺少值", "a value is missing after “\(op.rawValue)”", at: nil) }
        pos += 1
        let v = try value(for: field, vt)
        if v == .null && op.isOrdering {
            throw fail("null（空）只能用 = 或 != 比较", "null can only be compared with = or !=", at: vt)
        }
        return .compare(field, op, v)
    }

    private func codeValue<C: Code>(_ type: C.Type, _ t: Token, _ what: Localized) throws(Failure) -> FilterValue {
        guard let c = C(code: t.text) else {
            let names = C.allCases.map(\.rawValue)
            let all = names.joined(separator: " ")
            let near = Suggest.nearest(t.text, among: names)
            throw fail("\(what.zh)“\(t.text)”无效\(near.map { "（是否想输入 \($0)？）" } ?? "")；可用：\(all)",
                       "not a \(what.en): “\(t.text)”\(near.map { " (did you mean \($0)?)" } ?? ""); one of: \(all)", at: t)
        }
        return .text(c.rawValue)
    }

    private func value(for field: CaseField, _ t: Token) throws(Failure) -> FilterValue {
        if !t.quoted, ["null", "none", "空"].contains(t.text.lowercased()) { return .null }
        switch field {
        case .stage: return try codeValue(Stage.self, t, Localized(zh: "阶段", en: "stage"))
        case .level: return try codeValue(Level.self, t, Localized(zh: "级别", en: "level"))
        case .source: return try codeValue(Source.self, t, Localized(zh: "来源", en: "source"))
        case .category: return try codeValue(Category.self, t, Localized(zh: "类别", en: "category"))
        case .dept:
            guard let code = resolveDept(t.text) else {
                let near = suggestDept(t.text)
                throw fail("未知部门“\(t.text)”\(near.map { "（是否想输入 \($0)？）" } ?? "")（`dept list` 查看部门名录）",
                           "unknown department “\(t.text)”\(near.map { " (did you mean \($0)?)" } ?? "") (see `dept list`)", at: t)
            }
            return .text(code)
        case .id:
            guard let id = EntityID(parsing: t.text), id.kind == .caseFile else {
                throw fail("“\(t.text)”不是案件编号（如 C7）", "“\(t.text)” is not a case id (like C7)", at: t)
            }
            return .text(id.description)
        case .historical, .designated, .overdue:
            switch t.text.lowercased() {
            case "true", "yes", "是", "1": return .bool(true)
            case "false", "no", "否", "0": return .bool(false)
            default: throw fail("应为 true 或 false", "expected true or false", at: t)
            }
        case .collected, .claimed, .due:
            guard let i = resolveTime(t.text) else {
                throw fail("时间“\(t.text)”无效（如 2019-12-19、2019-12-19T09:00、-7d）",
                           "not a time: “\(t.text)” (like 2019-12-19, 2019-12-19T09:00, -7d)", at: t)
            }
            return .time(i)
        case .title, .url, .text:
            return .text(t.text)
        }
    }
}
