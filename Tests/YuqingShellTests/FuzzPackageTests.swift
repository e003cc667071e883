import Foundation
import Testing

/// The fuzzer builds yuqing's sources in a package of its own, whose manifest scripts/bench/side_package.py makes
/// from the root Package.swift (scripts/fuzz.sh writes it to Fuzz/Package.swift). It must name every dependency the
/// root package's libraries name; when it drifts, only CI's fuzz step breaks, long after the change that caused it.
@Suite struct FuzzPackageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func dependencyURLs(_ text: String) -> Set<String> {
        let marker = ".package(url: \""
        var urls: Set<String> = []
        for line in text.split(separator: "\n") {
            guard let r = line.range(of: marker) else { continue }
            let rest = line[r.upperBound...]
            if let end = rest.firstIndex(of: "\"") { urls.insert(String(rest[..<end])) }
        }
        return urls
    }

    /// The generated manifest, or nil where python3 is not installed (CI installs it: the fuzz step needs it).
    static func fuzzManifest() throws -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("scripts/bench/side_package.py").path, "fuzz-manifest"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return p.terminationStatus == 127 ? nil : "" }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func fuzzPackageNamesEveryLibraryDependency() throws {
        let rootDeps = Self.dependencyURLs(try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8))
        guard let manifest = try Self.fuzzManifest() else { return }
        let fuzzDeps = Self.dependencyURLs(manifest)
        #expect(!rootDeps.isEmpty)
        // The executable's argument parser is the one dependency the fuzzer does not build.
        let needed = rootDeps.subtracting(["https://github.com/apple/swift-argument-parser"])
        #expect(needed.subtracting(fuzzDeps).isEmpty, "the fuzz manifest lacks \(needed.subtracting(fuzzDeps).sorted())")
        for target in ["CReadline", "YuqingCore", "YuqingStore", "YuqingShell", "YuqingFuzz"] {
            #expect(manifest.contains("name: \"\(target)\""), "the fuzz manifest lacks \(target)")
        }
    }
}
