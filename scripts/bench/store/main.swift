// The store benchmark (brief section 7): 100k `collect` commands on a fresh SQLite store, batched with a commit
// point every 1,000, against `sqlite3` inserting the same number of event rows. Built and run by store-bench.sh.
//
//   store-bench run FILE N      appends N collected events (with projections) and prints the seconds taken
//   store-bench sql N           prints the equivalent SQL file for sqlite3 (same columns, indexes, pragmas)
import Foundation
import YuqingCore
import YuqingStore

/// A projector as cheap as it gets, so the run measures the store: one claim entry per case.
struct TrivialProjector: CaseProjector {
    func dueEntries(for c: CaseFile) -> [DueEntry] {
        [DueEntry(caseID: c.id, rule: "claim", due: c.collectedAt.adding(.hours(1)), metAt: c.claimedAt,
                  dept: c.dept)]
    }
}

let start = Instant(date: CivilDate(year: 2019, month: 12, day: 19) ?? CivilDate(dayNumber: 0), hour: 8)
let actor = Actor(name: "王敏", role: .patrol, dept: "open-gov")

func body(_ i: Int) -> EventBody {
    .collected(item: Item(title: "关于某小区自来水发黄的帖子 \(i)", url: "https://weibo.com/post/\(i)", source: .weibo,
                          category: .demand, excerpt: "居民反映自来水发黄，已持续三天。", metrics: Metrics(reposts: i % 97)),
               dept: nil)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let args = CommandLine.arguments
guard args.count >= 3 else { fail("usage: store-bench run FILE N | store-bench sql N") }

switch args[1] {
case "run":
    guard args.count == 4, let n = Int(args[3]) else { fail("usage: store-bench run FILE N") }
    do {
        let store = try SQLiteStore(path: args[2], projector: TrivialProjector())
        let clock = ContinuousClock()
        let began = clock.now
        try store.batch {
            for i in 1...n {
                let t = start.adding(seconds: Int64(i))
                try store.write { tx in
                    let id = try tx.nextID(.caseFile)
                    try tx.append(NewEvent(caseID: id, actor: actor, effective: t, recorded: t, body: body(i)),
                                  expectedVersion: 0)
                }
                if i % 1000 == 0 { try store.commitPoint() }
            }
        }
        let elapsed = clock.now - began
        let (s, atto) = elapsed.components
        print(String(format: "%.3f", Double(s) + Double(atto) / 1e18))
        let report = try store.verifyChain()
        guard report.isIntact, report.checked == Int64(n) else { fail("chain check failed: \(report)") }
    } catch let e as StoreError {
        fail(e.message.en)
    } catch {
        fail("\(error)")
    }
case "sql":
    guard let n = Int(args[2]) else { fail("usage: store-bench sql N") }
    // Same pragmas, table and indexes as the store's events table (migration v1-events).
    var out = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE events (seq INTEGER PRIMARY KEY, case_id TEXT, subject TEXT, actor_name TEXT NOT NULL,
            actor_role TEXT NOT NULL, actor_dept TEXT, verb TEXT NOT NULL, payload TEXT NOT NULL,
            effective INTEGER NOT NULL, recorded INTEGER NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX events_case ON events(case_id) WHERE case_id IS NOT NULL;
        CREATE INDEX events_subject ON events(subject) WHERE subject IS NOT NULL;
        CREATE INDEX events_verb ON events(verb, effective);

        """
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var prev = String(repeating: "0", count: 64)
    func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
    FileHandle.standardOutput.write(Data(out.utf8))
    out = ""
    for i in 1...n {
        if i % 1000 == 1 { out += "BEGIN;\n" }
        let t = start.adding(seconds: Int64(i)).seconds
        let payload = String(decoding: (try? encoder.encode(body(i))) ?? Data(), as: UTF8.self)
        let hash = EventHashing.hash(prevHash: prev, seq: Int64(i), caseID: "C\(i)", subject: nil,
                                     actorName: actor.name, actorRole: actor.role.rawValue, actorDept: actor.dept,
                                     effective: t, recorded: t, verb: "collected", payload: payload)
        out += "INSERT INTO events VALUES (\(i), 'C\(i)', NULL, \(q(actor.name)), 'patrol', 'open-gov', 'collected', "
            + "\(q(payload)), \(t), \(t), '\(prev)', '\(hash)');\n"
        prev = hash
        if i % 1000 == 0 || i == n {
            out += "COMMIT;\n"
            FileHandle.standardOutput.write(Data(out.utf8))
            out = ""
        }
    }
default:
    fail("unknown mode \(args[1])")
}
