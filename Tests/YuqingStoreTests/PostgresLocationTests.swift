import Testing
@testable import YuqingStore

@Suite("store locations: files and postgres:// URLs")
struct PostgresLocationTests {
    typealias L = PostgresLocation

    @Test(arguments: [
        ("postgres://lina@db.city.gov.cn:5433/yuqing", L.Endpoint.tcp(host: "db.city.gov.cn", port: 5433), "lina", "yuqing"),
        ("postgresql://lina@db.city.gov.cn/yuqing", .tcp(host: "db.city.gov.cn", port: 5432), "lina", "yuqing"),
        ("postgres:///yuqing?host=/run/postgresql", .socket(folder: "/run/postgresql", port: 5432), "tester", "yuqing"),
        ("postgres://wang@%2Frun%2Fpostgresql/yuqing", .socket(folder: "/run/postgresql", port: 5432), "wang", "yuqing"),
        ("postgres://[::1]:6000/city?user=ops", .tcp(host: "::1", port: 6000), "ops", "city"),
        ("postgres://", .socket(folder: "/var/run/postgresql", port: 5432), "tester", "tester"),
        ("postgres:///?dbname=x&port=7000&host=/tmp/s", .socket(folder: "/tmp/s", port: 7000), "tester", "x"),
    ])
    func urlsAreRead(url: String, endpoint: L.Endpoint, user: String, database: String) throws {
        let l = try L(url: url, environment: ["USER": "tester"])
        #expect(l.endpoint == endpoint)
        #expect(l.user == user)
        #expect(l.database == database)
    }

    @Test func passwordsSettingsAndTLSAreRead() throws {
        let l = try L(url: "postgres://lina:s%40cret@db/yuqing?sslmode=verify-full&application_name=desk7&options=-c%20statement_timeout%3D5s%20-c%20lock_timeout%3D2s&connect_timeout=3")
        #expect(l.password == "s@cret")
        #expect(l.tls == .verifyFull)
        #expect(l.applicationName == "desk7")
        #expect(l.connectTimeout == 3)
        #expect(l.settings == [.init(name: "statement_timeout", value: "5s"), .init(name: "lock_timeout", value: "2s")])
        // Messages never show the password.
        #expect(!l.description.contains("s@cret"))
        #expect(!L.redacted("postgres://lina:s%40cret@db/yuqing?password=x").contains("cret"))
        #expect(!L.redacted("postgres://lina:s%40cret@db/yuqing?password=x").contains("=x"))
    }

    @Test func environmentFillsWhatTheURLLeavesOut() throws {
        let env = ["PGHOST": "/srv/pg", "PGPORT": "6432", "PGUSER": "ops", "PGPASSWORD": "pw", "PGDATABASE": "city"]
        let l = try L(url: "postgres://", environment: env)
        #expect(l.endpoint == .socket(folder: "/srv/pg", port: 6432))
        #expect(l.user == "ops")
        #expect(l.password == "pw")
        #expect(l.database == "city")
        // The URL wins over the environment.
        let m = try L(url: "postgres://lina@db:5432/yuqing", environment: env)
        #expect(m.endpoint == .tcp(host: "db", port: 5432))
        #expect(m.user == "lina")
    }

    @Test(arguments: [
        "postgres://db/yuqing?foo=1", "postgres://db:70000/yuqing", "postgres://db:port/yuqing",
        "postgres://db/yuqing?sslmode=sometimes", "postgres://a,b/yuqing", "postgres://[::1/yuqing",
        "postgres://db/yuqing?options=statement_timeout", "postgres://db/yuqing?connect_timeout=soon",
    ])
    func badURLsAreRefusedWithAReason(url: String) {
        #expect(throws: StoreError.self) { try L(url: url) }
        do {
            _ = try L(url: url)
        } catch let e as StoreError {
            guard case .badLocation = e else { Issue.record("expected badLocation, got \(e)"); return }
            #expect(!e.message.en.isEmpty && !e.message.zh.isEmpty)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func anythingElseIsASQLiteFile() throws {
        #expect(try StoreLocation("/srv/yuqing/yuqing.sqlite") == .sqlite(path: "/srv/yuqing/yuqing.sqlite"))
        #expect(try StoreLocation("relative.sqlite") == .sqlite(path: "relative.sqlite"))
        #expect(try StoreLocation("postgres://db/yuqing", environment: [:]).displayName == "postgres://postgres@db:5432/yuqing")
    }
}
