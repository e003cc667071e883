import Testing
@testable import YuqingStore

/// The two-thread hand-off of `store rebuild` (`pipelined`): every chunk comes back once, in order, and an error on
/// either side stops both threads and is thrown.
@Suite("rebuild pipeline")
struct PipelineTests {
    struct Boom: Error, Equatable { let at: Int }

    @Test(arguments: [1, 2, 3])
    func chunksComeBackInOrder(depth: Int) throws {
        var seen: [Int] = []
        try pipelined(depth: depth, produce: { send in
            for i in 0..<500 { try send(i) }
        }, transform: { i in i * 2 }, consume: { seen.append($0) })
        #expect(seen == (0..<500).map { $0 * 2 })
    }

    @Test
    func nothingToDo() throws {
        var seen: [Int] = []
        try pipelined(produce: { (_: (Int) throws -> Void) in }, transform: { $0 }, consume: { seen.append($0) })
        #expect(seen.isEmpty)
    }

    @Test
    func anErrorOfTheSecondThreadIsThrown() {
        var seen: [Int] = []
        #expect(throws: Boom(at: 7)) {
            try pipelined(produce: { send in
                for i in 0..<100 { try send(i) }
            }, transform: { i in
                if i == 7 { throw Boom(at: i) }
                return i
            }, consume: { seen.append($0) })
        }
        #expect(seen == Array(0..<7))
    }

    @Test
    func anErrorWhileWritingStopsTheSecondThread() {
        var produced = 0
        #expect(throws: Boom(at: 3)) {
            try pipelined(produce: { send in
                for i in 0..<1_000 {
                    produced += 1
                    try send(i)
                }
            }, transform: { $0 }, consume: { i in
                if i == 3 { throw Boom(at: i) }
            })
        }
        // The reader stopped within a few chunks of the error (the queues hold at most `depth` each way).
        #expect(produced < 10)
    }

    @Test
    func anErrorWhileReadingIsThrown() {
        var seen: [Int] = []
        #expect(throws: Boom(at: 5)) {
            try pipelined(produce: { send in
                for i in 0..<5 { try send(i) }
                throw Boom(at: 5)
            }, transform: { $0 }, consume: { seen.append($0) })
        }
        #expect(seen.count <= 5)
    }
}
