import Hummingbird
import RapportCore
import RapportStorage

/// Rollback of a logging run: the preview of what it undoes, and the rollback itself.
struct LogRollbackController: Sendable {
    let rollbacks: LogRollbackService

    func register(on table: APIRouteTable) {
        let count = SegmentSchemas.integer
        let previewSchema = table.schemas.ref("LogRollbackPreview") {
            ResourceSchemas.object(
                [
                    ("segmentNo", ResourceSchemas.type("string")), ("entries", count), ("campaignEntries", count),
                    ("deliveriesQueued", count), ("deliveriesSent", count), ("documents", count),
                    ("followUpSegmentNo", ResourceSchemas.nullable("string")),
                ],
                required: [
                    "segmentNo", "entries", "campaignEntries", "deliveriesQueued", "deliveriesSent", "documents",
                ])
        }
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/logged-segments/{entryNo}/rollback", operationId: "previewLogRollback",
                summary: "What a rollback would undo: entries, campaign entries, deliveries still queued (pending or "
                    + "failed), deliveries sent or being sent, frozen documents no other entry uses, and the follow-up segment "
                    + "the Log created (409 once that segment has been logged).",
                tag: "logging", role: .viewer, response: .json(previewSchema)),
            preview)
        let input = table.schemas.ref("LogRollbackInput") {
            ResourceSchemas.object([("includeDelivered", ResourceSchemas.nullable("boolean"))])
        }
        let outcomeSchema = table.schemas.ref("LogRollbackResult") {
            ResourceSchemas.object(
                [
                    ("segmentNo", ResourceSchemas.type("string")), ("entriesDeleted", count),
                    ("entriesCanceled", count), ("campaignEntriesDeleted", count), ("deliveriesDropped", count),
                    ("followUpSegmentDeleted", ResourceSchemas.nullable("string")),
                ],
                required: [
                    "segmentNo", "entriesDeleted", "entriesCanceled", "campaignEntriesDeleted", "deliveriesDropped",
                ])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/logged-segments/{entryNo}/rollback", operationId: "rollBackLog",
                summary: "Undo the run in one transaction: the segment comes back as it was logged. 409 when "
                    + "something was delivered, unless includeDelivered (those entries are canceled, not deleted).",
                tag: "logging", role: .marketer, request: .json(input), response: .json(outcomeSchema)),
            rollBack)
    }

    @Sendable func preview(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(try await rollbacks.preview(context.number("entryNo", "Logged segment")))
    }

    @Sendable func rollBack(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let body = try ActionBody(try await request.json(context), allowed: ["includeDelivered"], action: "rollback")
        let outcome = try await rollbacks.rollBack(
            context.number("entryNo", "Logged segment"), includeDelivered: try body.flag("includeDelivered"),
            by: context.actingUser())
        return JSONResponse.make(outcome)
    }
}
