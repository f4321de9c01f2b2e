import Foundation
import RapportCore

/// Looking after the interaction log once it is written (BC §5.3): evaluations, descriptions and comments
/// changed later, canceled entries deleted, campaign entries canceled and deleted with their entries. Every
/// change is stamped with who made it and when.
public struct InteractionLogUpkeep: Sendable {
    let store: Store
    let clock: @Sendable () -> Date

    public init(store: Store, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    static let entries = ResourceTable(Catalog.interactionLogEntries)
    static let campaignEntries = ResourceTable(Catalog.campaignEntries)

    /// Changes an entry's evaluation, description or comment lines.
    public func change(
        _ entryNo: InteractionLogEntry.EntryNo, _ change: EntryChange, by user: ActingUser
    ) async throws(RapportError) -> Record {
        let now = clock()
        return try await store.write("change interaction log entry") { connection in
            let stamp = (date: try SegmentHeaderRules.today(connection, now: now), time: StoredTime.text(now))
            let key = String(entryNo.value)
            guard let entry = try Self.entries.fetch(key, connection) else {
                throw RapportError.notFound("Interaction log entry", key)
            }
            if change.evaluation != nil || change.description != nil {
                // A Log's version shows these fields: it keeps them as they were logged.
                try SegmentVersionEntries.materialise(
                    entries: "SELECT entry_no FROM interaction_log_entry WHERE entry_no = ?", [.integer(entryNo.value)],
                    connection)
            }
            if let evaluation = change.evaluation {
                try connection.execute(
                    "UPDATE interaction_log_entry SET evaluation = ? WHERE entry_no = ?",
                    [evaluation.map { .text($0.rawValue) } ?? .null, .integer(entryNo.value)])
            }
            if let description = change.description {
                try connection.execute(
                    "UPDATE interaction_log_entry SET description = ? WHERE entry_no = ?",
                    [.text(description), .integer(entryNo.value)])
            }
            if let comments = change.comments {
                try Self.replaceComments(entry, with: comments, user: user, date: stamp.date, connection)
            }
            try Self.stampEntries("entry_no = ?", [.integer(entryNo.value)], user: user, at: stamp.time, connection)
            let changed = try ResourceService.reread(key, Self.entries, connection)
            var (old, new) = (entry, changed)
            for stamp in ["modifiedBy", "modifiedAt"] { (old[stamp], new[stamp]) = (.null, .null) }
            try AuditTrail.record(
                .update, Catalog.interactionLogEntries, key: key, old: old, new: new, by: user, connection)
            return changed
        }
    }

    /// BC's Delete Canceled Interaction Log Entries: the canceled entries matching `filters` (list filter
    /// expressions over entry fields) go, with their comments and documents. Returns how many.
    public func deleteCanceled(
        filters: [(field: String, expression: String)], by user: ActingUser
    ) async throws(RapportError) -> Int {
        let conditions = try ResourceFilter.conditions(
            filters, spec: Catalog.interactionLogEntries, dialect: store.dialect)
        return try await store.write("delete canceled interaction log entries") { connection in
            let condition = SegmentFilterSQL.and([SQLFragment("t.canceled = 1")] + conditions)
            let selected = "SELECT t.entry_no FROM interaction_log_entry t WHERE \(condition.sql)"
            try Self.auditDeletion(
                where: selected, condition.binds, resource: Catalog.interactionLogEntries.path, by: user, connection)
            return try Self.deleteEntries(where: selected, condition.binds, connection)
        }
    }

    /// Cancels or un-cancels a campaign entry; its interaction log entries follow. Un-cancelling is refused
    /// while its logged segment is canceled.
    public func cancelCampaignEntry(
        _ entryNo: Number<CampaignEntryKey>, canceled: Bool, by user: ActingUser
    ) async throws(RapportError) -> Record {
        let time = StoredTime.text(clock())
        return try await store.write("cancel campaign entry") { connection in
            let key = String(entryNo.value)
            guard let entry = try Self.campaignEntries.fetch(key, connection) else {
                throw RapportError.notFound("Campaign entry", key)
            }
            if !canceled, let register = entry["registerNo"].intValue,
                try connection.exists(
                    "SELECT 1 FROM logged_segment WHERE entry_no = ? AND canceled = 1", [.integer(register)])
            {
                throw RapportError(
                    .conflict, "Campaign entry \(key) belongs to canceled logged segment \(register); un-cancel that.",
                    field: "canceled")
            }
            if entry.isTrue("canceled") != canceled {
                try AuditTrail.record(
                    canceled ? .cancel : .update, Catalog.campaignEntries.path, key: key,
                    changes: [AuditChange("canceled", old: .bool(!canceled), new: .bool(canceled))], by: user,
                    connection)
            }
            let flag = SQLValue.integer(canceled ? 1 : 0)
            let by: [SQLValue] = [.text(user.userId), .text(time)]
            try connection.execute(
                "UPDATE campaign_entry SET canceled = ?, modified_by = ?, modified_at = ? WHERE entry_no = ?",
                [flag] + by + [.integer(entryNo.value)])
            let entries = SQLFragment("e.campaign_entry_no = ?", [.integer(entryNo.value)])
            try LogCounters.retract(entries, connection)
            try connection.execute(
                "UPDATE interaction_log_entry SET canceled = ?, modified_by = ?, modified_at = ? WHERE campaign_entry_no = ?",
                [flag] + by + [.integer(entryNo.value)])
            try LogCounters.add(entries, connection)
            return try ResourceService.reread(key, Self.campaignEntries, connection)
        }
    }

    /// Deletes a canceled campaign entry with its interaction log entries (409 while it is not canceled).
    public func deleteCampaignEntry(
        _ entryNo: Number<CampaignEntryKey>, by user: ActingUser
    ) async throws(RapportError) {
        try await store.write("delete campaign entry") { connection in
            let key = String(entryNo.value)
            guard let entry = try Self.campaignEntries.fetch(key, connection) else {
                throw RapportError.notFound("Campaign entry", key)
            }
            guard entry.isTrue("canceled") else {
                throw RapportError(
                    .conflict, "Campaign entry \(key) is not canceled; cancel it first.", field: "canceled")
            }
            let entries = "SELECT entry_no FROM interaction_log_entry WHERE campaign_entry_no = ?"
            try Self.auditDeletion(
                where: entries, [.integer(entryNo.value)], resource: Catalog.interactionLogEntries.path, by: user,
                connection)
            try AuditTrail.record(
                .delete, Catalog.campaignEntries, key: key, old: entry, new: nil, by: user, connection)
            _ = try Self.deleteEntries(where: entries, [.integer(entryNo.value)], connection)
            try connection.execute("DELETE FROM campaign_entry WHERE entry_no = ?", [.integer(entryNo.value)])
        }
    }
}

/// The key space of campaign entries (numbered by the database).
public enum CampaignEntryKey {}

extension InteractionLogUpkeep {
    static func stampEntries(
        _ condition: String, _ binds: [SQLValue], user: ActingUser, at time: String, _ connection: any SQLConnection
    ) throws {
        try connection.execute(
            "UPDATE interaction_log_entry SET modified_by = ?, modified_at = ? WHERE \(condition)",
            [.text(user.userId), .text(time)] + binds)
    }

