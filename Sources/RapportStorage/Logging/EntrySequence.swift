import RapportCore

/// Entry numbers from counters that only grow, so a number is never issued twice (BC's sequence for
/// interaction log entries; last + 1 for the others, kept here so deletions do not free numbers).
enum EntrySequence {
    /// Reserves `count` numbers of `name`; returns the last number before them (the first is that + 1).
    static func reserve(_ name: String, count: Int, _ connection: any SQLConnection) throws -> Int64 {
        let last =
            try connection.scalar("SELECT last_value FROM entry_sequence WHERE name = ?", [.text(name)])?
            .intValue ?? 0
        if count > 0 {
            try connection.execute(
                "UPDATE entry_sequence SET last_value = ? WHERE name = ?", [.integer(last + Int64(count)), .text(name)])
        }
        return last
    }
}
