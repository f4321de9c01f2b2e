// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Rapport",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rapport", targets: ["rapport"]),
        .library(name: "RapportServer", targets: ["RapportServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Pure domain: entities, rules, BC filter expressions, CSV. No I/O.
        .target(name: "RapportCore"),
        // The store: SQL primitives every backend provides, schema, and the use cases written once over them.
        .target(
            name: "RapportStorage",
            dependencies: [
                "RapportCore", "RapportDocuments",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // Demo data and benchmark fixtures: deterministic master data, contacts and Word letters, and the
        // seeder that loads them through the use cases. Used by the CLI and the tests, never by the server.
        .target(name: "RapportDemo", dependencies: ["RapportCore", "RapportStorage", "RapportDocuments"]),
        // SQLite backend (GRDB): the default, embedded and zero set-up.
        .target(
            name: "RapportSQLite",
            dependencies: ["RapportStorage", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // PostgreSQL backend (PostgresNIO): the same use cases, for scale.
        .target(
            name: "RapportPostgres",
            dependencies: [
                "RapportStorage", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // zlib, for reading and writing .docx packages and ZIP archives.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // .docx merge engine and streaming ZIP: pure, no database.
        .target(name: "RapportDocuments", dependencies: ["CZlib"]),
        // E-mail: MIME rendering and an SMTP client (plain, STARTTLS, TLS).
        .target(
            name: "RapportMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // HTTP: API controllers, auth, error mapping, OpenAPI.
        .target(
            name: "RapportServer",
            dependencies: [
                "RapportCore", "RapportStorage", "RapportDocuments", "RapportMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The web UI's Mustache templates and its stylesheet and scripts, read once at start-up.
            resources: [.copy("Web/templates"), .copy("Web/static")]
        ),
        // The composition root: opens the database a `--db` value names (SQLite or PostgreSQL) and builds the
        // live use cases the server runs on. The only target that links both the server and the backends.
        .target(
            name: "RapportApp", dependencies: ["RapportServer", "RapportStorage", "RapportSQLite", "RapportPostgres"]),
        .executableTarget(
            name: "rapport",
            dependencies: [
                "RapportApp", "RapportServer", "RapportDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RapportCoreTests", dependencies: ["RapportCore"]),
        .testTarget(
            name: "RapportDemoTests", dependencies: ["RapportDemo", "RapportCore", "RapportDocuments", "RapportServer"]),
        .testTarget(name: "RapportDocumentsTests", dependencies: ["RapportDocuments", "RapportCore"]),
        .testTarget(
            name: "RapportStorageTests",
            dependencies: [
                "RapportStorage", "RapportSQLite", "RapportPostgres", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "RapportPostgresTests", dependencies: ["RapportPostgres", "RapportStorage"]),
        .testTarget(
            name: "RapportServerTests",
            dependencies: [
                "RapportApp", "RapportServer", "RapportDemo", "RapportDocuments", "RapportMail",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
