// Working-day arithmetic benchmark: compiled by calendar-bench.sh with `swiftc -O` together with the core's calendar
// and time sources (no package, no Package.swift change). Prints one line: seconds, count and a checksum that the
// Python side must reproduce, so both sides are known to compute the same answers.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func readFile(_ path: String) -> String? {
    guard let f = fopen(path, "r") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

func monotonic() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let args = CommandLine.arguments
guard args.count == 3, let text = readFile(args[1]), let count = Int(args[2]) else {
    print("usage: calendar-bench CALENDAR_FILE COUNT")
    exit(2)
}
let calendar: WorkCalendar
do {
    calendar = try WorkCalendar.parse(text, file: args[1])
} catch {
    print("calendar error: \(error.message.en)")
    exit(1)
}

// The same pseudo-random inputs as bench.py: a 64-bit LCG (Knuth MMIX constants); start days spread over
// 2019-01-01 … 2026-06-30, N from 1 to 15.
let first = CivilDate(year: 2019, month: 1, day: 1)!.dayNumber
let span = CivilDate(year: 2026, month: 6, day: 30)!.dayNumber - first + 1
var state: UInt64 = 42
var starts = [CivilDate](); starts.reserveCapacity(count)
var ns = [Int](); ns.reserveCapacity(count)
for _ in 0..<count {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    starts.append(CivilDate(dayNumber: first + Int((state >> 33) % UInt64(span))))
    state = state &* 6364136223846793005 &+ 1442695040888963407
    ns.append(1 + Int((state >> 33) % 15))
}

var checksum = 0
let t0 = monotonic()
do {
    for i in 0..<count {
        checksum &+= try calendar.addingWorkingDays(ns[i], after: starts[i]).dayNumber
    }
} catch {
    print("error: \(error.message.en)")
    exit(1)
}
let t1 = monotonic()
print("swift \(t1 - t0) \(count) \(checksum)")
