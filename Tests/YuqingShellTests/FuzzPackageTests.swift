import Foundation
import Testing

/// The fuzzer builds yuqing's sources in a package of its own (Fuzz/Package.swift), so that package must name every
/// dependency the root package names; when it drifts, only CI's fuzz step breaks, long after the change that caused it.
@Suite struct FuzzPackageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func dependencyURLs(_ relative: String) throws -> Set<String> {
        let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        let marker = ".package(url: \""
        var urls: Set<String> = []
        for line in text.split(separator: "\n") {
            guard let r = line.range(of: marker) else { continue }
            let rest = line[r.upperBound...]
            if let end = rest.firstIndex(of: "\"") { urls.insert(String(rest[..<end])) }
        }
        return urls
    }

    @Test func fuzzPackageNamesEveryLibraryDependency() throws {
        let rootDeps = try Self.dependencyURLs("Package.swift")
        let fuzzDeps = try Self.dependencyURLs("Fuzz/Package.swift")
        #expect(!rootDeps.isEmpty)
        // The executable's argument parser is the one dependency the fuzzer does not build.
        let needed = rootDeps.subtracting(["https://github.com/apple/swift-argument-parser"])
        #expect(needed.subtracting(fuzzDeps).isEmpty, "Fuzz/Package.swift lacks \(needed.subtracting(fuzzDeps).sorted())")
    }
}
