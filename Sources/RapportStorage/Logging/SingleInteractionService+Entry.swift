import Foundation
import RapportCore

extension SingleInteractionService {
    /// Builds the interaction on a worksheet of its own, checks it as Log would, writes the entry (with its
    /// campaign entry and comments) and removes the worksheet, all inside the caller's transaction.
    static func record(
        _ interaction: SingleInteraction, with contactNo: String, by user: ActingUser, now: Date,
        _ connection: any SQLConnection
    ) throws -> Record {
        let worksheet = "~" + String(UUID().uuidString.prefix(12))
        try openWorksheet(worksheet, template: interaction.templateCode.text, by: user, now: now, connection)
        let lineNo = try SegmentLineService.insertLine(contactNo: contactNo, segmentNo: worksheet, connection)
        var line = try SegmentLineTable.require(worksheet, lineNo, connection)
        try SegmentLineService.applyOverrides(interaction.fields, to: &line, segmentNo: worksheet, connection)
        let check = try LogCheck.run(segmentNo: worksheet, send: interaction.send, connection)
        if let problem = check.problems.first(where: { $0.field != "noOfLines" }) {
            throw RapportError(.validationFailed, problem.message, field: problem.field)
        }
        let entryNo = try insertEntry(interaction, from: worksheet, lineNo: lineNo, by: user, now: now, connection)
        try connection.execute("DELETE FROM segment_header WHERE no = ?", [.text(worksheet)])
        return try ResourceService.reread(String(entryNo), InteractionLogUpkeep.entries, connection)
    }

    /// A header for one interaction: the template copied on, today's date, the user's salesperson.
    static func openWorksheet(
        _ no: String, template: String, by user: ActingUser, now: Date, _ connection: any SQLConnection
    ) throws {
        var header = Record(defaultsOf: Catalog.segments.fields)
        header["no"] = .text(no)
        try SegmentHeaderRules.applyTemplate(template, to: &header, connection)
        header["date"] = .text(try SegmentHeaderRules.today(connection, now: now))
        if let salesperson = user.salespersonCode { header["salespersonCode"] = .text(salesperson) }
        if header.text("description").isEmpty {
            header["description"] =
                try connection.scalar("SELECT description FROM interaction_template WHERE code = ?", [.text(template)])
                ?? .text("")
        }
        try ResourceTable(Catalog.segments).insert(header, connection)
    }

    /// The entry from the worksheet's line, with its campaign entry and comment lines; returns its number.
    static func insertEntry(
        _ interaction: SingleInteraction, from worksheet: String, lineNo: Int64, by user: ActingUser, now: Date,
        _ connection: any SQLConnection
    ) throws -> Int64 {
        let line = try SegmentLineTable.require(worksheet, lineNo, connection)
        var campaignEntry: SQLValue = .null
        if let campaign = line["campaignNo"].nonBlankText {
            let number = try EntrySequence.reserve("campaign_entry", count: 1, connection) + 1
            try connection.execute(
                """
                INSERT INTO campaign_entry (entry_no, campaign_no, description, date, segment_no, salesperson_code, user_id)
                VALUES (?, ?, ?, ?, '', ?, ?)
                """,
                [
                    .integer(number), .text(campaign), line["description"], line["date"], line["salespersonCode"],
                    .text(user.userId),
                ])
            campaignEntry = .integer(number)
        }
        let entryNo = try EntrySequence.reserve("interaction_log_entry", count: 1, connection) + 1
        let time = try interaction.timeOfInteraction?.description ?? timeOfDay(now, connection)
        let status = interaction.send && line["correspondenceType"] != .null ? "'pending'" : "NULL"
        let via = interaction.contactVia ?? ""
        // The entry pins its document and, an e-mail to deliver, its body, as a logged segment's lines do.
        let sources = try LogSources.resolve(worksheet, withEmailBodies: interaction.send, connection)
        let emailBody = sources.pinnedEmailBody(send: interaction.send)
        let insert = SQLFragment(
            """
            INSERT INTO interaction_log_entry (entry_no, contact_no, contact_company_no, date, description, subject,
              information_flow, initiated_by, cost, duration, user_id, interaction_group_code, interaction_template_code,
              interaction_language_code, campaign_no, campaign_entry_no, campaign_target, campaign_response, segment_no,
              evaluation, salesperson_code, correspondence_type, delivery_status, send_word_doc_as_attachment,
              time_of_interaction, attempt_failed, contact_via, document_sha256, has_document, email_body_sha256,
              merge_snapshot)
            SELECT ?, l.contact_no, l.contact_company_no, l.date, l.description, l.subject, l.information_flow,
              l.initiated_by, l.cost, l.duration, ?, l.interaction_group_code, l.interaction_template_code,
              l.language_code, l.campaign_no, ?, l.campaign_target, l.campaign_response, '', l.evaluation,
              l.salesperson_code, l.correspondence_type, \(status), l.send_word_doc_as_attachment, ?, ?,
              CASE WHEN ? <> '' THEN ? WHEN l.correspondence_type = 'email' THEN t.email
                   ELSE CASE WHEN t.phone_no <> '' THEN t.phone_no ELSE t.mobile_phone_no END END,
              \(sources.document.sql), CASE WHEN (\(sources.document.sql)) IS NULL THEN 0 ELSE 1 END, \(emailBody.sql),
              \(MergeSnapshot.sql(segmentNo: "''", dialect: connection.dialect))
            FROM segment_line l \(sources.lineDocumentJoin ?? "") JOIN contact t ON t.no = l.contact_no
            \(MergeSnapshot.joins)
            WHERE l.segment_no = ? AND l.line_no = ?
            """,
            [
                .integer(entryNo), .text(user.userId), campaignEntry, .text(time),
                .integer(interaction.attemptFailed ? 1 : 0), .text(via), .text(via),
            ] + sources.document.binds + sources.document.binds + emailBody.binds + [
                .text(worksheet), .integer(lineNo),
            ])
        _ = try sources.writeEntries(insert, connection)
        try LogCounters.add(SQLFragment("e.entry_no = ?", [.integer(entryNo)]), connection)
        let date = try SegmentHeaderRules.today(connection, now: now)
        for (index, text) in interaction.comments.enumerated() {
            try connection.execute(
                "INSERT INTO interaction_comment (entry_no, line_no, text, user_id, date) VALUES (?, ?, ?, ?, ?)",
                [.integer(entryNo), .integer(Int64(index + 1) * 10_000), .text(text), .text(user.userId), .text(date)])
        }
        return entryNo
    }

    /// Now as `HH:MM` in the configured time zone.
    static func timeOfDay(_ now: Date, _ connection: any SQLConnection) throws -> String {
        let zone = try connection.scalar("SELECT time_zone FROM setup WHERE id = 1")?.textValue ?? "UTC"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
