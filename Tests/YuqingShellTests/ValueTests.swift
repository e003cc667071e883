import Testing
import YuqingCore
@testable import YuqingShell

@Suite struct ValueTests {
    let r = SourceRange(file: "t", line: 1, column: 1, length: 1)
    static let day = CivilDate(year: 2019, month: 12, day: 19)!

    @Test(arguments: [
        ("2019-12-19T09:00", TimeSpec.absolute(Instant(date: day, hour: 9))),
        ("2019-12-19 09:00", .absolute(Instant(date: day, hour: 9))),
        ("2019-12-19T09:00:30", .absolute(Instant(date: day, hour: 9, second: 30))),
        ("2019-12-19T24:00", .absolute(Instant(date: day, hour: 24))),
        ("09:30", .todayAt(hour: 9, minute: 30)),
        ("now", .now), ("现在", .now),
        ("+2h", .relative(.hours(2))), ("+30m", .relative(.minutes(30))), ("-1d", .relative(.days(-1))),
        ("+1h30m", .relative(.minutes(90))), ("+3wd", .relativeWorkdays(3)), ("-2wd", .relativeWorkdays(-2)),
    ])
    func times(_ raw: String, _ expected: TimeSpec) throws {
        #expect(try ValueParser.time(raw, range: r) == expected)
    }

    /// `--at` in the canonical form is read from its bytes (`canonicalTime`); everything else, including what it
    /// refuses, the general way: both must give the same instant, and a wrong date or time still fails there.
    @Test(arguments: ["2019-12-19T09:10", "2019-12-19T09:10:30", "2020-02-29T23:59:59", "2019-12-19T00:00",
                      "2019-12-19T24:00", "2019-02-29T09:00", "2019-12-19T09:60", "0000-01-01T09:00", "2019-12-19t09:10",
                      "2019-12-19 09:10", " 2019-12-19T09:10", "２０19-12-19T09:10", "2019-12-19T09:1x"])
    func canonicalTimesReadAsTheGeneralWay(_ raw: String) {
        let general: TimeSpec? = {
            // The general reading alone: what `time` gave before the byte path existed.
            guard let sep = raw.firstIndex(where: { $0 == "T" || $0 == " " || $0 == "t" }), raw.first != " ",
                  let d = try? ValueParser.date(String(raw[..<sep]), range: r),
                  let t = try? ValueParser.clockTime(String(raw[raw.index(after: sep)...]), raw: raw, range: r) else { return nil }
            return .absolute(Instant(date: d, hour: t.0, minute: t.1, second: t.2))
        }()
        if let fast = ValueParser.canonicalTime(raw) { #expect(TimeSpec.absolute(fast) == general) }
        if let general { #expect((try? ValueParser.time(raw, range: r)) == general) }
    }

    @Test(arguments: ["2019-13-01T09:00", "2019-12-19", "9:00", "12:60", "tomorrow", "+", "+h", "2019-2-1T09:00", "24:30",
                      "2019-02-29T09:00", "2019-12-19T09:60", "2019-12-19T24:01"])
    func badTimes(_ raw: String) {
        #expect(throws: ShellError.self) { try ValueParser.time(raw, range: r) }
    }

    /// `+2h` too, as `clock set +2h` writes it: `clock advance +2h` was refused as a bad duration.
    @Test(arguments: [("2h", 7200), ("30m", 1800), ("1h30m", 5400), ("3d", 259_200), ("45s", 45), ("+2h", 7200)] as [(String, Int64)])
    func spans(_ raw: String, _ seconds: Int64) throws {
        #expect(try ValueParser.span(raw, range: r) == Span(seconds: seconds))
    }

    @Test(arguments: ["h", "2", "2x", "", "1h2", "+", "++2h", "-2h"])
    func badSpans(_ raw: String) {
        #expect(throws: ShellError.self) { try ValueParser.span(raw, range: r) }
    }

    @Test func idsAndLists() throws {
        #expect(try ValueParser.id("c7", kind: .caseFile, range: r) == EntityID(.caseFile, 7))
        guard case .ids(let ids) = try ValueParser.parse("C1，C2,", kind: .idList(.caseFile), range: r, session: nil) else {
            Issue.record(); return
        }
        #expect(ids == [EntityID(.caseFile, 1), EntityID(.caseFile, 2)])
        do { _ = try ValueParser.parse("C1,X2", kind: .idList(.caseFile), range: r, session: nil) } catch {
            #expect(error.range?.column == 4)  // points at the bad element
        }
    }

    @Test func sessionResolvesTimes() throws {
        let s = testSession()
        #expect(try s.resolve(.todayAt(hour: 14, minute: 0)) == Instant(date: Self.day, hour: 14))
        #expect(try s.resolve(.relative(.hours(2))) == Instant(date: Self.day, hour: 11))
        #expect(throws: ShellError.self) { try s.resolve(.relativeWorkdays(1)) }
        let domain = StubDomain()
        domain.addWorkdays = { (n: Int, from: Instant) throws(ShellError) -> Instant in from.adding(.days(n)) }
        s.domain = domain
        #expect(try s.resolve(.relativeWorkdays(1)) == Instant(date: Self.day.adding(days: 1), hour: 9))
    }
}
