import Foundation
import Synchronization
import Testing
import YuqingCore
@testable import YuqingStore

/// Several shells on one file: each has its own `SQLiteStore` (its own connections, as a separate process has).
@Suite("two shells claiming one case")
struct ConcurrencyTests {
    enum Outcome: Equatable, Sendable {
        case won
        case refused(String)
        case failed(String)
    }

    /// Claims as the `claim` verb does: look at the case, refuse if it is claimed, append with its version.
    /// `optimistic` reads outside the write first (the stale read the version check exists for).
    static func claimOnce(path: String, id: EntityID, dept: String, optimistic: Bool,
                          ready: DispatchSemaphore, go: DispatchSemaphore) -> Outcome {
        do {
            let store = try SQLiteStore(path: path, projector: StubProjector())
            let seen = optimistic ? try store.read { try $0.caseFile(id) } : nil
            ready.signal()
            go.wait()
            try store.write { tx throws in
                guard let c = try seen ?? tx.caseFile(id) else { throw StoreError.unknownCase(id) }
                guard c.dept == nil else { throw Refusal.alreadyClaimed }
                try tx.append(NewEvent(caseID: id, actor: Actor(name: dept, role: .liaison, dept: dept),
                                       effective: at(19, 10), recorded: at(19, 10), body: .claimed(dept: dept)),
                              expectedVersion: c.version)
            }
            return .won
        } catch Refusal.alreadyClaimed {
            return .refused("already claimed")
        } catch let e as StoreError {
            if case .conflict = e { return .refused(e.message.en) }
            return .failed("\(e)")
        } catch {
            return .failed("\(error)")
        }
    }

    @Test
    func exactlyOneOfTwoConcurrentClaimsWins() throws {
        let path = temporaryPath()
        let setup = try SQLiteStore(path: path, projector: StubProjector())
        for round in 0..<50 {
            let id = try collect(setup, "并发认领\(round)", at: at(19, 9))
            let outcomes = Mutex<[String: Outcome]>([:])
            let ready = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0)
            let group = DispatchGroup()
            for dept in ["police", "gov-office"] {
                group.enter()
                let optimistic = round % 2 == 0
                Thread {
                    let o = ConcurrencyTests.claimOnce(path: path, id: id, dept: dept, optimistic: optimistic,
                                                       ready: ready, go: go)
                    outcomes.withLock { $0[dept] = o }
                    group.leave()
                }.start()
            }
            ready.wait()
            ready.wait()
            go.signal()
            go.signal()
            group.wait()
            let results = outcomes.withLock { $0 }
            #expect(results.values.filter { $0 == .won }.count == 1, "round \(round): \(results)")
            #expect(results.values.filter { if case .refused = $0 { true } else { false } }.count == 1,
                    "round \(round): \(results)")
            let winner = results.first { $0.value == .won }?.key
            try setup.read { r throws in
                let c = try #require(try r.caseFile(id))
                #expect(c.version == 2)
                #expect(c.dept == winner)
                #expect(try r.events(forCase: id).count == 2)
            }
        }
        let report = try setup.verifyChain()
        #expect(report.isIntact)
        #expect(report.checked == 100)
    }
}
