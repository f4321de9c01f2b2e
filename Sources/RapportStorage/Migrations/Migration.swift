import Crypto
import Foundation

/// One numbered schema step, written as literal SQL for one dialect. Shipped migrations are frozen:
/// a database that already ran one is never shown its text again, so editing it would leave old and
/// new databases different. A change is a new migration, for both dialects.
package struct Migration: Sendable {
    /// The name recorded in `schema_migration` once the migration ran, such as `0001-master-data`.
    package let name: String
    /// The complete SQL: statements, each after a line holding only ``statementMarker``.
    package let sql: String

    /// The line that starts each statement. Statements are cut at these lines rather than at
    /// semicolons, so a statement may hold any text (a function body, a `;` in a string).
    package static let statementMarker = "-- statement"

    package init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// The statements in order, without the marker lines, surrounding blank space and a final `;`.
    package var statements: [String] {
        var statements: [String] = []
        var lines: [Substring] = []
        func flush() {
            var statement = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if statement.hasSuffix(";") { statement.removeLast() }
            if !statement.isEmpty { statements.append(statement) }
            lines = []
        }
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces) == Self.statementMarker {
                flush()
            } else {
                lines.append(line)
            }
        }
        flush()
        return statements
    }

    /// SHA-256 of the text, in hex: the append-only test holds these for every shipped migration.
    package var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
