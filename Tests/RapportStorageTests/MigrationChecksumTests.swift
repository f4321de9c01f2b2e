import RapportStorage
import Testing

/// Shipped migrations are frozen: a database that ran one never runs it again, so an edit would leave
/// older databases different from new ones. The SHA-256 of each shipped migration's text, per dialect,
/// is recorded here as it shipped.
@Suite("Migrations are append-only")
struct MigrationChecksumTests {
    struct Shipped {
        var name: String
        var sqlite: String
        var postgres: String

        init(_ name: String, sqlite: String, postgres: String) {
            self.name = name
            self.sqlite = sqlite
            self.postgres = postgres
        }
    }

    /// Every shipped migration, in order. A new migration appends its line; a line is never changed.
    static let shipped: [Shipped] = [
        Shipped(
            "0001-master-data", sqlite: "fd47313ddc709b0b8d5b08ecc770d897a2bc624e31da18bb2cb1c7ac940eb50a",
            postgres: "59f51e5ac5927e9599a5c6e123df2d7349b1e04052f185d923c98bdf1c71219e"),
        Shipped(
            "0002-contacts", sqlite: "a4af5d668c14884080b03d523661ae804114fdd10fde403c6c480abed2f1e293",
            postgres: "54e0ac7b6c1e040f99fe832a10e3f483b1325527526c30396c3c8ad99e81d4ec"),
        Shipped(
            "0003-users", sqlite: "432a1dd046bbc3a03ac4d1a903251daad915bf9abf4d37dee5b74c74a4fa79b2",
            postgres: "6e5c849fc289afbd917c022bfda00b15812e632c4a0134a6d8cba8cca9f8d395"),
        Shipped(
            "0004-segments", sqlite: "95d247995dd8066f939e2bace9dd0694769441c66a9cfa041791005ec1bede3d",
            postgres: "f4d4ab53bc81ba560eb8a4235cd02870d3b6258c700da6bebd07cddc30f5e716"),
        Shipped(
            "0005-logging", sqlite: "3c3a3550f596bde534cee725a84851c2f8c22f9547928ac618be1d8ffccb9d13",
            postgres: "9cc57c098bbd8d03e33a57748d8bf2bae2298860ab05b19eb0b576633b9f389b"),
        Shipped(
            "0006-documents", sqlite: "e9013a2a24f671a8ff20bb4390f1ffd417418bfe0e7204411ab1ab77531a5209",
            postgres: "5814863f203b5e3f42f999df5ef644aeedf479ff73b56e7566e3539b257cd9fa"),
        Shipped(
            "0007-delivery", sqlite: "d1761825da9ef7001c911dcf7e23e766d39c92e1ca608fddd6f90a826c1624ba",
            postgres: "643f7559b85325d2cf5f968a122150d094d47e710e4a1c5f8d753112648bef3d"),
        Shipped(
            "0008-interaction-log", sqlite: "ce6b0076a4460d3f6b08acab71c14e3f2ff0165359c85ac53807afa51fbe91d8",
            postgres: "9dea264a6e942f56a87c74463112b13c1b17831eabce99e89a1622a27e22e5ec"),
        Shipped(
            "0009-security", sqlite: "2dfa794c249b33e8782d5170c50ce241a9c0c515b6b7c92002af2893cd71cc67",
            postgres: "be8e42254e90e2f0e4cac46b8cfae9e4f07e3410a2d73c4e9f14173e312ea144"),
        Shipped(
            "0010-frozen-documents", sqlite: "28942c3911cb80a74f01ab9e7a20a68939871887293ce8da1a75f072629a9e64",
            postgres: "472111713c0ad81111953f60cc762f07215956c5fa3d1a13152cb962bd7c1093"),
        Shipped(
            "0011-sessions-jobs", sqlite: "cfc7c2b598548dc9507efb0cce943f57584b1ee57a8372dec816f095a1b3d5ef",
            postgres: "2d379e981fedd136f4620f3886c93da8cf566748b4d6b33eaf986d8fa2e2fc2b"),
        Shipped(
            "0012-segment-versions", sqlite: "d47164dd09578169bf01dcb386303e1bfde085410d5c48f962faa7080c5640d6",
            postgres: "e1e89027368c28ed71827d0498fef41677e4a1d3d7198c1558114d2a7c8cfde9"),
        Shipped(
            "0013-log-rollback", sqlite: "4eb073e09adb283a51b56351cf29de2fff3f5446eaa790f3eed10c6db25e3c51",
            postgres: "2378e7eea2cf36a1f5933e6ecda8ff3693fe0f48798886190569562b278c3479"),
        Shipped(
            "0014-log-record", sqlite: "89fc5b9c493a9b888548827c6ef491c80e8cd4f5ac379bdffa0252d2ddd4325d",
            postgres: "fbbe631dd557a670c8ec7473a95f2ae60da6db63f309730e0569ed21f49cd4ab"),
        Shipped(
            "0015-log-counters", sqlite: "e6b5f8b1e33a252f74c9bbb7595ca560e82ef7dfab53a5b82620dccefc2a1bf5",
            postgres: "15f32192ad83d6a25d72b3540541a1de5030cd2bfcc629d1a944ff13e0c2db49"),
        Shipped(
            "0016-living-segments", sqlite: "124a4a5d90a6f8c6c253746b036fdfe9fa506904656654b70b46c567e31fb926",
            postgres: "c613e9d3734a1dfc0a30c8cececb4cc6edc3a57b0099bb35340ef85a9af7d76c"),
        Shipped(
            "0017-paced-sending", sqlite: "6fed1fdd207842d3f59a92fa1226912fb40150f51d716406e0799a7342ff51f0",
            postgres: "67f62917841bd0fbb02d02a6c0441f76f9ff2f17b4775d4bcac062e3d01794d3"),
        Shipped(
            "0018-contact-filter-indexes", sqlite: "9cea76fd3b10c50e05c8dbe9616aac4a496dc433b93d7c76dc7afca2932849d0",
            postgres: "9cea76fd3b10c50e05c8dbe9616aac4a496dc433b93d7c76dc7afca2932849d0"),
        Shipped(
            "0019-follow-up-and-entry-indexes",
            sqlite: "7b4d584f1fb3b60d9e4fb074a03a2ac191be21807e1a6f03fdf93b7f653c92bf",
            postgres: "c702c78734182401d1e988a0384fa5d35a91d6a9886257085dd5a7d12d76cd7c"),
        Shipped(
            "0020-excluded-contacts-index", sqlite: "f00ac171530e3efe7cd27d067a834335028148c01c40e0570c80587cd4fd88a5",
            postgres: "f00ac171530e3efe7cd27d067a834335028148c01c40e0570c80587cd4fd88a5"),
        Shipped(
            "0021-list-indexes", sqlite: "6569b391f2daa5cbd91e275a15a80bcae24aae3f8ce9b2622b73d84fd40d98c1",
            postgres: "6569b391f2daa5cbd91e275a15a80bcae24aae3f8ce9b2622b73d84fd40d98c1"),
        Shipped(
            "0022-journal-without-key", sqlite: "6f716f42f80a0c84bb3e74148fff846fe8bcac00bf1af82b6dbbf3201f10406c",
            postgres: "9bb8657eabf9c3a3cbf7e8dcf72715051f243bcd3282068942b2b1e3427644e7"),
        Shipped(
            "0023-delivery-queue-indexes", sqlite: "8426089cbde3e630d4b680a138b505b91a37709dde6b4b258e666cc19f0fc45a",
            postgres: "8426089cbde3e630d4b680a138b505b91a37709dde6b4b258e666cc19f0fc45a"),
        Shipped(
            "0024-lighter-entry-upkeep", sqlite: "625b19d36c14e9bb3b817eb2ff541efd03e5d150e4f3e08c16db082e19b3c51a",
            postgres: "d6eb19bb72a9ed93bfeec8ea23ecc11a407c06fbbd885f4ce6c559f82598cbad"),
        Shipped(
            "0025-segment-line-estimates", sqlite: "b60780b8398f4cddf1803edcce7b9838aed6244d0d07c81e6858ffa74739e4c3",
            postgres: "c346da53bd29eebb3cb9b946b17161aaa70fc42f55820a3872f2db050cd5e6b7"),
        Shipped(
            "0026-segment-line-counters", sqlite: "b60780b8398f4cddf1803edcce7b9838aed6244d0d07c81e6858ffa74739e4c3",
            postgres: "d5cb9312418c8483a2b7f515a4d4b0c145ccdf8cc672df775d2852055a9fd25c"),
        Shipped(
            "0027-unseen-contacts-stay-unwritten",
            sqlite: "a2e7307d1873a34e83a70a810f98c301133404241d24cc6d72681d58edae823a",
            postgres: "7e095dddf64d0ab37b18b28c9fee8020c5e7439898967348f3f80266310728c2"),
        Shipped(
            "0028-statement-level-keys", sqlite: "b60780b8398f4cddf1803edcce7b9838aed6244d0d07c81e6858ffa74739e4c3",
            postgres: "cfc74e89fe5cfee626f60f812cfccc759b966f519e443c10944e96c875deca38"),
        Shipped(
            "0029-lines-with-a-campaign", sqlite: "f946f794f925654d32741c2d301a12335832a9c3539838241fa47bc74457675f",
            postgres: "f946f794f925654d32741c2d301a12335832a9c3539838241fa47bc74457675f"),
        Shipped(
            "0030-statement-level-blob-keys",
            sqlite: "b60780b8398f4cddf1803edcce7b9838aed6244d0d07c81e6858ffa74739e4c3",
            postgres: "b840c841caa9a7e04b51c0c43cc2343b020ad3b83b81eff7555dfd15fa491678"),
    ]

