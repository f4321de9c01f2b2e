import Foundation
import RapportCore

/// The header's rules: choosing a template copies it onto the header (BC §3.1), and changes flow to
/// the lines that follow the header's template (BC §3.2, with Rapport's fix for template changes).
enum SegmentHeaderRules {
    /// Header fields BC pushes to the lines, with the line column each one lands in.
    static let propagated: [(field: String, lineColumn: String)] = [
        ("description", "description"), ("campaignNo", "campaign_no"), ("salespersonCode", "salesperson_code"),
        ("correspondenceTypeDefault", "correspondence_type"), ("unitCost", "cost"), ("unitDuration", "duration"),
        ("date", "date"), ("campaignTarget", "campaign_target"), ("informationFlow", "information_flow"),
        ("initiatedBy", "initiated_by"), ("campaignResponse", "campaign_response"),
        ("interactionGroupCode", "interaction_group_code"), ("sendWordDocsAsAttachment", "send_word_doc_as_attachment"),
    ]

    /// Copies an interaction template onto the header, or clears the template-derived group when none.
    static func applyTemplate(_ code: String?, to record: inout Record, _ connection: any SQLConnection) throws {
        record["interactionTemplateCode"] = code.map { .text($0) } ?? .null
        guard let code else {
            record["interactionGroupCode"] = .null
            return
        }
        let rows = try connection.query("SELECT * FROM interaction_template WHERE code = ?", [.text(code)])
        guard let template = rows.first else {
            throw RapportError.validation("interactionTemplateCode", "Interaction template '\(code)' does not exist.")
        }
        copyTemplateFields(template, to: &record, cost: "unitCost", duration: "unitDuration")
        record["languageCodeDefault"] = template["language_code_default"]
        record["correspondenceTypeDefault"] = template["correspondence_type_default"]
        record["ignoreContactCorrespondenceType"] = template["ignore_contact_correspondence_type"]
        record["subjectDefault"] = .text("")
        if template["campaign_no"].nonBlankText != nil { record["campaignNo"] = template["campaign_no"] }
    }

    /// The fields a template gives a header or a line (cost and duration under their own names).
    static func copyTemplateFields(_ template: SQLRow, to record: inout Record, cost: String, duration: String) {
        record["interactionGroupCode"] = template["interaction_group_code"]
        record[cost] = template["unit_cost"]
        record[duration] = template["unit_duration"]
        record["informationFlow"] = template["information_flow"]
        record["initiatedBy"] = template["initiated_by"]
        record["campaignTarget"] = template["campaign_target"]
        record["campaignResponse"] = template["campaign_response"]
    }

    /// A blocked salesperson cannot be chosen (BC §7.3).
    static func checkSalesperson(
        _ record: Record, field: String = "salespersonCode", _ connection: any SQLConnection
    )
        throws
    {
        guard let code = record[field].nonBlankText else { return }
        if try connection.exists("SELECT 1 FROM salesperson WHERE code = ? AND blocked = 1", [.text(code)]) {
            throw RapportError.validation(field, "Salesperson \(code) is blocked.")
        }
    }

    /// Gives the lines that followed the header's previous template (and have no personalised document) the
    /// header's new template, with all template-derived fields recomputed from the header, which has just
    /// copied the template (Rapport's fix of BC's stale cost and duration). Lines with a template or a
    /// document of their own keep them.
    static func pushTemplate(_ segmentNo: String, from previous: String?, _ connection: any SQLConnection) throws {
        let inheriting = SegmentDocumentRules.inheritingLines(template: previous)
        try connection.execute(
            """
            UPDATE segment_line SET
              interaction_template_code = (SELECT h.interaction_template_code FROM segment_header h WHERE h.no = segment_line.segment_no),
              interaction_group_code = (SELECT h.interaction_group_code FROM segment_header h WHERE h.no = segment_line.segment_no),
              cost = (SELECT h.unit_cost FROM segment_header h WHERE h.no = segment_line.segment_no),
              duration = (SELECT h.unit_duration FROM segment_header h WHERE h.no = segment_line.segment_no),
              information_flow = (SELECT h.information_flow FROM segment_header h WHERE h.no = segment_line.segment_no),
              initiated_by = (SELECT h.initiated_by FROM segment_header h WHERE h.no = segment_line.segment_no),
              campaign_target = (SELECT h.campaign_target FROM segment_header h WHERE h.no = segment_line.segment_no),
              campaign_response = (SELECT h.campaign_response FROM segment_header h WHERE h.no = segment_line.segment_no),
              campaign_no = (SELECT h.campaign_no FROM segment_header h WHERE h.no = segment_line.segment_no),
              subject = (SELECT h.subject_default FROM segment_header h WHERE h.no = segment_line.segment_no),
              language_code = (SELECT \(SegmentLineSQL.language(template: "h.interaction_template_code", fallback: "h.language_code_default"))
                FROM segment_header h JOIN contact t ON t.no = segment_line.contact_no WHERE h.no = segment_line.segment_no),
              correspondence_type = (SELECT \(SegmentLineSQL.correspondenceType(template: "tt"))
                FROM segment_header h JOIN contact t ON t.no = segment_line.contact_no
                LEFT JOIN interaction_template tt ON tt.code = h.interaction_template_code
                WHERE h.no = segment_line.segment_no)
            WHERE segment_no = ? AND \(inheriting.sql)
            """, [.text(segmentNo)] + inheriting.binds)
    }

    /// Pushes changed header fields to the lines that follow the header's template.
    static func pushFields(
        _ fields: [(field: String, lineColumn: String)], from record: Record, segmentNo: String,
        _ connection: any SQLConnection
    ) throws {
        guard !fields.isEmpty else { return }
        let sameTemplate = SQLFragment.equalOrBothNull("interaction_template_code", record["interactionTemplateCode"])
        let sets = fields.map { "\($0.lineColumn) = ?" }.joined(separator: ", ")
        try connection.execute(
            "UPDATE segment_line SET \(sets) WHERE segment_no = ? AND \(sameTemplate.sql)",
            fields.map { record[$0.field] } + [.text(segmentNo)] + sameTemplate.binds)
    }

    /// Today in the configured time zone: the work date.
    static func today(_ connection: any SQLConnection, now: Date = Date()) throws -> String {
        let zone = try connection.scalar("SELECT time_zone FROM setup WHERE id = 1")?.textValue ?? "UTC"
        let timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC") ?? .current
        return CalendarDate.today(in: timeZone, now: now).description
    }
}
