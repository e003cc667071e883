import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import YuqingStore

/// The stores the end-to-end tests run the real executable on: a SQLite file always, and a PostgreSQL database
/// when `YUQING_TEST_PG` names a test server (`.ci/run` sets it; `scripts/pg-dev.sh start` prints it).
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }

    static let serverURL: String? = {
        let v = ProcessInfo.processInfo.environment["YUQING_TEST_PG"] ?? ""
        return v.isEmpty ? nil : v
    }()
    static var available: [Backend] { serverURL == nil ? [.sqlite] : [.sqlite, .postgres] }
    static let note: Comment = "PostgreSQL runs skipped: YUQING_TEST_PG is not set (scripts/pg-dev.sh start prints it; .ci/run sets it)"

    /// The operator yuqing sees on this backend: the machine's user for a file, the database role on PostgreSQL.
    var login: String {
        switch self {
        case .sqlite:
            guard let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name else { return "root" }
            return String(cString: name)
        case .postgres:
            return Backend.serverURL.flatMap { try? PostgresLocation(url: $0) }?.user ?? "postgres"
        }
    }

    /// A new, empty store: its `--db` argument, and how to remove it.
    struct Store {
        var argument: String
        var drop: () -> Void
    }

    func newStore(home: URL, name: String = "test") throws -> Store {
        switch self {
        case .sqlite:
            return Store(argument: home.appendingPathComponent("\(name).sqlite").path, drop: {})
        case .postgres:
            guard let url = Backend.serverURL else { throw CocoaError(.featureUnsupported) }
            let server = try PostgresLocation(url: url)
            let db = "yq_e2e_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
            try PostgresStore.createDatabase(db, on: server)
            return Store(argument: Backend.url(server.with(database: db)),
                         drop: { try? PostgresStore.dropDatabase(db, on: server) })
        }
    }

    /// The URL yuqing is given for a database of the test server.
    static func url(_ l: PostgresLocation) -> String {
        switch l.endpoint {
        case let .socket(folder, port):
            return "postgres:///\(l.database)?host=\(folder)&port=\(port)&user=\(l.user)"
        case let .tcp(host, port):
            let pw = l.password.map { ":\($0)" } ?? ""
            return "postgres://\(l.user)\(pw)@\(host):\(port)/\(l.database)"
        }
    }
}
