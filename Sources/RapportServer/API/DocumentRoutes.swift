import Hummingbird
import NIOCore
import RapportCore
import RapportStorage

/// Word documents and e-mail bodies on templates, segments and lines, and merged downloads.
struct DocumentRoutes {
    let documents: DocumentService
    let merged: MergedDocumentService
    /// Where the segment's ZIP is built.
    let temporaryDirectory: String

    static let docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    func register(on table: APIRouteTable) {
        let documents = self.documents
        let merged = self.merged
        let temporaryDirectory = self.temporaryDirectory
        let uploaded = table.schemas.ref("DocumentUploaded") {
            ResourceSchemas.object(
                [
                    ("size", SegmentSchemas.integer),
                    ("fields", ResourceSchemas.type("array", [("items", ResourceSchemas.type("string"))])),
                    ("unknownFields", ResourceSchemas.type("array", [("items", ResourceSchemas.type("string"))])),
                ], required: ["size", "fields", "unknownFields"])
        }
        let templatePath = "/api/v1/interaction-templates/{code}/languages/{languageCode}"
        @Sendable func template(_ context: RapportRequestContext) throws -> (String, String) {
            (try context.parameters.require("code"), try context.parameters.require("languageCode"))
        }
        registerDocument(
            on: table, path: templatePath + "/document", name: "TemplateDocument", tag: "interaction-templates",
            what: "the template's Word document for the language", uploaded: uploaded,
            put: { context, bytes in
                let (code, language) = try template(context)
                return try await documents.putTemplateDocument(
                    template: code, language: language, bytes, by: context.actingUser())
            },
            get: { context in
                let (code, language) = try template(context)
                return (
                    try await documents.templateDocument(template: code, language: language), "\(code) \(language).docx"
                )
            },
            delete: { context in
                let (code, language) = try template(context)
                try await documents.deleteTemplatePart(
                    "template_document", template: code, language: language, by: context.actingUser())
            })
        let check = table.schemas.ref("DocumentCheck") {
            ResourceSchemas.object(
                [
                    ("fields", ResourceSchemas.type("array", [("items", ResourceSchemas.type("string"))])),
                    ("unknownFields", ResourceSchemas.type("array", [("items", ResourceSchemas.type("string"))])),
                ], required: ["fields", "unknownFields"])
        }
        table.add(
            APIOperation(
                method: .get, path: templatePath + "/document/check", operationId: "checkTemplateDocument",
                summary: "The merge fields the document uses, and those Rapport does not know.",
                tag: "interaction-templates",
                role: .viewer, response: .json(check))
        ) { _, context in
            let (code, language) = try template(context)
            let check = try await documents.checkTemplateDocument(template: code, language: language)
            return JSONResponse.make(
                .object(
                    JSONObject([
                        ("fields", .array(check.fields.map { .string($0) })),
                        ("unknownFields", .array(check.unknownFields.map { .string($0) })),
                    ])))
        }
        registerEmailBody(on: table, path: templatePath + "/email-body", template: template)
        registerDocument(
            on: table, path: "/api/v1/segments/{no}/document", name: "SegmentDocument", tag: "segments",
            what: "the segment's own copy of the Word document (its default language)", uploaded: uploaded,
            put: { context, bytes in try await documents.putSegmentDocument(context.segmentNo, bytes) },
            get: { context in
                let no = try context.segmentNo
                return (try await documents.segmentDocument(no), "Segment \(no).docx")
            },
            delete: { context in
                try await documents.deleteSegmentDocument(context.segmentNo, by: context.actingUser())
            })
        registerDocument(
            on: table, path: "/api/v1/segments/{no}/lines/{lineNo}/document", name: "LineDocument", tag: "segments",
            what: "GET: the merged document for the line's contact; PUT: a personalised document for this line only",
            uploaded: uploaded,
            put: { context, bytes in
                try await documents.putLineDocument(context.segmentNo, lineNo: try Self.lineNo(context), bytes)
            },
            get: { context in
                try await merged.lineDocument(context.segmentNo, lineNo: try Self.lineNo(context))
            },
            delete: { context in
                try await documents.deleteLineDocument(
                    context.segmentNo, lineNo: try Self.lineNo(context), by: context.actingUser())
            })
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/segments/{no}/documents", operationId: "segmentDocuments",
                summary: "All merged documents of the segment as a ZIP (Segment <No>.zip).", tag: "segments",
                role: .viewer, response: .binary("application/zip"))
        ) { _, context in
            let no = try context.segmentNo
            return try await Spool.produce(in: temporaryDirectory, contentType: "application/zip") { path in
                try await merged.segmentArchive(no, toFile: path)
            }
        }
    }

    static func lineNo(_ context: RapportRequestContext) throws -> Int64 {
        let text = try context.parameters.require("lineNo")
        guard let number = Int64(text) else { throw RapportError.notFound("Segment line", text) }
        return number
    }

    /// Reads an uploaded .docx, refusing more than 25 MiB.
    static func readDocument(_ request: Request) async throws -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: BodyLimits.document)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw RapportError(.payloadTooLarge, "Documents are limited to 25 MiB.", field: "document")
        }
    }

    private func registerDocument(
        on table: APIRouteTable, path: String, name: String, tag: String, what: String, uploaded: JSONValue,
        put: @escaping @Sendable (RapportRequestContext, [UInt8]) async throws -> DocumentService.Upload,
        get: @escaping @Sendable (RapportRequestContext) async throws -> ([UInt8], String),
        delete: @escaping @Sendable (RapportRequestContext) async throws -> Void
    ) {
        table.add(
            APIOperation(
                method: .put, path: path, operationId: "put\(name)", summary: "Upload \(what) (.docx).", tag: tag,
                role: .marketer, request: .binaryAny(["application/octet-stream", Self.docxType]), successStatus: 201,
                response: .json(uploaded),
                otherSuccess: [200])
        ) { request, context in
            let bytes = try await Self.readDocument(request)
            let upload = try await put(context, bytes)
            return JSONResponse.make(
                .object(
                    JSONObject([
                        ("size", .number(Double(upload.size))), ("fields", .array(upload.fields.map { .string($0) })),
                        ("unknownFields", .array(upload.unknownFields.map { .string($0) })),
                    ])), status: upload.created ? .created : .ok)
        }
        table.add(
            APIOperation(
                method: .get, path: path, operationId: "get\(name)", summary: "Download \(what).", tag: tag,
                role: .viewer,
                response: .binary(Self.docxType))
        ) { _, context in
            let (bytes, fileName) = try await get(context)
            return Response(
                status: .ok,
                headers: [.contentType: Self.docxType, .contentDisposition: ContentDisposition.attachment(fileName)],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        table.add(
            APIOperation(
                method: .delete, path: path, operationId: "delete\(name)", summary: "Remove \(what).", tag: tag,
                role: .marketer, successStatus: 204)
        ) { _, context in
            try await delete(context)
            return JSONResponse.noContent()
        }
    }

    private func registerEmailBody(
        on table: APIRouteTable, path: String,
        template: @escaping @Sendable (RapportRequestContext) throws -> (String, String)
    ) {
        let documents = self.documents
        table.add(
            APIOperation(
                method: .put, path: path, operationId: "putEmailBody",
                summary: "The e-mail body (HTML with {{FieldName}} merge fields) for the language.",
                tag: "interaction-templates", role: .marketer, request: .binary("text/html"), successStatus: 201,
                response: .none, otherSuccess: [200])
        ) { request, context in
            var request = request
            let buffer = try await request.collectBody(upTo: BodyLimits.document)
            guard let html = String(validating: buffer.readableBytesView, as: UTF8.self) else {
                throw RapportError.validation("emailBody", "The e-mail body must be UTF-8 text.")
            }
            try TextInput.refuseNUL(html, field: "emailBody")
            let (code, language) = try template(context)
            let created = try await documents.putEmailBody(
                template: code, language: language, html, by: context.actingUser())
            return Response(status: created ? .created : .ok)
        }
        table.add(
            APIOperation(
                method: .get, path: path, operationId: "getEmailBody", summary: "The e-mail body template.",
                tag: "interaction-templates", role: .viewer, response: .binary("text/html"))
        ) { _, context in
            let (code, language) = try template(context)
            let html = try await documents.emailBody(template: code, language: language)
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        table.add(
            APIOperation(
                method: .delete, path: path, operationId: "deleteEmailBody", summary: "Remove the e-mail body.",
                tag: "interaction-templates", role: .marketer, successStatus: 204)
        ) { _, context in
            let (code, language) = try template(context)
            try await documents.deleteTemplatePart(
                "template_email_body", template: code, language: language, by: context.actingUser())
            return JSONResponse.noContent()
        }
    }
}