    @Test(arguments: [SQLDialect.sqlite, .postgres])
    func shippedMigrationsAreNeverEditedReorderedOrRemoved(dialect: SQLDialect) {
        let migrations = Migrator.migrations(for: dialect)
        for (index, shipped) in Self.shipped.enumerated() {
            guard index < migrations.count else {
                Issue.record(
                    "Shipped migration \(shipped.name) is missing from the \(dialect.rawValue) list: never remove one.")
                continue
            }
            let migration = migrations[index]
            #expect(
                migration.name == shipped.name,
                "Migration \(index + 1) of \(dialect.rawValue) is \(migration.name), shipped as \(shipped.name): never rename or reorder."
            )
            #expect(
                migration.checksum == (dialect == .sqlite ? shipped.sqlite : shipped.postgres),
                "The \(dialect.rawValue) text of shipped migration \(shipped.name) was edited: undo that and add a new migration instead."
            )
        }
        for migration in migrations.dropFirst(Self.shipped.count) {
            let checksum = migration.checksum
            Issue.record(
                "Migration \(migration.name) (\(dialect.rawValue)) is new: add its name and both checksums to the shipped list (\(dialect.rawValue): \(checksum))."
            )
        }
    }

    @Test func bothDialectsHaveTheSameMigrationsInTheSameOrder() {
        #expect(Migrator.migrations(for: .sqlite).map(\.name) == Migrator.migrations(for: .postgres).map(\.name))
    }

    @Test func statementsAreCutAtMarkerLinesWhateverTheyHold() {
        let migration = Migration(
            name: "0000-example",
            sql: """
                -- statement
                CREATE TABLE a (t TEXT NOT NULL DEFAULT ';');
                -- statement
                -- Why: a comment travels with its statement.
                INSERT INTO a (t) VALUES ('x;
                y');

                """)
        #expect(
            migration.statements == [
                "CREATE TABLE a (t TEXT NOT NULL DEFAULT ';')",
                "-- Why: a comment travels with its statement.\nINSERT INTO a (t) VALUES ('x;\ny')",
            ])
    }
}
