import Foundation
import NIOCore
import RapportCore
import Testing

@testable import RapportPostgres
@testable import RapportStorage

/// Bulk inserts go out as `COPY … FROM STDIN` in text format (or, rows of integers and bytes alone, as binary
/// arrays): the encoding and which statements qualify.
@Suite("COPY text format")
struct PGCopyTextTests {
    @Test func valuesAreEscapedSoEveryByteComesBack() {
        var buffer = ByteBuffer()
        PGCopyText.append(
            [.integer(-7), .real(2.5), .null, .text("a\\b\tc\nd\re \\N"), .text("\\N"), .blob([0, 0xAB])], to: &buffer)
        #expect(String(buffer: buffer) == "-7\t2.5\t\\N\ta\\\\b\\tc\\nd\\re \\\\N\t\\\\N\t\\\\x00ab\n")
    }

    @Test func theFailingLineIsFoundForAnErrorMessage() {
        var buffer = ByteBuffer()
        for n in 1...3 { PGCopyText.append([.integer(Int64(n)), .text("row \(n)")], to: &buffer) }
        #expect(PGCopyText.line(2, of: buffer) == "2\trow 2")
        #expect(PGCopyText.line(4, of: buffer) == "")
        #expect(PGCopyText.line(9, of: buffer) == nil)
    }

    @Test func rowsOfIntegersAndBytesGoOutAsBinaryArrays() {
        var insert = PGArrayInsert(table: "entry_document", columns: ["entry_no", "docx"])
        #expect(insert.accepts([.integer(1), .blob([0xAB])]))
        #expect(!insert.accepts([.integer(1), .null]))
        #expect(!insert.accepts([.integer(1), .text("x")]))
        #expect(!insert.accepts([.integer(1)]))
        insert.append([.integer(1), .blob([0xAB])])
        #expect(!insert.accepts([.blob([1]), .blob([2])]))
        insert.append([.integer(-2), .blob([])])
        let (sql, arrays) = insert.take()
        #expect(sql == "INSERT INTO entry_document (entry_no, docx) SELECT * FROM unnest($1::bigint[], $2::bytea[])")
        #expect(insert.isEmpty)
        #expect(arrays.map(\.type) == [.int8Array, .byteaArray])
        // One dimension, no NULLs, the element type, two elements from 1, then each element's length and bytes.
        let header: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 0]
        let counts: [UInt8] = [0, 0, 0, 2, 0, 0, 0, 1]
        #expect(
            Array(buffer: arrays[0].bytes)
                == header + [0, 0, 0, 20] + counts + [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1] + [0, 0, 0, 8]
                + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE])
        #expect(
            Array(buffer: arrays[1].bytes) == header + [0, 0, 0, 17] + counts + [0, 0, 0, 1, 0xAB] + [0, 0, 0, 0])
    }

    @Test func onlyPlainInsertsOfPlaceholdersGoOutAsCopy() {
        let plain = PGPreparedStatement.copyTarget(of: "INSERT INTO import_link (row, link, code) VALUES (?, ?, ?)")
        #expect(plain?.table == "import_link")
        #expect(plain?.columns == ["row", "link", "code"])
        for sql in [
            "INSERT INTO t (a, b) VALUES (?, 1)", "INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING",
            "INSERT INTO t (a, b) VALUES (?)", "INSERT INTO \"T\" (a) VALUES (?)", "UPDATE t SET a = ?",
            "INSERT INTO t (a) SELECT ?",
        ] {
            #expect(PGPreparedStatement.copyTarget(of: sql) == nil, "\(sql)")
        }
    }
}

@Suite(
    "COPY against PostgreSQL",
    .enabled(
        if: ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"] != nil
            || ProcessInfo.processInfo.environment["RAPPORT_REQUIRE_TOOLS"] == "1",
        "needs RAPPORT_TEST_POSTGRES"))
struct PostgresCopyTests {
    static let texts = [
        "plain", "back\\slash", "\\N", "\\\\N", "tab\there", "new\nline", "cr\rlf\r\n", "'q' \"qq\"", "😀 שלום مرحبا",
        "", " ",
    ]

