import Dispatch
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to PostgreSQL, used synchronously: the blocking bridge (docs/architecture.md).
///
/// postgres-nio runs the connection on a SwiftNIO event loop (the shared `MultiThreadedEventLoopGroup.singleton`).
/// The shell thread sends a query and waits for its future. Waiting is only ever done by the caller's thread,
/// never by an event-loop thread, so the loop keeps reading the socket while the shell waits.
///
/// A lost connection (server restart, `pg_terminate_backend`, network) leaves `isOpen` false; the store decides
/// whether to reconnect (between commands) or to fail the batch (inside a transaction).
final class PostgresLink {
    let location: PostgresLocation
    private var connection: PostgresConnection?
    private var connections = 0
    /// postgres-nio logs through swift-log; yuqing's output is its own, so the library's logs go nowhere.
    static let logger = Logger(label: "yuqing.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Server settings every session of yuqing starts with. A writer waits at most `lock_timeout` for the chain
    /// lock (like SQLite's busy timeout), and a client that stops mid-transaction (a suspended process) loses its
    /// transaction — and the chain lock — after `idle_in_transaction_session_timeout`, so it cannot stall the city.
    static let sessionSettings: [PostgresLocation.Setting] = [
        .init(name: "lock_timeout", value: "30s"),
        .init(name: "idle_in_transaction_session_timeout", value: "60s"),
    ]

    init(_ location: PostgresLocation) throws {
        self.location = location
        try connect()
    }

    deinit { close() }

    /// Closes the connection and waits until it is closed (postgres-nio requires a connection to be closed before
    /// it is released).
    func close() {
        guard let c = connection else { return }
        connection = nil
        if !c.isClosed {
            let closing: EventLoopFuture<Void> = c.close()
            closing.whenComplete { _ in withExtendedLifetime(c) {} }
            // Bounded: a server that stopped answering must not hold the shell at exit either.
            _ = try? PostgresLink.wait(for: closing, seconds: 5) { StoreError.io("closing timed out") }
        }
    }

    var isOpen: Bool { connection.map { !$0.isClosed } ?? false }

    /// Opens a new connection (closing the old one, if any).
    func connect() throws {
        close()
        var config: PostgresConnection.Configuration
        switch location.endpoint {
        case let .tcp(host, port):
            config = .init(host: host, port: port, username: location.user, password: location.password,
                           database: location.database, tls: try tls())
        case let .socket(folder, port):
            config = .init(unixSocketPath: folder + "/.s.PGSQL.\(port)", username: location.user,
                           password: location.password, database: location.database)
        }
        var settings = PostgresLink.sessionSettings
        for s in location.settings {
            settings.removeAll { $0.name == s.name }
            settings.append(s)
        }
        config.options.additionalStartupParameters = [("application_name", location.applicationName)]
            + settings.map { ($0.name, $0.value) }
        let timeout = location.connectTimeout ?? PostgresLocation.defaultConnectTimeout
        if timeout > 0 { config.options.connectTimeout = .seconds(Int64(timeout)) }
        connections += 1
        do {
            // The timeout covers the whole start-up (the socket, TLS, authentication), not just the socket: a
            // server that accepts connections but never answers (stopped, overloaded) is given up on too.
            let connecting = PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                        configuration: config, id: connections,
                                                        logger: PostgresLink.logger)
            connection = try PostgresLink.wait(for: connecting, seconds: timeout) {
                connecting.whenSuccess { c in PostgresLink.abandon(c) }
                return StoreError.io("the PostgreSQL server \(self.location.description) did not answer within \(timeout) s "
                                     + "(connect_timeout); nothing was done")
            }
        } catch {
            throw PostgresLink.mapped(error, connecting: true)
        }
    }

    /// Closes a connection without waiting, keeping it alive until it is closed (postgres-nio requires a connection
    /// to be closed before it is released).
    static func abandon(_ c: PostgresConnection) {
        let closing: EventLoopFuture<Void> = c.close()
        closing.whenComplete { _ in withExtendedLifetime(c) {} }
    }

    /// Waits for a future on the caller's thread (never an event loop's), at most `seconds` (0: for ever). On
    /// timeout `giveUp` runs (it closes what the future was doing) and its error is thrown; the future's own
    /// result, whenever it comes, is then ignored.
    static func wait<T: Sendable>(for future: EventLoopFuture<T>, seconds: Int,
                                  giveUp: () -> StoreError) throws -> T {
        guard seconds > 0 else { return try future.wait() }
        let outcome = Outcome<T>()
        future.whenComplete { outcome.set($0) }
        guard outcome.done.wait(timeout: .now() + .seconds(seconds)) == .success else { throw giveUp() }
        return try outcome.take().get()
    }

