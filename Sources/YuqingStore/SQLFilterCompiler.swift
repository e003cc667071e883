import GRDB
import YuqingCore

/// Compiles a `CaseFilter` to a parameterized SQL condition over the `cases` table. Values are always bound as
/// arguments, never written into the SQL text. The semantics match `CaseFilter.evaluate` (the memory store).
struct SQLFilterCompiler {
    var now: Instant
    var arguments: [any DatabaseValueConvertible] = []

    init(now: Instant) { self.now = now }

    /// The SQL expression of a field: its column, or the workflow rank for ordering stage and level, or the
    /// overdue test against `now`.
    mutating func expression(_ field: CaseField, ordered: Bool) -> String {
        switch field {
        case .stage where ordered:
            let arms = Stage.allCases.map { "WHEN '\($0.rawValue)' THEN \(CaseField.rank(stage: $0))" }
            return "(CASE stage \(arms.joined(separator: " ")) END)"
        case .level where ordered:
            let arms = Level.allCases.map { "WHEN '\($0.rawValue)' THEN \(CaseField.rank(level: $0))" }
            return "(CASE level \(arms.joined(separator: " ")) END)"
        case .overdue:
            arguments.append(now.seconds)
            return "(next_due IS NOT NULL AND next_due < ?)"
        default:
            return field.column
        }
    }

    private mutating func bind(_ k: FieldKey) {
        switch k {
        case let .int(i): arguments.append(i)
        case let .text(t): arguments.append(t)
        }
    }

    mutating func compile(_ f: CaseFilter) throws -> String {
        switch f {
        case let .and(a, b):
            return "(\(try compile(a)) AND \(try compile(b)))"
        case let .or(a, b):
            return "(\(try compile(a)) OR \(try compile(b)))"
        case let .not(a):
            return "(NOT \(try compile(a)))"
        case let .compare(field, op, value):
            let ordered = op.isOrdering
            let key = try field.key(value, ordered: ordered)
            let expr = expression(field, ordered: ordered)
            guard let key else {
                switch op {
                case .eq: return "(\(expr) IS NULL)"
                case .ne: return "(\(expr) IS NOT NULL)"
                default: throw StoreError.badQuery("\(field.rawValue) \(op.rawValue) null")
                }
            }
            bind(key)
            let sqlOp = op == .ne ? "<>" : op.rawValue
            return "(\(expr) \(sqlOp) ?)"
        case let .contains(field, needle):
            guard field.isSearchable else {
                throw StoreError.badQuery("\(field.rawValue) holds no text to search")
            }
            let column = field == .id ? "id" : field.column
            arguments.append(needle)
            return "(instr(\(column), ?) > 0)"
        case let .oneOf(field, values):
            if values.isEmpty { return "(0)" }
            var keys: [FieldKey] = []
            var null = false
            for v in values {
                if let k = try field.key(v) { keys.append(k) } else { null = true }
            }
            let expr = expression(field, ordered: false)
            var parts: [String] = []
            if !keys.isEmpty {
                keys.forEach { bind($0) }
                parts.append("\(expr) IN (\(Array(repeating: "?", count: keys.count).joined(separator: ", ")))")
            }
            if null {
                // `overdue` binds `now` again for its second use.
                parts.append("\(expression(field, ordered: false)) IS NULL")
            }
            return "(\(parts.joined(separator: " OR ")))"
        }
    }
}