    @Test func everyKindOfValueComesBackUnchanged() async throws {
        let database = try await PostgresDatabaseTests.database()
        let allBytes = (0...255).map { UInt8($0) }
        let rows = try await database.write("copy") { connection in
            try connection.execute("CREATE TABLE c (n BIGINT NOT NULL, t TEXT, r DOUBLE PRECISION, b BYTEA)")
            let insert = try connection.prepare("INSERT INTO c (n, t, r, b) VALUES (?, ?, ?, ?)")
            for (index, text) in Self.texts.enumerated() {
                try insert.execute([.integer(Int64(index)), .text(text), .real(1.0 / 3), .blob(allBytes)])
            }
            try insert.execute([.integer(99), .null, .null, .null])
            return try connection.query("SELECT n, t, r, b FROM c ORDER BY n", [])
        }
        #expect(rows.count == Self.texts.count + 1)
        for (index, text) in Self.texts.enumerated() {
            #expect(rows[index]["t"] == .text(text))
            #expect(rows[index]["r"] == .real(1.0 / 3))
            #expect(rows[index]["b"] == .blob(allBytes))
        }
        #expect(rows.last?.values == [.integer(99), .null, .null, .null])
        try await database.close()
    }

    /// Rows of integers and bytes go as binary arrays (`PGArrayInsert`), others as `COPY` text, in the order
    /// they were given whichever form each takes; a refused row refuses the insert.
    @Test func lettersGoAsBinaryArraysAndComeBackUnchanged() async throws {
        let database = try await PostgresDatabaseTests.database()
        let allBytes = (0...255).map { UInt8($0) }
        let letters: [[UInt8]] = [allBytes, [], [0], Array("\\x41 ,{}\"".utf8), allBytes.reversed()]
        let rows = try await database.write("arrays") { connection in
            try connection.execute("CREATE TABLE letter (n BIGINT PRIMARY KEY, b BYTEA)")
            let insert = try connection.prepare("INSERT INTO letter (n, b) VALUES (?, ?)")
            for (index, letter) in letters.enumerated() { try insert.execute([.integer(Int64(index)), .blob(letter)]) }
            try insert.execute([.integer(10), .null])
            try insert.execute([.integer(Int64.min), .blob([7])])
            return try connection.query("SELECT n, b FROM letter ORDER BY n", [])
        }
        #expect(
            rows.map(\.values.first) == [
                .integer(Int64.min), .integer(0), .integer(1), .integer(2), .integer(3), .integer(4), .integer(10),
            ])
        #expect(rows.dropFirst().prefix(5).map { $0["b"] } == letters.map { .blob($0) })
        #expect(rows.last?["b"] == .null)
        do {
            try await database.write("duplicate") { connection in
                let insert = try connection.prepare("INSERT INTO letter (n, b) VALUES (?, ?)")
                try insert.execute([.integer(20), .blob([1])])
                try insert.execute([.integer(0), .blob([2])])
                _ = try connection.scalar("SELECT COUNT(*) FROM letter")
            }
            Issue.record("the duplicate was accepted")
        } catch let error as StorageError {
            guard case .uniqueViolation = error else {
                Issue.record("expected a unique violation, got \(error)")
                return
            }
        }
        #expect(try await database.read { try $0.scalar("SELECT COUNT(*) FROM letter") } == .integer(7))
        try await database.close()
    }

    @Test func aRefusedRowNamesItselfAndNothingIsWritten() async throws {
        let database = try await PostgresDatabaseTests.database()
        try await database.write("schema") {
            try $0.execute("CREATE TABLE checked (n BIGINT NOT NULL, t TEXT NOT NULL CHECK (t <> 'bad'))")
        }
        do {
            try await database.write("copy") { connection in
                let insert = try connection.prepare("INSERT INTO checked (n, t) VALUES (?, ?)")
                for n in 1...5000 { try insert.execute([.integer(Int64(n)), .text(n == 4321 ? "bad" : "good")]) }
                _ = try connection.scalar("SELECT COUNT(*) FROM checked")
            }
            Issue.record("the bad row was accepted")
        } catch let error as StorageError {
            guard case .checkViolation(let message) = error else {
                Issue.record("expected a check violation, got \(error)")
                return
            }
            #expect(message.hasSuffix("(in the row: 4321\tbad)"), "\(message)")
        }
        #expect(try await database.read { try $0.scalar("SELECT COUNT(*) FROM checked") } == .integer(0))
        try await database.close()
    }
}
