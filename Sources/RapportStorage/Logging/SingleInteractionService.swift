import Foundation
import RapportCore

/// One interaction with one contact, recorded without building a segment by hand (BC's Create Interaction
/// and Make Phone Call). The interaction is built by the segment's own rules (template, correspondence
/// type precedence, language, salesperson, campaign) on a worksheet that lives only inside the
/// transaction, then written as one interaction log entry with its campaign entry and comments.
public struct SingleInteractionService: Sendable {
    let store: Store
    let clock: @Sendable () -> Date

    public init(store: Store, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// Records `interaction` with the contact; returns the entry.
    public func record(
        _ interaction: SingleInteraction, with contactNo: Contact.No, by user: ActingUser
    ) async throws(RapportError) -> Record {
        let now = clock()
        return try await store.write("create interaction") { connection in
            try Self.record(interaction, with: contactNo.text, by: user, now: now, connection)
        }
    }

    /// Records a phone call with the contact on setup's phone-call template.
    public func phoneCall(
        _ call: PhoneCall, with contactNo: Contact.No, by user: ActingUser
    ) async throws(RapportError) -> Record {
        let now = clock()
        return try await store.write("make phone call") { connection in
            let interaction = try Self.interaction(call, line: nil, connection)
            return try Self.record(interaction, with: contactNo.text, by: user, now: now, connection)
        }
    }

    /// Records a phone call with a segment line's contact, with the line's campaign, salesperson and
    /// description (unless the call says otherwise).
    public func phoneCall(
        _ call: PhoneCall, on segmentNo: Segment.No, line lineNo: SegmentLine.No, by user: ActingUser
    ) async throws(RapportError) -> Record {
        let now = clock()
        return try await store.write("make phone call") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            let line = try SegmentLineTable.require(key, lineNo.value, connection)
            let interaction = try Self.interaction(call, line: line, connection)
            return try Self.record(interaction, with: line.text("contactNo"), by: user, now: now, connection)
        }
    }

    /// A phone call as an interaction on the phone-call template (422 naming it when setup has none).
    static func interaction(
        _ call: PhoneCall, line: Record?, _ connection: any SQLConnection
    ) throws -> SingleInteraction {
        guard
            let template = try connection.scalar("SELECT phone_call_template_code FROM setup WHERE id = 1")?
                .nonBlankText
        else {
            throw RapportError.validation(
                "phoneCallTemplateCode", "Set a phone-call template in setup (phoneCallTemplateCode) to record calls.")
        }
        var fields = Record()
        if let line {
            for name in ["campaignNo", "salespersonCode", "description"] where line[name] != .null {
                fields[name] = line[name]
            }
        }
        if let description = call.description { fields["description"] = .text(description) }
        if let evaluation = call.evaluation { fields["evaluation"] = .text(evaluation.rawValue) }
        // A call is neither a letter nor an e-mail.
        fields["correspondenceType"] = .null
        return SingleInteraction(
            templateCode: InteractionTemplate.Code(template), fields: fields, attemptFailed: call.attemptFailed,
            contactVia: call.contactVia, comments: call.comments)
    }
}
