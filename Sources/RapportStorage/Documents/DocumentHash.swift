import Crypto
import RapportCore

/// The SHA-256 that names a Word document in `document_blob`. Computed where a document enters the store,
/// before the write that stores it, never inside a transaction; documents copied by SQL carry theirs along.
enum DocumentHash {
    /// The lowercase hex SHA-256 of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Where stored documents may lack their hash: one table, its key columns and which rows to look at.
    struct Place: Sendable {
        var table: String
        var keys: [String]
        var condition: String
        var binds: [SQLValue]
    }

    /// The documents a Log of `segmentNo` may pin: its lines' personalised documents, its own document and
    /// the documents of the templates its lines use.
    static func places(segmentNo: String) -> [Place] {
        [
            Place(
                table: "segment_line_document", keys: ["segment_no", "line_no"], condition: "segment_no = ?",
                binds: [.text(segmentNo)]),
            Place(
                table: "segment_document", keys: ["segment_no"], condition: "segment_no = ?", binds: [.text(segmentNo)]),
            Place(
                table: "template_document", keys: ["template_code", "language_code"],
                condition:
                    "template_code IN (SELECT DISTINCT interaction_template_code FROM segment_line WHERE segment_no = ?)",
                binds: [.text(segmentNo)]),
        ]
    }

    /// The documents of one template, for an interaction recorded on it.
    static func places(templateCode: String) -> [Place] {
        [
            Place(
                table: "template_document", keys: ["template_code", "language_code"], condition: "template_code = ?",
                binds: [.text(templateCode)])
        ]
    }

    /// The documents of setup's phone-call template.
    static let phoneCallPlaces = [
        Place(
            table: "template_document", keys: ["template_code", "language_code"],
            condition: "template_code = (SELECT phone_call_template_code FROM setup WHERE id = 1)", binds: [])
    ]

    /// Gives a hash to the documents at `places` stored before hashes were kept (migration 0010): they are
    /// read in one read, hashed outside any transaction, then stamped in one short write that leaves a row
    /// alone if its bytes changed meanwhile (whoever changed them stamped the new hash). Nothing is written
    /// when every document already has its hash, the usual case.
    static func fill(_ places: [Place], store: Store) async throws(RapportError) {
        let unhashed = try await store.read { connection in
            var rows: [(place: Place, keys: [SQLValue], docx: [UInt8])] = []
            for place in places {
                let sql =
                    "SELECT \(place.keys.joined(separator: ", ")), docx FROM \(place.table) "
                    + "WHERE sha256 IS NULL AND \(place.condition)"
                for row in try connection.query(sql, place.binds) {
                    guard case .blob(let docx) = row["docx"] else { continue }
                    rows.append((place, place.keys.map { row[$0] }, docx))
                }
            }
            return rows
        }
        guard !unhashed.isEmpty else { return }
        let stamped = unhashed.map { (row: $0, sha256: hex($0.docx)) }
        _ = try await store.write("hash stored documents") { connection in
            for item in stamped {
                let keys = item.row.place.keys.map { "\($0) = ?" }.joined(separator: " AND ")
                try connection.execute(
                    "UPDATE \(item.row.place.table) SET sha256 = ? WHERE \(keys) AND sha256 IS NULL AND docx = ?",
                    [.text(item.sha256)] + item.row.keys + [.blob(item.row.docx)])
            }
        }
    }
}
