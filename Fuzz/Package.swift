// swift-tools-version: 6.0
// The libFuzzer target of yuqing (issue 11): the lexer, the parser against the real command table, the value
// parser and the condition parser, on yuqing's own sources (Sources/ here links to ../Sources). Build and run it
// with `scripts/fuzz.sh SECONDS`, which passes `--sanitize fuzzer` and `-enable-testing` (the harness reaches the
// language's internals with `@testable import`). Its dependencies must follow the root Package.swift's.
import PackageDescription

let package = Package(
    name: "yuqing-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CReadline", path: "Sources/CReadline", providers: [.apt(["libreadline-dev"])]),
        .target(name: "YuqingCore"),
        .target(name: "YuqingStore", dependencies: [
            "YuqingCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "YuqingShell", dependencies: [
            "YuqingCore", "YuqingStore", "CReadline",
            .product(name: "CSV", package: "CSV.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Resources")]),
        .executableTarget(name: "YuqingFuzz", dependencies: ["YuqingShell", "YuqingStore", "YuqingCore"]),
    ],
    swiftLanguageModes: [.v6]
)
