import Foundation
import RapportCore

/// Log (BC §5.2): one transaction that turns a segment into a logged segment, one interaction log
/// entry per line, one campaign entry per campaign, and optionally a follow-up segment. Set-based:
/// a few `INSERT ... SELECT` statements whatever the segment's size.
public struct SegmentLogger: Sendable {
    let store: Store
    let clock: @Sendable () -> Date

    public init(store: Store, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// What a Log did.
    public struct Outcome: Sendable {
        public var loggedSegmentEntryNo: Int64
        public var interactionsLogged: Int
        public var campaignEntriesCreated: Int
        public var followUpSegmentNo: Segment.No?
        public var warnings: [Problem]
        public var queued: Int
    }

    /// What Log would refuse (problems) and what it would only warn about, changing nothing.
    public func check(_ segmentNo: Segment.No, send: Bool) async throws(RapportError) -> LogCheckResult {
        try await store.read { connection in
            let key = try Self.requireLoggable(segmentNo, connection)
            let check = try LogCheck.run(segmentNo: key, send: send, connection)
            return LogCheckResult(problems: check.problems, warnings: check.warnings)
        }
    }

    /// Logs the segment; with `send`, its deliveries are queued, to start at `sendAt` when given (e-mails then
    /// go at the pace of setup's rate limits).
    public func log(
        _ segmentNo: Segment.No, send: Bool, createFollowUp: Bool, sendAt: Date? = nil, by user: ActingUser
    )
        async throws(RapportError) -> Outcome
    {
        let today = clock()
        return try await store.write("log segment", withSnapshotReader: true) { connection in
            let key = try Self.requireLoggable(segmentNo, connection)
            // A dynamic segment is logged as it stands now: changes since its last refresh are taken in first.
            let dynamic = try SegmentRefreshService.isDynamic(key, connection)
            if dynamic { _ = try SegmentRefreshService.refresh(key, full: false, now: today, connection) }
            // The check reads every line with its contact, which on PostgreSQL is a quarter of a Log. Given a reader
            // of its own (`SQLConnection.snapshotReader`), it runs there, in a server process beside the one writing
            // the entries, and Log waits for its answer once they are written: before it changes anything the check
            // reads (the lines go further on), and before it commits; refused, it rolls back what it wrote. The
            // check sees what this write sees: nothing here changes the lines, contacts or documents before it is
            // answered, and the write lock keeps everyone else from changing them. A refresh has changed them in
            // this transaction, which another connection does not see: the check of a dynamic segment runs here,
            // first, as it does wherever there is no reader to give.
            let reader = dynamic ? connection : try connection.snapshotReader()
            let pending = try LogCheck.start(segmentNo: key, send: send, reader)
            let early = reader === connection ? try pending.finish() : nil
            if let early, !early.isOK { throw early.refusal }
            let withCampaigns = try early.map { $0.linesWithCampaign > 0 } ?? Self.hasCampaigns(key, connection)
            let date = try SegmentHeaderRules.today(connection, now: today)
            let entryNo = try Self.insertLoggedSegment(key, date: date, user: user, connection)
            let campaigns =
                withCampaigns ? try Self.insertCampaignEntries(key, loggedSegment: entryNo, user: user, connection) : 0
            let sources = try LogSources.resolve(key, withEmailBodies: send, connection)
            let entries = try Self.insertEntries(
                key, loggedSegment: entryNo, send: send, sources: sources, campaigns: campaigns > 0, user: user,
                connection)
            let check = try early ?? pending.finish()
            guard check.isOK else { throw check.refusal }
            // Without Send only: with it, such lines are problems.
            if check.linesWithoutAddress > 0 { try Self.clearTypesWithoutAddress(loggedSegment: entryNo, connection) }
            let logged = entries.count
            try LogCounters.addLoggedRun(entryNo, entries: logged, sends: send, connection)
            try Self.keepDocuments(key, loggedSegment: entryNo, connection)
            let version = try SegmentVersionService.freeze(
                key, reason: .log, at: today, by: user,
                entries: logged > 0 ? entries.first...(entries.first + Int64(logged) - 1) : nil, connection)
            try LogRollbackSQL.keep(key, loggedSegment: entryNo, version: version.version, connection)
            try Self.deleteWorksheet(key, connection)
            var followUp: String?
            if createFollowUp {
                followUp = try FollowUp.create(from: entryNo, copyInteraction: false, by: user, connection)
                // Remembered so that a rollback of this run takes the follow-up segment away too.
                try connection.execute(
                    "UPDATE logged_segment SET follow_up_segment_no = ? WHERE entry_no = ?",
                    [.text(followUp ?? ""), .integer(entryNo)])
            }
            if send { try DeliveryQueue.schedule(loggedSegment: entryNo, at: sendAt, now: today, connection) }
            // The counters just counted the run's pending deliveries.
            let queued = Int(
                try connection.scalar(
                    "SELECT deliveries_pending FROM logged_segment WHERE entry_no = ?", [.integer(entryNo)])?.intValue
                    ?? 0)
            return Outcome(
                loggedSegmentEntryNo: entryNo, interactionsLogged: logged, campaignEntriesCreated: campaigns,
                followUpSegmentNo: followUp.map { Segment.No($0) }, warnings: check.warnings, queued: queued)
        }
    }

    /// The segment's number, or 409 `already_logged` when it is gone because it was logged (the loser of
    /// two racing Logs lands here), or 404.
    static func requireLoggable(_ segmentNo: Segment.No, _ connection: any SQLConnection) throws -> String {
        let key = segmentNo.text
        if try connection.exists("SELECT 1 FROM logged_segment WHERE segment_no = ?", [.text(key)]) {
            throw RapportError(.alreadyLogged, "Segment \(key) has already been logged.", field: "no")
        }
        return try SegmentService.requireSegment(segmentNo, connection)
    }

    static func insertLoggedSegment(
        _ segmentNo: String, date: String, user: ActingUser, _ connection: any SQLConnection
    )
        throws -> Int64
    {
        let entryNo = try EntrySequence.reserve("logged_segment", count: 1, connection) + 1
        let columns = Catalog.loggedInteractionFields.map(\.column).joined(separator: ", ")
        try connection.execute(
            """
            INSERT INTO logged_segment (entry_no, segment_no, description, creation_date, user_id, \(columns))
            SELECT ?, no, description, ?, ?, \(columns) FROM segment_header WHERE no = ?
            """, [.integer(entryNo), .text(date), .text(user.userId), .text(segmentNo)])
        return entryNo
    }

    /// Whether any line names a campaign: an index of those lines alone answers (migration 0029).
    static func hasCampaigns(_ segmentNo: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.exists(
            "SELECT 1 FROM segment_line WHERE segment_no = ? AND campaign_no IS NOT NULL", [.text(segmentNo)])
    }

    /// An e-mail line whose contact has no address is logged with a blank correspondence type (BC §3.5), and the
    /// entry remembers the line's. The entries were written with their lines' types and counted: those changed
    /// here are taken out of the counters and counted again, as any change to an entry's counted fields is.
    static func clearTypesWithoutAddress(loggedSegment: Int64, _ connection: any SQLConnection) throws {
        let affected = SQLFragment(
            "e.logged_segment_entry_no = ? AND e.correspondence_type = 'email' "
                + "AND EXISTS (SELECT 1 FROM contact t WHERE t.no = e.contact_no AND t.email = '')",
            [.integer(loggedSegment)])
        try LogCounters.retract(affected, connection)
        try connection.execute(
            "UPDATE interaction_log_entry SET correspondence_type = NULL, line_correspondence_type = 'email' "
                + "WHERE entry_no IN (SELECT e.entry_no FROM interaction_log_entry e WHERE \(affected.sql))",
            affected.binds)
        try LogCounters.add(
            SQLFragment(
                "e.logged_segment_entry_no = ? AND e.line_correspondence_type = 'email'", [.integer(loggedSegment)]),
            connection)
    }

    /// One campaign entry per campaign on the lines (BC §5.2 step 4).
    static func insertCampaignEntries(
        _ segmentNo: String, loggedSegment: Int64, user: ActingUser, _ connection: any SQLConnection
    ) throws -> Int {
        let count = Int(
            try connection.scalar(
                "SELECT COUNT(DISTINCT campaign_no) FROM segment_line WHERE segment_no = ? AND campaign_no IS NOT NULL",
                [.text(segmentNo)])?.intValue ?? 0)
        guard count > 0 else { return 0 }
        let base = try EntrySequence.reserve("campaign_entry", count: count, connection)
        return try connection.execute(
            """
            INSERT INTO campaign_entry (entry_no, campaign_no, description, date, segment_no, register_no,
              salesperson_code, user_id)
            SELECT ? + ROW_NUMBER() OVER (ORDER BY c.campaign_no), c.campaign_no, h.description, c.date, h.no, ?,
              c.salesperson_code, ?
            FROM (SELECT campaign_no, MIN(date) AS date, MIN(salesperson_code) AS salesperson_code
                  FROM segment_line WHERE segment_no = ? AND campaign_no IS NOT NULL GROUP BY campaign_no) c
            JOIN segment_header h ON h.no = ?
            """,
            [.integer(base), .integer(loggedSegment), .text(user.userId), .text(segmentNo), .text(segmentNo)])
    }

    /// One entry per line, numbered in line order. An e-mail line whose contact has no address is logged
    /// with a blank correspondence type (BC §3.5); with `send`, entries to deliver start `pending`. Each
    /// entry pins, in the same statement, the document its line merges and, when it is an e-mail to deliver,
    /// the e-mail body (both by SHA-256, resolved beforehand in `sources`, stored by `LogSources.writeEntries`),
    /// and a snapshot of its merge values, so the whole segment costs one `INSERT ... SELECT` however many lines
    /// it has. Only entries with something to merge (a document, or an e-mail to deliver) pay for the snapshot, a
    /// subquery evaluated for them alone: it is the costliest part of the statement, and a segment of plain records
    /// needs none.
    /// The campaign entries are read only when the lines have campaigns. An e-mail line's entry keeps its
    /// correspondence type here even when its contact has no address (`clearTypesWithoutAddress` takes it away
    /// afterwards, in the rare Log that needs it), so that no contact is read. The entries are counted into their days
    /// (`LogCounters.days`) in the same statement on PostgreSQL, from the rows the `INSERT` returns, instead of
    /// reading 100,000 new entries back; SQLite, which has no `INSERT` in a `WITH`, reads them back.
    static func insertEntries(
        _ segmentNo: String, loggedSegment: Int64, send: Bool, sources: LogSources, campaigns: Bool,
        user: ActingUser, _ connection: any SQLConnection
    ) throws -> (first: Int64, count: Int) {
        // Numbered from the last entry, and the sequence moved past them once they are counted.
        let base = try EntrySequence.last("interaction_log_entry", connection)
        let status = send ? "CASE WHEN l.correspondence_type IS NULL THEN NULL ELSE 'pending' END" : "NULL"
        let emailBody = sources.pinnedEmailBody(send: send)
        let snapshot = MergeSnapshot.subquery(segmentNo: "l.segment_no", dialect: connection.dialect)
        let needsSnapshot =
            send ? "l.frozen_sha256 IS NOT NULL OR l.correspondence_type = 'email'" : "l.frozen_sha256 IS NOT NULL"
        let insert = SQLFragment(
            """
            INSERT INTO interaction_log_entry (entry_no, contact_no, contact_company_no, date, description, subject,
              information_flow, initiated_by, cost, duration, user_id, interaction_group_code, interaction_template_code,
              interaction_language_code, campaign_no, campaign_entry_no, campaign_target, campaign_response, segment_no,
              logged_segment_entry_no, evaluation, salesperson_code, correspondence_type, delivery_status,
              send_word_doc_as_attachment, document_sha256, has_document, email_body_sha256, merge_snapshot, line_no,
              added_by_action_no, line_document, line_correspondence_type)
            SELECT ? + ROW_NUMBER() OVER (ORDER BY l.line_no), l.contact_no, l.contact_company_no, l.date,
              l.description, l.subject, l.information_flow, l.initiated_by, l.cost, l.duration, ?,
              l.interaction_group_code, l.interaction_template_code, l.language_code, l.campaign_no,
              \(campaigns ? "ce.entry_no" : "NULL"),
              l.campaign_target, l.campaign_response, l.segment_no, ?, l.evaluation, l.salesperson_code,
              l.correspondence_type, \(status), l.send_word_doc_as_attachment, l.frozen_sha256,
              CASE WHEN l.frozen_sha256 IS NULL THEN 0 ELSE 1 END, \(emailBody.sql),
              CASE WHEN \(needsSnapshot) THEN \(snapshot) END, l.line_no, l.added_by_action_no, l.document, NULL
            FROM (SELECT l.*, \(sources.document.sql) AS frozen_sha256 FROM segment_line l
                  \(sources.lineDocumentJoin ?? "") WHERE l.segment_no = ?) l
            \(campaigns ? "LEFT JOIN campaign_entry ce ON ce.register_no = ? AND ce.campaign_no = l.campaign_no" : "")
            \(insertionOrder(connection.dialect))
            """,
            [.integer(base), .text(user.userId), .integer(loggedSegment)] + emailBody.binds + sources.document.binds
                + [.text(segmentNo)] + (campaigns ? [.integer(loggedSegment)] : []))
        // PostgreSQL counts the days from the rows the INSERT returns, in its statement; SQLite reads them back.
        let days = LogCounters.days(from: "e", SQLFragment("1 = 1"), sign: "+", .postgres)
        let logged = try sources.writeEntries(
            insert, returning: LogCounters.dayColumns, postgresAlso: [days], connection)
        if connection.dialect != .postgres, logged > 0 {
            try LogCounters.addDays(
                SQLFragment("e.entry_no BETWEEN ? AND ?", [.integer(base + 1), .integer(base + Int64(logged))]),
                sign: "+", connection)
        }
        try EntrySequence.advance("interaction_log_entry", from: base, by: logged, connection)
        return (base + 1, logged)
    }

    /// The order PostgreSQL writes the entries in (their numbers still follow the lines): by contact, so the
    /// per-row check of the contact foreign key and the contact indexes' inserts walk the contacts in
    /// order instead of jumping about them in line order (company name first), which cost a fifth more on
    /// the 1M bench's 100,000-line Log. SQLite keeps the entries in their number's b-tree, where any other
    /// order would only add a sort.
    static func insertionOrder(_ dialect: SQLDialect) -> String {
        dialect == .postgres ? "ORDER BY l.contact_no" : ""
    }
}

/// The log check's answer: Log goes ahead only when there are no problems.
public struct LogCheckResult: Sendable, Equatable {
    public var problems: [Problem]
    public var warnings: [Problem]

    public var isOK: Bool { problems.isEmpty }
}
