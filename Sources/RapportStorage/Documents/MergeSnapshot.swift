import RapportCore

/// The merge values of an entry's contact and line as they were at Log, kept on the entry
/// (`merge_snapshot`) so its document can be merged again, identically, however the contact, the
/// salesperson or setup change afterwards.
///
/// The encoding is written by SQL, set-based, in the statement that inserts the entries: `1;` then, for
/// each name of `columns` in order, the value's length in Unicode scalars, `:`, and the value (length and
/// value both blank for NULL). Lengths rather than separators, so no value needs escaping; SQLite and PostgreSQL both count
/// `length()` in Unicode scalars.
enum MergeSnapshot {
    static let version = "1;"

    /// The values kept, by the names `MergeData.fields` reads, and the SQL that reads each over the line
    /// (alias `l`), its contact (`t`), the contact's company (`co`), the salesperson (`sp`) and setup (`ci`).
    /// `segmentNo` is the SQL for the document's segment number. Never reorder: append.
    static func columns(segmentNo: String) -> [(name: String, sql: String)] {
        let contact = [
            "no", "type", "name", "first_name", "middle_name", "surname", "job_title", "address", "address2",
            "post_code", "city", "county", "country_region_code", "phone_no", "mobile_phone_no", "email",
            "language_code",
        ].map { (name: $0, sql: "t.\($0)") }
        let salesperson = ["code", "name", "job_title", "phone_no", "email"].map {
            (name: "sp_\($0)", sql: "sp.\($0)")
        }
        let company = [
            "name", "address", "address2", "post_code", "city", "phone_no", "email", "vat_registration_no",
        ].map { (name: "company_information_\($0)", sql: "ci.company_information_\($0)") }
        return contact + [("company_name", "co.name")] + salesperson
            + [("formal", salutation("formal")), ("informal", salutation("informal"))]
            + [
                ("doc_date", "l.date"), ("doc_description", "l.description"), ("doc_subject", "l.subject"),
                ("segment_no", segmentNo), ("campaign_no", "l.campaign_no"),
            ] + company
    }

    /// The joins `columns` reads through, after `FROM segment_line l JOIN contact t ON t.no = l.contact_no`.
    static let joins = """
        LEFT JOIN contact co ON co.no = t.company_no
        LEFT JOIN salesperson sp ON sp.code = l.salesperson_code
        JOIN setup ci ON ci.id = 1
        LEFT JOIN salutation_formula sfl ON sfl.salutation_code = t.salutation_code
          AND sfl.language_code = COALESCE(t.language_code, '')
        LEFT JOIN salutation_formula sf0 ON sf0.salutation_code = t.salutation_code AND sf0.language_code = ''
        """

    /// The SQL expression that encodes a row's snapshot: `printf` (SQLite) or `format` (PostgreSQL) calls,
    /// one C function per chunk of values rather than a chain of `||`, which costs several times more per
    /// row. Both render NULL as blank for `%s`, so a NULL value and its NULL length read back as a blank
    /// value of length blank (0); chunks stay under both databases' 100-argument limit.
    static func sql(segmentNo: String, dialect: SQLDialect) -> String {
        let function = dialect == .sqlite ? "printf" : "format"
        let columns = columns(segmentNo: segmentNo)
        let chunks = stride(from: 0, to: columns.count, by: 24).map { start in
            let chunk = columns[start..<min(start + 24, columns.count)]
            let arguments = chunk.map { "length(\($0.sql)), \($0.sql)" }.joined(separator: ", ")
            return "\(function)('\(String(repeating: "%s:%s", count: chunk.count))', \(arguments))"
        }
        return "'\(version)' || " + chunks.joined(separator: " || ")
    }

    /// The snapshot of line `l` as a scalar subquery over its contact and the rest of `joins`: where it
    /// stands in a `CASE`, only the rows that need a snapshot pay for its look-ups.
    static func subquery(segmentNo: String, dialect: SQLDialect) -> String {
        "(SELECT \(sql(segmentNo: segmentNo, dialect: dialect)) FROM contact t \(joins) WHERE t.no = l.contact_no)"
    }

    /// The contact's salutation in its language, else the salutation's language-neutral one, else blank
    /// (through the joins `sfl` and `sf0`, read once per row).
    static func salutation(_ column: String) -> String {
        "COALESCE(sfl.\(column), sf0.\(column), '')"
    }

    /// The names of `columns`, in order: built once, as every letter delivered decodes a snapshot.
    static let names = columns(segmentNo: "").map(\.name)

    /// The values of an encoded snapshot by name, or nil when `text` is not one.
    static func decode(_ text: String) -> [String: String]? {
        guard text.hasPrefix(version) else { return nil }
        var text = text
        return text.withUTF8 { decode($0, from: version.utf8.count) }
    }

    /// Reads the values from the snapshot's UTF-8 bytes after the version. A length counts Unicode scalars: a
    /// scalar is a leading byte and the continuation bytes (`10xxxxxx`) after it, so the bytes are walked once,
    /// without decoding the scalars.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [String: String]? {
        var index = start
        var values: [String: String] = [:]
        values.reserveCapacity(names.count)
        for name in names {
            var length = 0
            while index < bytes.count, (48...57).contains(bytes[index]), length < 1 << 40 {
                length = length * 10 + Int(bytes[index] - 48)
                index += 1
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            let first = index
            var scalars = 0
            while scalars < length, index < bytes.count {
                index += 1
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
                scalars += 1
            }
            guard scalars == length else { return nil }
            values[name] = String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<index]), as: UTF8.self)
        }
        return index == bytes.count ? values : nil
    }

    /// The merge fields of entry `entryNo` from its snapshot, or nil when `text` is not one.
    static func fields(_ text: String, entryNo: Int64) -> MergeFields? {
        guard let values = decode(text) else { return nil }
        var fields = MergeData.fields { values[$0] ?? "" }
        fields.document.entryNo = String(entryNo)
        return fields
    }
}
