import Foundation

/// The process environment, read in one place (tests and the launcher pass their own).
public struct Environment: Sendable {
    public var values: [String: String]
    public init(_ values: [String: String]) { self.values = values }
    public static var current: Environment { Environment(ProcessInfo.processInfo.environment) }
    public subscript(_ key: String) -> String? { values[key] }
}
