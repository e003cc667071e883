// Builds a large store for the supervision benchmarks (scripts/bench/supervision.py): cases with realistic steps,
// some late, some never done, and the departments' patrols, appended through the store itself (`SQLiteStore`, the
// real due projector, hash chain and projections) in batches of 1,000 cases — so the store is exactly what yuqing
// would have written, and `audit verify` checks it — without running a million commands through the language.
//
//   supervision-gen FILE CALENDAR month N   N cases collected over January 2020, patrols through January
//   supervision-gen FILE CALENDAR year N    N cases over 2020, patrols through the year
//
// Deterministic: a fixed seed, so the same N gives the same store.
import Foundation
import YuqingCore
import YuqingStore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

/// SplitMix64: a small, fast, seeded generator (the benchmark must be reproducible).
struct Seeded {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// 0..<n
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

let args = CommandLine.arguments
guard args.count == 5, let n = Int(args[4]), n > 0, ["month", "year"].contains(args[3]) else {
    fail("usage: supervision-gen FILE CALENDAR month|year N")
}
guard let calendarText = try? String(contentsOfFile: args[2], encoding: .utf8) else { fail("cannot read \(args[2])") }
let calendar: WorkCalendar
do { calendar = try WorkCalendar.parse(calendarText, file: args[2]) } catch { fail("\(error.message.en)") }

let first = CivilDate(year: 2020, month: 1, day: 1) ?? CivilDate(dayNumber: 0)
let last = args[3] == "month" ? CivilDate(year: 2020, month: 1, day: 31) ?? first : CivilDate(year: 2020, month: 12, day: 31) ?? first
let start = Instant(date: first)
let span = Instant(date: last.adding(days: 1)).seconds - start.seconds
let depts = ["police", "emergency", "gov-office", "petitions", "propaganda"]
let patrolDepts = ["propaganda", "gov-office", "police", "emergency", "petitions", "open-gov", "net-propaganda"]
let engine = ObligationEngine(policy: .mingguang, calendar: calendar)

do {
    let store = try SQLiteStore(path: args[1], projector: DueProjector(engine: engine))
    var rng = Seeded(state: 20_200_101)
    let clock = ContinuousClock()
    let began = clock.now
    var events = 0

    /// One case's steps, each logged when it happened (recorded = effective).
    func caseEvents(_ i: Int) -> [(Actor, Instant, EventBody)] {
        let dept = depts[i % depts.count]
        let collected = start.adding(seconds: Int64(i) * span / Int64(n) + Int64(rng.below(600)))
        let patrol = Actor(name: "陈晓", role: .patrol, dept: "open-gov")
        let liaison = Actor(name: "李娜", role: .liaison, dept: dept)
        let coordinator = Actor(name: "王敏", role: .coordinator, dept: "open-gov")
        var out: [(Actor, Instant, EventBody)] = [(patrol, collected, .collected(
            item: Item(title: "网友反映某小区自来水发黄 \(i)", url: "https://weibo.com/bench/\(i)", source: .weibo, category: .demand,
                       excerpt: "居民反映自来水发黄，已持续三天。", metrics: Metrics(reposts: i % 97)), dept: dept))]
        // Claims: 80 % within 20 minutes, 10 % three hours later, 7 % designated by the coordinators, 3 % never.
        let c = rng.below(100)
        let claimed: Instant
        if c < 80 { claimed = collected.adding(.minutes(20)); out.append((liaison, claimed, .claimed(dept: dept))) }
        else if c < 90 { claimed = collected.adding(.hours(3)); out.append((liaison, claimed, .claimed(dept: dept))) }
        else if c < 97 { claimed = collected.adding(.hours(5)); out.append((coordinator, claimed, .assigned(dept: dept, designated: true, note: nil))) }
        else { return out }
        let l = rng.below(100)
        let level: Level = l < 90 ? .general : l < 98 ? .highAttention : .majorSensitive
        out.append((liaison, claimed.adding(.minutes(10)), .assessed(level: level, historical: false, note: nil)))
        if level == .majorSensitive {
            out.append((coordinator, claimed.adding(.minutes(10 + 60 * (1 + rng.below(3)))), .escalated(note: nil)))
        } else {
            out.append((liaison, claimed.adding(.minutes(rng.below(3) == 0 ? 180 : 60)), .unitReported(text: "已报送")))
        }
        // Verification: 40 % in two days, 50 % in nine (late), 10 % never. With a third of the unit reports late,
        // a month of 100,000 cases has about 85,000 late limits (issue 14's accountability bench).
        let v = rng.below(10)
        guard v < 9 else { return out }
        let verified = claimed.adding(.days(v < 4 ? 2 : 9))
        out.append((liaison, verified, .verified(summary: "已核实", file: nil)))
        guard rng.below(10) < 9 else { return out }
        out.append((liaison, verified.adding(.days(1)), .responded(channel: "weibo", url: nil, text: "已回复")))
        return out
    }

    try store.batch {
        for i in 0..<n {
            let steps = caseEvents(i)
            try store.write { tx in
                let id = try tx.nextID(.caseFile)
                for (k, (actor, at, body)) in steps.enumerated() {
                    try tx.append(NewEvent(caseID: id, actor: actor, effective: at, recorded: at, body: body), expectedVersion: k)
                }
            }
            events += steps.count
            if i % 1000 == 999 { try store.commitPoint() }
        }
        // Patrols: each department, each required slot, 95 % of them, ten minutes into the slot.
        var k = 0
        for day in PatrolSchedule.days(from: first, through: last) {
            let schedule = try PatrolSchedule.day(day, policy: .mingguang, calendar: calendar)
            for dept in patrolDepts {
                for slot in schedule.slots where rng.below(100) < 95 {
                    let t = slot.start.adding(.minutes(10))
                    try store.write { tx in
                        try tx.append(NewEvent(caseID: nil, actor: Actor(name: "巡查员", role: .patrol, dept: dept), effective: t, recorded: t,
                                               body: .patrolled(dept: dept, note: nil)), expectedVersion: nil)
                    }
                    events += 1
                    k += 1
                    if k % 5000 == 0 { try store.commitPoint() }
                }
            }
        }
    }
    let (s, atto) = (clock.now - began).components
    let report = try store.verifyChain()
    guard report.isIntact, report.checked == Int64(events) else { fail("audit verify failed: \(report)") }
    print("\(n) cases, \(events) events in \(String(format: "%.1f", Double(s) + Double(atto) / 1e18)) s; audit verify: \(report.checked) events intact")
} catch let e as StoreError {
    fail(e.message.en)
} catch let e as CalendarError {
    fail(e.message.en)
} catch {
    fail("\(error)")
}
