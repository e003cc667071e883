// swift-tools-version: 6.0
// yuqing — a chat-style shell and scripting language for a city's government-affairs public opinion response system.
import PackageDescription

let package = Package(
    name: "yuqing",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "yuqing", targets: ["yuqing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // PostgreSQL behind the same Store protocol (docs/architecture.md: the blocking bridge).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `.xlsx` import and `.docx` documents: both are zips of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CReadline",
            path: "Sources/CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        // The rules: pure value types, no I/O, never reads the clock.
        .target(name: "YuqingCore"),
        // One call into the system SQLite (the library GRDB links on Linux) that Swift cannot make: a variadic
        // `sqlite3_config` before the first connection (SQLiteProcessSettings).
        .target(
            name: "CSQLiteConfig",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .target(
            name: "YuqingStore",
            dependencies: [
                "YuqingCore",
                "CSQLiteConfig",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "YuqingShell",
            dependencies: [
                "YuqingCore",
                "YuqingStore",
                "CReadline",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // calendar.txt is compiled in (Launch/BuiltinCalendar.swift, scripts/embed-calendar.py): an installed
            // binary carries no resource folder.
            exclude: ["Resources"]
        ),
        .executableTarget(
            name: "yuqing",
            dependencies: [
                "YuqingShell",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "YuqingCoreTests", dependencies: ["YuqingCore"]),
        .testTarget(name: "YuqingStoreTests", dependencies: ["YuqingStore", "YuqingCore"]),
        .testTarget(name: "YuqingShellTests", dependencies: ["YuqingShell", "YuqingStore", "YuqingCore",
                                                             .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["YuqingShell", "YuqingStore"],
            resources: [.copy("Golden")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
