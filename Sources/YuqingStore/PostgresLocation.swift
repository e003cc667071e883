import Foundation
import YuqingCore

/// Where a store lives: a SQLite file (any path) or a PostgreSQL server (a `postgres://` or `postgresql://` URL).
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// Reads `--db` or `YUQING_DB`. `environment` supplies libpq's defaults (PGHOST, PGPORT, PGUSER, PGPASSWORD,
    /// PGDATABASE) for what the URL leaves out.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if PostgresLocation.isURL(text) {
            self = .postgres(try PostgresLocation(url: text, environment: environment))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// How the location reads in messages: the path, or the URL without its password.
    public var displayName: String {
        switch self {
        case let .sqlite(path): path
        case let .postgres(l): l.description
        }
    }
}

/// Opens the store at a location: the one place that knows every backend.
public enum StoreOpener {
    public static func open(_ location: StoreLocation, projector: any CaseProjector) throws -> any Store {
        switch location {
        case let .sqlite(path): try SQLiteStore(path: path, projector: projector)
        case let .postgres(l): try PostgresStore(location: l, projector: projector)
        }
    }
}

/// A PostgreSQL server and database, read from a libpq-style connection URL:
///
/// ```
/// postgres://user:password@host:5432/dbname?sslmode=require
/// postgresql://user@host/dbname
/// postgres:///yuqing?host=/run/postgresql          (a Unix socket in that folder)
/// postgres://user@%2Frun%2Fpostgresql/yuqing         (the same, the folder percent-encoded as the host)
/// ```
///
/// Query parameters: `host`, `port`, `user`, `password`, `dbname`, `sslmode` (disable, allow, prefer, require,
/// verify-ca, verify-full), `application_name`, `connect_timeout` (seconds) and `options` (`-c name=value …`,
/// server settings for the session). Unknown parameters are refused, as libpq refuses them.
public struct PostgresLocation: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The folder holding the server's socket; the socket is `folder/.s.PGSQL.port`.
        case socket(folder: String, port: Int)
    }

    public enum TLSMode: String, Sendable, Equatable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    public var applicationName: String
    /// Seconds to wait for a connection (the URL's `connect_timeout`, else `PGCONNECT_TIMEOUT`); nil: the default,
    /// `PostgresLocation.defaultConnectTimeout`. 0 waits indefinitely, as in libpq.
    public var connectTimeout: Int?
    /// Seconds the client waits for the server's answer to one statement before it gives up and closes the
    /// connection (`YUQING_PG_TIMEOUT`; 0 waits indefinitely): a server that stopped answering (a hung host, a
    /// network that drops packets) fails the command with a clear error instead of hanging the shell for ever.
    public var answerTimeout: Int
    /// Things said about the location that did not stop it: a password file ignored for its mode.
    public var warnings: [Localized] = []

    /// Without `connect_timeout`, yuqing waits this long for a connection (libpq would wait for ever).
    public static let defaultConnectTimeout = 10
    /// Longer than the server's `lock_timeout` (30 s), so a writer waiting its turn for the chain lock is answered
    /// by the server (busy, retry) before the client gives up.
    public static let defaultAnswerTimeout = 120
    /// Server settings sent at connection start (`options=-c statement_timeout=5s`).
    public var settings: [Setting]

    public struct Setting: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    static func isURL(_ s: String) -> Bool { s.hasPrefix("postgres://") || s.hasPrefix("postgresql://") }

    public init(url: String, environment: [String: String] = [:]) throws {
        func bad(_ why: String) -> StoreError { .badLocation("\(why): \(PostgresLocation.redacted(url))") }
        guard let schemeEnd = url.range(of: "://"), PostgresLocation.isURL(url) else {
            throw bad("not a postgres:// URL")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var authority = rest
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }
        var user: String?
        var password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                user = try PostgresLocation.decode(info[..<colon], bad)
                password = try PostgresLocation.decode(info[info.index(after: colon)...], bad)
            } else {
                user = try PostgresLocation.decode(info, bad)
            }
        }
        var host: String?
        var port: Int?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw bad("unclosed [ in the host") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) ?? -1 } else if !after.isEmpty { throw bad("bad host") }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = try PostgresLocation.decode(hostPort[..<colon], bad)
            port = Int(hostPort[hostPort.index(after: colon)...]) ?? -1
        } else if !hostPort.isEmpty {
            host = try PostgresLocation.decode(hostPort, bad)
        }
        if host?.contains(",") == true { throw bad("several hosts are not supported") }
        var database = path.isEmpty ? nil : try PostgresLocation.decode(path, bad)
        var tls: TLSMode?
        var applicationName = "yuqing"
        var connectTimeout: Int?
        var settings: [Setting] = []
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = try PostgresLocation.decode(parts.count > 1 ? parts[1] : "", bad)
            switch key {
            case "host": host = value
            case "port": port = Int(value) ?? -1
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "sslmode":
                guard let m = TLSMode(rawValue: value) else { throw bad("sslmode must be disable, allow, prefer, require, verify-ca or verify-full") }
                tls = m
            case "application_name": applicationName = value
            case "connect_timeout":
                guard let n = Int(value), n >= 0 else { throw bad("connect_timeout must be whole seconds") }
                connectTimeout = n
            case "options": settings += try PostgresLocation.settings(value, bad)
            default: throw bad("unknown parameter \(key)")
            }
        }
        let env = environment
        let finalPort = port ?? env["PGPORT"].flatMap { Int($0) } ?? 5432
        guard (1...65535).contains(finalPort) else { throw bad("bad port") }
        let finalHost = (host?.isEmpty == false ? host : nil) ?? env["PGHOST"] ?? "/var/run/postgresql"
        endpoint = finalHost.hasPrefix("/") ? .socket(folder: finalHost, port: finalPort) : .tcp(host: finalHost, port: finalPort)
        self.user = (user?.isEmpty == false ? user : nil) ?? env["PGUSER"] ?? env["USER"] ?? "postgres"
        self.password = password ?? env["PGPASSWORD"]
        self.database = (database?.isEmpty == false ? database : nil) ?? env["PGDATABASE"] ?? self.user
        self.tls = tls ?? env["PGSSLMODE"].flatMap(TLSMode.init(rawValue:)) ?? .prefer
        self.applicationName = applicationName
        if connectTimeout == nil, let t = env["PGCONNECT_TIMEOUT"], !t.isEmpty {
            guard let n = Int(t), n >= 0 else { throw bad("PGCONNECT_TIMEOUT must be whole seconds") }
            connectTimeout = n
        }
        self.connectTimeout = connectTimeout
        answerTimeout = PostgresLocation.defaultAnswerTimeout
        if let t = env["YUQING_PG_TIMEOUT"], !t.isEmpty {
            guard let n = Int(t), n >= 0 else { throw bad("YUQING_PG_TIMEOUT must be whole seconds") }
            answerTimeout = n
        }
        self.settings = settings
        // No password given: libpq's password file, by its rules (PostgresPassFile).
        if self.password == nil, let file = PostgresPassFile.path(env) {
            let found = PostgresPassFile.lookup(path: file, endpoint: endpoint, database: self.database, user: self.user)
            self.password = found.password
            if let w = found.warning { warnings.append(w) }
        }
    }

    /// `-c name=value -c other=value` (also `--name=value`), as libpq's `options`.
    static func settings(_ text: String, _ bad: (String) -> StoreError) throws -> [Setting] {
        var out: [Setting] = []
        var words = text.split(separator: " ").map(String.init)[...]
        while let w = words.popFirst() {
            var pair: String
            if w == "-c" {
                guard let next = words.popFirst() else { throw bad("options: -c needs name=value") }
                pair = next
            } else if w.hasPrefix("-c") {
                pair = String(w.dropFirst(2))
            } else if w.hasPrefix("--") {
                pair = String(w.dropFirst(2))
            } else {
                throw bad("options: expected -c name=value, got \(w)")
            }
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else { throw bad("options: expected name=value, got \(pair)") }
            out.append(Setting(name: String(pair[..<eq]).replacingOccurrences(of: "-", with: "_"),
                               value: String(pair[pair.index(after: eq)...])))
        }
        return out
    }

    static func decode(_ s: Substring, _ bad: (String) -> StoreError) throws -> String {
        guard let d = String(s).removingPercentEncoding else { throw bad("bad percent-encoding") }
        return d
    }

    /// The URL with its password replaced by `***`, for messages and `store info`.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        var out = url
        let authorityEnd = url[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" } ?? url.endIndex
        let authority = url[schemeEnd.upperBound..<authorityEnd]
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            out.replaceSubrange(authority.index(after: colon)..<at, with: "***")
        }
        if let r = out.range(of: "password=") {
            let end = out[r.upperBound...].firstIndex(of: "&") ?? out.endIndex
            out.replaceSubrange(r.upperBound..<end, with: "***")
        }
        return out
    }

    /// How the location reads in messages and `store info`: never the password.
    public var description: String {
        switch endpoint {
        case let .tcp(host, port):
            let h = host.contains(":") ? "[\(host)]" : host
            return "postgres://\(user)@\(h):\(port)/\(database)"
        case let .socket(folder, port):
            return "postgres://\(user)@/\(database)?host=\(folder)" + (port == 5432 ? "" : "&port=\(port)")
        }
    }

    /// The same server, another database (tests and benchmarks create their own).
    public func with(database: String) -> PostgresLocation {
        var l = self
        l.database = database
        return l
    }
}