    /// A future's result handed from the event loop to the waiting thread (the semaphore orders the two).
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        private var result: Result<T, any Error>?
        func set(_ r: Result<T, any Error>) {
            result = r
            done.signal()
        }
        func take() -> Result<T, any Error> { result ?? .failure(StoreError.io("no answer")) }
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var c = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable: return .disable
        case .allow, .prefer, .require: c.certificateVerification = .none
        case .verifyCA: c.certificateVerification = .noHostnameVerification
        case .verifyFull: c.certificateVerification = .fullVerification
        }
        do {
            let context = try NIOSSLContext(configuration: c)
            return location.tls == .allow || location.tls == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw StoreError.io("cannot set up TLS: \(error)")
        }
    }

    /// Runs one statement and returns all its rows. Values are bound, never spliced into `sql`.
    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> PostgresQueryResult {
        guard let c = connection, !c.isClosed else {
            throw StoreError.io("the connection to the PostgreSQL server was lost")
        }
        let seconds = location.answerTimeout
        do {
            let running = c.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: PostgresLink.logger)
            return try PostgresLink.wait(for: running, seconds: seconds) {
                // The connection is given up: whatever the statement was doing, its transaction is lost (the
                // server rolls it back when it notices), and the store treats it as a dropped connection.
                connection = nil
                PostgresLink.abandon(c)
                return StoreError.io("the PostgreSQL server did not answer within \(seconds) s (YUQING_PG_TIMEOUT); "
                                     + "the connection was closed")
            }
        } catch {
            throw PostgresLink.mapped(error)
        }
    }

    /// LISTENs on `channel`: `notified` for each notification, `ended` when the connection closes. Both run on the
    /// connection's event loop (postgres-nio's listener API, not its async one: nothing waits for a free thread of
    /// Swift's cooperative pool, which blocking callers may all be holding) and must only set flags. Returns once the
    /// server confirmed the LISTEN; `stop()` on the context detaches the handler.
    func listen(_ channel: String, notified: @escaping @Sendable () -> Void,
                ended: @escaping @Sendable () -> Void) throws -> PostgresListenContext {
        guard let c = connection, !c.isClosed else {
            throw StoreError.io("the connection to the PostgreSQL server was lost")
        }
        let context = c.addListener(channel: channel) { _, _ in notified() }
        c.closeFuture.whenComplete { _ in ended() }
        do {
            try query("LISTEN \(channel)")
        } catch {
            context.stop()
            throw error
        }
        return context
    }

    /// The usual reasons a connection cannot be made, in words: postgres-nio's own text is a dump of its types
    /// (`SingleConnectionFailure(target: [IPv4]127.0.0.1/127.0.0.1:1, error: connection reset (error set): Connection
    /// refused) (errno: 111)`). Nil for anything else, which is shown as it came.
    static func plainConnectionFailure(_ raw: String) -> String? {
        if raw.contains("errno: 111") || raw.contains("Connection refused") {
            return "the connection was refused: no PostgreSQL server is listening at that address (is it running? are the host and port right?)"
        }
        if raw.contains("errno: 2)") || raw.contains("No such file or directory") {
            return "no PostgreSQL server socket in that folder (is the server running? is host= the folder of its socket?)"
        }
        if raw.contains("UnknownHost") {
            return "the host name is not known (check the host in the URL, or the DNS)"
        }
        if raw.contains("errno: 113") || raw.contains("No route to host") || raw.contains("errno: 101") {
            return "the server's host cannot be reached from here (network or firewall)"
        }
        return nil
    }

    /// Turns postgres-nio's errors into the store's typed errors, with the server's own words (its message and
    /// SQLSTATE). Errors that are already the store's pass unchanged.
    static func mapped(_ error: any Error, connecting: Bool = false) -> StoreError {
        if let e = error as? StoreError { return e }
        let prefix = connecting ? "cannot connect: " : ""
        guard let e = error as? PSQLError else { return .io(prefix + "\(error)") }
        if let info = e.serverInfo {
            let state = info[.sqlState] ?? "?"
            var text = info[.message] ?? "server error"
            if let detail = info[.detail] { text += " (\(detail))" }
            text += " [SQLSTATE \(state)]"
            switch state {
            case "40001", "40P01":
                return .busy(prefix + text + "; nothing was stored, the command can be retried")
            case "55P03", "57014":
                return .busy(prefix + text)
            case "XX001", "XX002":
                return .corrupt(prefix + text)
            case "3D000":
                return .io(prefix + text + "; create it first (createdb, see docs/deploy.md)")
            default:
                return .io(prefix + text)
            }
        }
        switch e.code {
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return .io(prefix + "the connection to the PostgreSQL server was lost")
        case .connectionError:
            let raw = e.underlying.map { "\($0)" } ?? "connection failed"
            let why = plainConnectionFailure(raw) ?? raw
            return .io((connecting ? prefix : "the connection to the PostgreSQL server failed: ") + why)
        default:
            return .io(prefix + "\(e.code)" + (e.underlying.map { ": \($0)" } ?? ""))
        }
    }
}

/// Reads a row's cells in order, typed: `var c = Cells(row); let seq = try c.next(Int64.self)`.
struct Cells {
    private var iterator: PostgresRow.Iterator
    init(_ row: PostgresRow) { iterator = row.makeIterator() }

    mutating func next<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
        guard let cell = iterator.next() else { throw StoreError.corrupt("a row has fewer columns than expected") }
        do {
            return try cell.decode(T.self)
        } catch {
            throw StoreError.corrupt("column \(cell.columnName) cannot be read as \(T.self)")
        }
    }
}

extension PostgresBindings {
    mutating func add(_ a: SQLArgument) {
        switch a {
        case let .int(i): append(i)
        case let .text(t): append(t)
        case let .texts(a): append(a)
        }
    }
}
