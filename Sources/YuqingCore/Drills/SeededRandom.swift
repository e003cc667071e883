/// SplitMix64: a tiny, well-known generator whose sequence depends only on the seed, so a drill's random jitter
/// is the same on every machine and every run (Swift's `SystemRandomNumberGenerator` is not seedable).
public struct SeededRandom: Sendable, Hashable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0...upper` (modulo bias is irrelevant for seconds of jitter).
    public mutating func next(upTo upper: Int64) -> Int64 {
        guard upper > 0 else { return 0 }
        return Int64(next() % UInt64(upper + 1))
    }
}
