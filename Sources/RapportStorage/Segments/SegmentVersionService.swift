import Foundation
import RapportCore

/// Versions of a segment's membership: frozen on demand and by every Log (in the Log's transaction),
/// listed, read page by page, and compared with each other or with the segment as it is now.
public struct SegmentVersionService: Sendable {
    let store: Store
    let clock: @Sendable () -> Date

    public init(store: Store, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// Freezes the membership now.
    public func freeze(_ segmentNo: Segment.No, by user: ActingUser) async throws(RapportError) -> SegmentVersion {
        let now = clock()
        return try await store.write("freeze segment version") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            return try Self.freeze(key, reason: .manual, at: now, by: user, connection)
        }
    }

    /// The segment's versions, oldest first; they outlive the segment once it is logged.
    public func versions(_ segmentNo: Segment.No) async throws(RapportError) -> [SegmentVersion] {
        try await store.read { connection in
            let versions = try connection.query(
                "SELECT * FROM segment_version WHERE segment_no = ? ORDER BY version", [.text(segmentNo.text)]
            ).map(Self.version)
            if versions.isEmpty { _ = try SegmentService.requireSegment(segmentNo, connection) }
            return versions
        }
    }

    /// One version and a page of its lines in line order (`limit` and `cursor` as every list; no filters).
    public func version(
        _ segmentNo: Segment.No, _ version: Int64, page: ListQuery
    ) async throws(RapportError) -> (version: SegmentVersion, lines: Page<SegmentVersionLine>) {
        if let filter = page.filters.first {
            throw RapportError.validation(
                filter.field, "A version's lines cannot be filtered; compare versions instead.")
        }
        let cursor = page.afterKey.flatMap { Int64($0) } ?? 0
        let limit = page.limit
        return try await store.read { connection in
            let header = try Self.requireVersion(segmentNo.text, version, connection)
            let actions = try SegmentVersionSQL.actions(of: .version(version), segmentNo.text, connection)
            let source = try SegmentVersionEntries.lines(segmentNo.text, version, connection)
            let rows = try connection.query(
                "SELECT \(SegmentVersionSQL.columns) FROM \(source.sql) WHERE line_no > ? ORDER BY entry_order LIMIT ?",
                source.binds + [.integer(cursor), .integer(Int64(limit) + 1)])
            let lines = rows.prefix(limit).map { SegmentVersionSQL.line($0, actions: actions) }
            let next =
                rows.count > limit ? lines.last.map { Cursor.encode(String($0.fields["lineNo"].intValue ?? 0)) } : nil
            return (header, Page(items: lines, nextCursor: next))
        }
    }

    /// What changed from one side to the other, contacts matched in line order (a contact on a segment
    /// twice is matched with its first line, then its second).
    public func diff(
        _ segmentNo: Segment.No, from: SegmentVersion.Side, to: SegmentVersion.Side
    ) async throws(RapportError) -> SegmentDiff {
        try await store.read { connection in
            let key = segmentNo.text
            for side in [from, to] {
                if case .version(let number) = side { _ = try Self.requireVersion(key, number, connection) }
                if side == .current { _ = try SegmentService.requireSegment(segmentNo, connection) }
            }
            let old = try SegmentVersionSQL.lines(of: from, key, connection)
            let new = try SegmentVersionSQL.lines(of: to, key, connection)
            let removedBy = try SegmentVersionSQL.removingActions(key, after: old.lastAction, connection)
            return SegmentDiff.between(old: old.lines, new: new.lines, removedBy: removedBy)
        }
    }

    // MARK: - Inside a transaction

    /// Copies the lines and criteria actions of segment `key` into its next version; a Log's version names
    /// the range of `entries` it wrote instead of copying the lines (`SegmentVersionEntries`).
    static func freeze(
        _ key: String, reason: SegmentVersion.Reason, at now: Date, by user: ActingUser,
        entries: ClosedRange<Int64>? = nil, _ connection: any SQLConnection
    ) throws -> SegmentVersion {
        let number =
            try connection.scalar(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM segment_version WHERE segment_no = ?", [.text(key)])?
            .intValue ?? 1
        let lines = try entries.map { Int64($0.count) } ?? ComputedColumns.noOfLines(key, connection)
        try connection.execute(
            "INSERT INTO segment_version (segment_no, version, created_at, user_id, reason, no_of_lines, "
                + "first_entry_no, last_entry_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(key), .integer(number), .text(StoredTime.text(now)), .text(user.userId),
                .text(reason.rawValue), .integer(lines), entries.map { .integer($0.lowerBound) } ?? .null,
                entries.map { .integer($0.upperBound) } ?? .null,
            ])
        if entries == nil {
            let columns = (["line_no"] + SegmentLineSQL.columns).joined(separator: ", ")
            try connection.execute(
                "INSERT INTO segment_version_line (segment_no, version, \(columns)) "
                    + "SELECT segment_no, ?, \(columns) FROM segment_line WHERE segment_no = ?",
                [.integer(number), .text(key)])
        }
        let actionColumns = [
            "action_no", "action", "allow_existing_contacts", "expand_companies", "allow_related_companies",
            "ignore_exclusion", "entire_companies", "filters", "text",
        ].joined(separator: ", ")
        try connection.execute(
            "INSERT INTO segment_version_action (segment_no, version, \(actionColumns)) "
                + "SELECT segment_no, ?, \(actionColumns) FROM segment_criteria_action WHERE segment_no = ?",
            [.integer(number), .text(key)])
        return SegmentVersion(
            segmentNo: Segment.No(key), version: number, createdAt: now, userId: user.userId, noOfLines: lines,
            reason: reason)
    }

    /// Removes a segment's versions (when the segment itself is deleted, not when it is logged).
    static func deleteVersions(of key: String, _ connection: any SQLConnection) throws {
        try connection.execute("DELETE FROM segment_version WHERE segment_no = ?", [.text(key)])
    }

    private static func requireVersion(
        _ key: String, _ version: Int64, _ connection: any SQLConnection
    ) throws -> SegmentVersion {
        guard
            let row = try connection.query(
                "SELECT * FROM segment_version WHERE segment_no = ? AND version = ?", [.text(key), .integer(version)]
            ).first
        else { throw RapportError.notFound("Version of segment \(key)", String(version)) }
        return Self.version(row)
    }

    private static func version(_ row: SQLRow) -> SegmentVersion {
        SegmentVersion(
            segmentNo: Segment.No(row.text("segment_no")), version: row.int("version"),
            createdAt: StoredTime.date(row.text("created_at")),
            userId: row.text("user_id"), noOfLines: row.int("no_of_lines"),
            reason: SegmentVersion.Reason(rawValue: row.text("reason")) ?? .manual)
    }
}
