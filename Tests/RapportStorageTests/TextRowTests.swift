import RapportCore
import RapportPostgres
import RapportSQLite
import Testing

@testable import RapportStorage

/// `forEachTextRow` hands on each cell's bytes as the database sent them (the contacts export writes them
/// unchanged): NULL and the empty text kept apart, multi-byte text whole, integers as their decimal text,
/// across PostgreSQL's pages of fetched rows, the same on both databases.
@Suite("Text rows")
struct TextRowTests {
    /// More rows than one `FETCH` of PostgreSQL's text cursor holds.
    static let count = 5_003

    static func text(_ number: Int) -> SQLValue {
        switch number % 4 {
        case 0: .null
        case 1: .text("")
        case 2: .text("Zoë 😀 👩‍👩‍👧 שלום \"q\",\r\n <&> " + String(repeating: "é", count: number % 50))
        default: .text("plain \(number)")
        }
    }

    static func expected(_ number: Int) -> [String?] {
        var cells: [String?] = []
        if case .text(let value) = text(number) { cells.append(value) } else { cells.append(nil) }
        cells.append(String(number))
        cells.append(number % 7 == 0 ? nil : "x")
        cells.append(String(-number))
        return cells
    }

    static func read(_ database: any SQLDatabase) async throws -> [[String?]] {
        try await database.write("text rows") { connection in
            try connection.execute("CREATE TABLE text_probe (n BIGINT NOT NULL, t TEXT, u TEXT)")
            let insert = BatchInsert(connection, table: "text_probe", columns: ["n", "t", "u"])
            for number in 0..<Self.count {
                try insert.append([.integer(Int64(number)), text(number), number % 7 == 0 ? .null : .text("x")])
            }
            try insert.flush()
            var rows: [[String?]] = []
            var row: [String?] = []
            var columns: [Int] = []
            try connection.forEachTextRow(
                "SELECT t, CAST(n AS TEXT) AS n_text, u, -n AS minus FROM text_probe ORDER BY n", [],
                cell: { index, bytes in
                    columns.append(index)
                    row.append(bytes.map { String(decoding: $0, as: UTF8.self) })
                },
                endOfRow: {
                    rows.append(row)
                    row = []
                })
            #expect(columns == Array(repeating: [0, 1, 2, 3], count: Self.count).flatMap { $0 })
            // Sent ahead and read whole: a narrow query (PostgreSQL: arrays) and a wide one (composites).
            let narrow = try connection.startTextRows(
                "SELECT t, u FROM text_probe WHERE n >= 5000 ORDER BY n", [], columns: 2)
            let wide = try connection.startTextRows(
                "SELECT t, CAST(n AS TEXT) AS n_text, u, -n AS minus, t AS again FROM text_probe WHERE n < ? ORDER BY n",
                [.integer(3)], columns: 5)
            let empty = try connection.startTextRows("SELECT t, u FROM text_probe WHERE n < 0", [], columns: 2)
            #expect(try Self.cells(narrow) == (5000..<Self.count).map { [Self.expected($0)[0], Self.expected($0)[2]] })
            #expect(try Self.cells(wide) == (0..<3).map { Self.expected($0) + [Self.expected($0)[0]] })
            #expect(try Self.cells(empty) == [])
            var none = 0
            try connection.forEachTextRow(
                "SELECT t FROM text_probe WHERE n < 0", [], cell: { _, _ in none += 1 }, endOfRow: { none += 1 })
            #expect(none == 0)
            return rows
        }
    }

    static func cells(_ rows: any SQLTextRows) throws -> [[String?]] {
        var result: [[String?]] = []
        var row: [String?] = []
        try rows.forEach(
            cell: { _, bytes in row.append(bytes.map { String(decoding: $0, as: UTF8.self) }) },
            endOfRow: {
                result.append(row)
                row = []
            })
        return result
    }

    @Test func sqliteHandsOnEveryCell() async throws {
        let rows = try await Self.read(try SQLiteDatabase(path: ":memory:"))
        #expect(rows.count == Self.count)
        let wrong = rows.indices.first { rows[$0] != Self.expected($0) }
        #expect(wrong == nil, "row \(wrong ?? 0): \(wrong.map { rows[$0] } ?? [])")
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func postgreSQLHandsOnEveryCellAsSQLiteDoes() async throws {
        let rows = try await Self.read(try await TestPostgres.database())
        #expect(rows.count == Self.count)
        let wrong = rows.indices.first { rows[$0] != Self.expected($0) }
        #expect(wrong == nil, "row \(wrong ?? 0): \(wrong.map { rows[$0] } ?? [])")
    }
}
