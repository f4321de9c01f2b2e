import RapportCore

/// Entry numbers from counters that only grow, so a number is never issued twice (BC's sequence for
/// interaction log entries; last + 1 for the others, kept here so deletions do not free numbers).
enum EntrySequence {
    /// Reserves `count` numbers of `name`; returns the last number before them (the first is that + 1).
    static func reserve(_ name: String, count: Int, _ connection: any SQLConnection) throws -> Int64 {
        let last = try last(name, connection)
        try advance(name, from: last, by: count, connection)
        return last
    }

    /// The last number of `name` issued so far: for a write that numbers its rows from it before it knows how many
    /// there are, then `advance`s past them in the same transaction, where the write lock keeps anyone else from
    /// numbering in between.
    static func last(_ name: String, _ connection: any SQLConnection) throws -> Int64 {
        try connection.scalar("SELECT last_value FROM entry_sequence WHERE name = ?", [.text(name)])?.intValue ?? 0
    }

    /// Records the `count` numbers after `last` as issued.
    static func advance(_ name: String, from last: Int64, by count: Int, _ connection: any SQLConnection) throws {
        guard count > 0 else { return }
        try connection.execute(
            "UPDATE entry_sequence SET last_value = ? WHERE name = ?", [.integer(last + Int64(count)), .text(name)])
    }
}
