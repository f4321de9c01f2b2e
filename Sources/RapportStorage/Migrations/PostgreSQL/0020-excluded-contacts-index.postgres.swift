extension PostgresMigrations {
    /// The preview of Add Contacts counts the candidates a filter picks that are excluded from segments. The
    /// few excluded contacts (a few percent) get an index of their own, so that count reads a small index
    /// instead of every candidate's contact row.
    static let excludedContactsIndex = Migration(
        name: "0020-excluded-contacts-index",
        sql: #"""
            -- statement
            CREATE INDEX contact_excluded ON contact (no, exclude_from_segment) WHERE exclude_from_segment = 1;
            """#)
}