    /// One audit entry per deleted interaction log entry, with what it was.
    static func auditDeletion(
        where selected: String, _ binds: [SQLValue], resource: String, by user: ActingUser,
        _ connection: any SQLConnection
    ) throws {
        // One read of every entry to delete (with its comments), not one query per entry.
        let deleted = try entries.list(
            where: [SQLFragment("t.entry_no IN (\(selected))", binds)], afterKey: nil, limit: Int(Int32.max), connection
        )
        for entry in deleted {
            try AuditTrail.record(
                .delete, Catalog.interactionLogEntries, key: entries.keyText(entry), old: entry, new: nil, by: user,
                connection)
        }
    }

    /// Deletes the entries `selected` returns (a query of entry numbers) with what hangs off them, and the
    /// frozen documents no remaining entry uses.
    static func deleteEntries(
        where selected: String, _ binds: [SQLValue], _ connection: any SQLConnection
    ) throws -> Int {
        try SegmentVersionEntries.materialise(entries: selected, binds, connection)
        for table in ["entry_document", "entry_template_document", "interaction_comment"] {
            try connection.execute("DELETE FROM \(table) WHERE entry_no IN (\(selected))", binds)
        }
        let documents = try connection.query(
            "SELECT DISTINCT document_sha256 FROM interaction_log_entry "
                + "WHERE entry_no IN (\(selected)) AND document_sha256 IS NOT NULL", binds
        ).map { $0["document_sha256"] }
        try LogCounters.retract(SQLFragment("e.entry_no IN (\(selected))", binds), connection)
        let deleted = try connection.execute(
            "DELETE FROM interaction_log_entry WHERE entry_no IN (\(selected))", binds)
        for sha256 in documents {
            try connection.execute(
                """
                DELETE FROM document_blob WHERE sha256 = ?
                  AND NOT EXISTS (SELECT 1 FROM interaction_log_entry e WHERE e.document_sha256 = ?)
                """, [sha256, sha256])
        }
        return deleted
    }

    /// Replaces the comment lines; a line whose text is unchanged keeps its user and date.
    static func replaceComments(
        _ entry: Record, with texts: [String], user: ActingUser, date: String, _ connection: any SQLConnection
    ) throws {
        let entryNo = entry["entryNo"]
        let existing = entry.children["comments"] ?? []
        try connection.execute("DELETE FROM interaction_comment WHERE entry_no = ?", [entryNo])
        for (index, text) in texts.enumerated() {
            let kept = index < existing.count && existing[index]["text"]?.textValue == text ? existing[index] : nil
            try connection.execute(
                "INSERT INTO interaction_comment (entry_no, line_no, text, user_id, date) VALUES (?, ?, ?, ?, ?)",
                [
                    entryNo, .integer(Int64(index + 1) * 10_000), .text(text),
                    kept?["userId"] ?? .text(user.userId), kept?["date"] ?? .text(date),
                ])
        }
    }
}
