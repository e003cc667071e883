import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

/// Issue 12: the client side of a PostgreSQL store. A server that stops answering fails the command after a
/// bounded wait (connect and statement timeouts) with a clear error and nothing stored; a password may come from
/// libpq's password file, by libpq's rules.
@Suite("PostgreSQL client: timeouts and the password file", .serialized)
struct PostgresClientTests {
    /// A Unix socket that accepts connections (into the kernel's backlog) but never answers: a hung server.
    static func silentServer() throws -> (folder: String, fd: Int32) {
        let folder = "/tmp/yq-silent-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/.s.PGSQL.5432"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { buf in
            for (i, b) in path.utf8.enumerated() { buf[i] = b }
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw StoreError.io("cannot listen on \(path)") }
        return (folder, fd)
    }

    @Test func aServerThatNeverAnswersIsGivenUpOnAtConnect() throws {
        let (folder, fd) = try Self.silentServer()
        defer { close(fd) }
        let l = try PostgresLocation(url: "postgres:///yuqing?host=\(folder)&user=x&connect_timeout=1")
        let start = Date()
        do {
            _ = try PostgresStore(location: l, projector: StubProjector())
            Issue.record("a silent server should not be connected to")
        } catch let e as StoreError {
            #expect(e.message.en.contains("did not answer within 1 s") || e.message.en.contains("cannot connect"), "\(e.message.en)")
        }
        #expect(Date().timeIntervalSince(start) < 6)
    }

    /// A server that is not running, a socket folder without a server, an unknown host: said in words. Before, an
    /// outside check pointing at a stopped server read postgres-nio's dump: `cannot connect: Connection errors:
    /// SingleConnectionFailure(target: [IPv4]127.0.0.1/127.0.0.1:1, error: connection reset (error set): Connection
    /// refused) (errno: 111))`.
    @Test(arguments: [("postgres://u@127.0.0.1:1/yuqing", "the connection was refused: no PostgreSQL server is listening"),
                      ("postgres:///yuqing?host=/nonexistent-yuqing-folder&user=x", "no PostgreSQL server socket in that folder")])
    func aServerThatIsNotThereIsSaidInWords(url: String, words: String) throws {
        do {
            _ = try PostgresStore(location: try PostgresLocation(url: url, environment: [:]), projector: StubProjector())
            Issue.record("connected to \(url)")
        } catch let e as StoreError {
            #expect(e.message.en.contains("cannot connect: " + words), "\(e.message.en)")
            #expect(!e.message.en.contains("SingleConnectionFailure") && !e.message.en.contains("errno"), "\(e.message.en)")
        }
    }

    @Test func theDefaultsBoundTheWait() throws {
        let l = try PostgresLocation(url: "postgres:///yuqing?host=/tmp", environment: [:])
        #expect(l.connectTimeout == nil && PostgresLocation.defaultConnectTimeout == 10)
        #expect(l.answerTimeout == PostgresLocation.defaultAnswerTimeout)
        let m = try PostgresLocation(url: "postgres:///yuqing?host=/tmp", environment: ["PGCONNECT_TIMEOUT": "4", "YUQING_PG_TIMEOUT": "7"])
        #expect(m.connectTimeout == 4 && m.answerTimeout == 7)
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgres:///y", environment: ["YUQING_PG_TIMEOUT": "soon"]) }
    }

