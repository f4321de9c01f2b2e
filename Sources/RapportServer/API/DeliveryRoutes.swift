import Hummingbird
import NIOCore
import RapportCore
import RapportStorage

/// Resend, and the documents delivered with entries.
struct DeliveryRoutes {
    let queue: DeliveryQueue
    let documents: EntryDocumentService
    /// Where the logged segment's ZIP is built.
    let temporaryDirectory: String

    func register(on table: APIRouteTable) {
        let queue = self.queue
        let documents = self.documents
        let temporaryDirectory = self.temporaryDirectory
        let input = table.schemas.ref("ResendInput") {
            ResourceSchemas.object([("all", ResourceSchemas.nullable("boolean"))])
        }
        let output = table.schemas.ref("ResendResult") {
            ResourceSchemas.object([("queued", SegmentSchemas.integer)], required: ["queued"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/logged-segments/{entryNo}/resend", operationId: "resendLoggedSegment",
                summary: "Retry deliveries in status error (or all, with all: true).", tag: "logging", role: .marketer,
                request: .json(input), response: .json(output))
        ) { request, context in
            let body = try ActionBody(try await request.json(context), allowed: ["all"], action: "resend")
            let all = try body.flag("all")
            let queued = try await queue.resend(loggedSegment: context.parameters.require("entryNo"), all: all)
            return JSONResponse.make(.object(JSONObject([("queued", .number(Double(queued)))])))
        }
        let format = APIOperation.QueryParameter(
            name: "format",
            schema: ResourceSchemas.type("string", [("enum", .array([.string("docx"), .string("pdf")]))]),
            summary: "pdf converts the document with LibreOffice on first request and keeps the PDF.")
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/interaction-log-entries/{entryNo}/document", operationId: "entryDocument",
                summary: "The document delivered with the entry.", tag: "logging", role: .viewer,
                response: .binary(DocumentRoutes.docxType), queryParameters: [format])
        ) { request, context in
            let wanted = request.queryValue("format") ?? "docx"
            guard wanted == "docx" || wanted == "pdf" else {
                throw RapportError.validation("format", "format must be docx or pdf.")
            }
            let (bytes, name) = try await documents.document(
                context.parameters.require("entryNo"), pdf: wanted == "pdf")
            return Response(
                status: .ok,
                headers: [
                    .contentType: wanted == "pdf" ? "application/pdf" : DocumentRoutes.docxType,
                    .contentDisposition: ContentDisposition.attachment(name),
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/logged-segments/{entryNo}/documents",
                operationId: "loggedSegmentDocuments",
                summary: "The documents stored on the logged segment's entries, as a ZIP.", tag: "logging",
                role: .viewer,
                response: .binary("application/zip"))
        ) { _, context in
            let entryNo = try context.parameters.require("entryNo")
            return try await Spool.produce(in: temporaryDirectory, contentType: "application/zip") { path in
                try await documents.archive(loggedSegment: entryNo, toFile: path)
            }
        }
    }
}
