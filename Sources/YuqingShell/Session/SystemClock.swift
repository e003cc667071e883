import Foundation
import YuqingCore

/// The real clock: the one place in yuqing that reads the system time.
public struct SystemClock: YuqingCore.Clock {
    public init() {}
    public func now() -> Instant { Instant(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))) }
}
