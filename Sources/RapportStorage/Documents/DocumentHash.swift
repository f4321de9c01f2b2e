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

    /// Where stored documents may lack their hash: one table and its key columns.
    struct Place: Sendable {
        var table: String
        var keys: [String]
    }

    /// Every table that keeps Word documents with their hash.
    static let places = [
        Place(table: "template_document", keys: ["template_code", "language_code"]),
        Place(table: "segment_document", keys: ["segment_no"]),
        Place(table: "segment_line_document", keys: ["segment_no", "line_no"]),
        Place(table: "logged_segment_document", keys: ["entry_no"]),
        Place(table: "logged_segment_line_document", keys: ["entry_no", "line_no"]),
    ]

    /// Gives a hash to the documents stored before hashes were kept (migration 0010), `batch` at a time:
    /// each batch is read in one read, hashed outside any transaction, then stamped in one short write that
    /// leaves a row alone if its bytes changed meanwhile (whoever changed them stamped the new hash). Run
    /// once at start-up, after the migrations; it reads nothing when every document has its hash. Returns
    /// how many it stamped.
    static func fill(store: Store, batch: Int = 50) async throws(RapportError) -> Int {
        var stamped = 0
        for place in places {
            while true {
                let rows = try await store.read { connection in
                    try connection.query(
                        "SELECT \(place.keys.joined(separator: ", ")), docx FROM \(place.table) WHERE sha256 IS NULL "
                            + "LIMIT \(batch)", []
                    ).compactMap { row -> (keys: [SQLValue], docx: [UInt8])? in
                        guard case .blob(let docx) = row["docx"] else { return nil }
                        return (place.keys.map { row[$0] }, docx)
                    }
                }
                guard !rows.isEmpty else { break }
                let hashed = rows.map { (row: $0, sha256: hex($0.docx)) }
                let count = try await store.write("hash stored documents") { connection in
                    var count = 0
                    for item in hashed {
                        let keys = place.keys.map { "\($0) = ?" }.joined(separator: " AND ")
                        count += try connection.execute(
                            "UPDATE \(place.table) SET sha256 = ? WHERE \(keys) AND sha256 IS NULL AND docx = ?",
                            [.text(item.sha256)] + item.row.keys + [.blob(item.row.docx)])
                    }
                    return count
                }
                stamped += count
                // A batch whose rows all changed meanwhile was stamped by their writers; one that stamped
                // nothing and changed nothing would come back the same, so stop rather than loop.
                if count == 0 { break }
            }
        }
        return stamped
    }
}

/// The one-time upkeep of documents stored before their hashes were kept: run after the migrations, so
/// that Log and single interactions find every document's hash and never hash on their own path.
public enum LegacyDocumentHashes {
    /// Stamps the missing hashes; returns how many documents it hashed (none, once done).
    @discardableResult
    public static func fill(store: Store) async throws(RapportError) -> Int {
        try await DocumentHash.fill(store: store)
    }
}
