import RapportCore

extension AddPreview {
    /// Where the live count splits into two parts that run side by side on readers of their own, or nil to
    /// count in one piece.
    ///
    /// On SQLite one count runs on one core: the filter of the 1M bench (A) costs ~100 ms of seeks, so halves
    /// on two readers answer in about half the time. The split is the contact in the middle of the table's
    /// rowids (three seeks, whatever the size; MIN and MAX in one SELECT would scan the table, ~90 ms, as
    /// SQLite seeks only a lone MIN or MAX): every split point gives the same total, a middle one only
    /// balances the halves. Only where `maySplit`.
    static func splitPoint(_ connection: any SQLConnection) throws -> String? {
        try connection.query(
            """
            SELECT no FROM contact
            WHERE rowid >= ((SELECT MIN(rowid) FROM contact) + (SELECT MAX(rowid) FROM contact)) / 2
            ORDER BY rowid LIMIT 1
            """, []
        ).first?.text("no")
    }

    /// Whether a count of `action` on `dialect` may run in two parts. PostgreSQL splits a count across its own
    /// parallel workers, so it is not split here. Expansions build their sets whole in each part, so splitting
    /// them would double the work.
    static func maySplit(_ action: CriteriaAction, dialect: SQLDialect) -> Bool {
        dialect == .sqlite && !action.options.expandCompanies && !action.options.allowRelatedCompanies
    }

    /// The counts of the parts added up: they partition the candidates, so the sum is the whole's count.
    static func sum(_ parts: [ContactPreview]) -> ContactPreview {
        ContactPreview(
            kind: .add, count: parts.reduce(0) { $0 + $1.count }, sample: [],
            excludedFromSegment: parts.reduce(0) { $0 + $1.excludedFromSegment },
            alreadyInSegment: parts.reduce(0) { $0 + $1.alreadyInSegment })
    }
}