    /// A server that stops answering mid-transaction (its backend stopped with SIGSTOP): the statement is given up
    /// after `YUQING_PG_TIMEOUT`, the write fails as a whole, and once the server is back nothing of it is stored.
    @Test(.enabled(if: TestPostgres.available && getuid() == 0, TestPostgres.note))
    func aStatementTheServerNeverAnswersFailsTheWriteAndStoresNothing() throws {
        var l = try TestPostgres.freshDatabase()
        // The schema and the first commit are made with the default wait: on a loaded CI machine a migration or a
        // commit's flush can take seconds (a first commit through the 5 s store once timed out at load 12). Only the
        // statement the stopped backend never answers is asked of the store that waits briefly.
        let patient = try PostgresStore(location: l, projector: StubProjector())
        try collect(patient, "已提交", at: at(19, 9))
        l.answerTimeout = 5
        let store = try PostgresStore(location: l, projector: StubProjector())
        let pid = try store.backendPID()
        // Whatever happens below, the backend must run again: a stopped backend blocks every DROP DATABASE of the
        // cluster (it never answers the server's barrier).
        defer { kill(pid, SIGCONT) }
        let start = Date()
        do {
            try store.write { tx throws in
                let id = try tx.nextID(.caseFile)
                kill(pid, SIGSTOP)
                try tx.append(NewEvent(caseID: id, actor: patrol, effective: at(19, 10), recorded: at(19, 10),
                                       body: .collected(item: item("未提交", url: nil), dept: nil)), expectedVersion: 0)
            }
            Issue.record("the write should have timed out")
        } catch {
            #expect("\(error)".contains("did not answer within 5 s"), "\(error)")
        }
        kill(pid, SIGCONT)
        #expect(Date().timeIntervalSince(start) < 30)
        // The next command reconnects; the server rolled the abandoned transaction back, and the next write takes
        // the number the abandoned one had.
        #expect(try store.read { try $0.eventCount() } == 1)
        #expect(try collect(patient, "重试", at: at(19, 11)) == EntityID(.caseFile, 2))
        #expect(try store.verifyChain().isIntact)
    }

    // MARK: the password file

    static func passFile(_ text: String, mode: mode_t = 0o600) throws -> String {
        let path = "/tmp/yq-pgpass-" + UUID().uuidString.prefix(8)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode)
        return path
    }

    static let lines = """
    # host:port:database:user:password
    db.city.gov.cn:5433:yuqing:lina:first
    db.city.gov.cn:*:yuqing:lina:second
    *:*:*:wang:pa\\:ss\\\\word
    localhost:5432:city:ops:socket-default
    /srv/pg:5432:*:ops:socket-folder
    """

    @Test(arguments: [
        ("postgres://lina@db.city.gov.cn:5433/yuqing", "first"),
        ("postgres://lina@db.city.gov.cn:5432/yuqing", "second"),
        ("postgres://wang@elsewhere/any", "pa:ss\\word"),
        ("postgres://ops@/city", "socket-default"),
        ("postgres://ops@/city?host=/srv/pg", "socket-folder"),
        ("postgres://nobody@db/yuqing", nil),
        ("postgres://lina:inurl@db.city.gov.cn:5433/yuqing", "inurl"),
    ] as [(String, String?)])
    func thePasswordFileIsReadByLibpqsRules(_ url: String, _ password: String?) throws {
        let file = try Self.passFile(Self.lines)
        defer { unlink(file) }
        let l = try PostgresLocation(url: url, environment: ["PGPASSFILE": file])
        #expect(l.password == password)
        #expect(l.warnings.isEmpty)
        // $HOME/.pgpass when PGPASSFILE is not set.
        let home = "/tmp/yq-home-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.copyItem(atPath: file, toPath: home + "/.pgpass")
        chmod(home + "/.pgpass", 0o600)
        #expect(try PostgresLocation(url: url, environment: ["HOME": home]).password == password)
        // PGPASSWORD wins over the file.
        if !url.contains(":inurl@") {
            #expect(try PostgresLocation(url: url, environment: ["PGPASSFILE": file, "PGPASSWORD": "env"]).password == "env")
        }
    }

    @Test(arguments: [0o640, 0o604, 0o660] as [mode_t])
    func aPasswordFileOthersMayReadIsIgnoredWithAWarning(_ mode: mode_t) throws {
        let file = try Self.passFile(Self.lines, mode: mode)
        defer { unlink(file) }
        let l = try PostgresLocation(url: "postgres://lina@db.city.gov.cn:5433/yuqing", environment: ["PGPASSFILE": file])
        #expect(l.password == nil)
        #expect(l.warnings.count == 1)
        #expect(l.warnings.first?.en.contains("group or world access") == true)
        #expect(l.warnings.first?.en.contains("0600") == true && l.warnings.first?.zh.contains("0600") == true)
    }
}
