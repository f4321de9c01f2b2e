import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Export Segment Contact and Apply Mailing Group (BC §2.9).
struct SegmentContactsController: Sendable {
    let contacts: SegmentContactsService
    /// Where the contacts export is built.
    let temporaryDirectory: String

    /// The body of apply-mailing-group.
    static let applyFields = [
        FieldSpec("mailingGroupCode", .reference(Catalog.mailingGroupTarget), required: true),
        FieldSpec("deleteOldAssignments", .boolean),
    ]

    func register(on table: APIRouteTable) {
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/segments/{no}/contacts.csv", operationId: "exportSegmentContacts",
                summary: "Export Segment Contact: one row per line, in the contacts export format.", tag: "segments",
                role: .viewer, response: .csv),
            export)
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/apply-mailing-group", operationId: "applyMailingGroup",
                summary: "Give every contact of the segment a mailing group.", tag: "segments", role: .marketer,
                request: .json(table.schemas.ref("ApplyMailingGroupInput") { SegmentSchemas.applyMailingGroupInput }),
                response: .json(
                    table.schemas.ref("ApplyMailingGroupResult") { SegmentSchemas.applyMailingGroupResult })),
            applyMailingGroup)
    }

    @Sendable func export(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let no = try context.segmentNo
        return try await Spool.produce(in: temporaryDirectory, contentType: "text/csv; charset=utf-8") { path in
            _ = try await contacts.exportContacts(no, toFile: path)
            return "contacts.csv"
        }
    }

    @Sendable func applyMailingGroup(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let body = try ResourceCodec(fields: Self.applyFields).complete(try await request.json(context))
        let applied = try await contacts.applyMailingGroup(
            MailingGroup.Code(body.text("mailingGroupCode")), to: context.segmentNo,
            deleteOldAssignments: body.isTrue("deleteOldAssignments"))
        return JSONResponse.make(applied)
    }
}
