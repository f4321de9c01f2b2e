extension SQLiteMigrations {
    /// Nothing changes on SQLite: its foreign key from an interaction log entry to its contact is a look-up of the
    /// contact's primary key, row by row, with no lock to take (SQLite writes one transaction at a time), and costs
    /// little. PostgreSQL's migration of the same number checks the entries' contacts once per statement.
    static let entryContactsCheckedPerStatement = Migration(
        name: "0023-entry-contacts-checked-per-statement", sql: "")
}
