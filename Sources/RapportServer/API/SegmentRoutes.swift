import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Segment headers and lines.
struct SegmentRoutes {
    let segments: SegmentService
    let lines: SegmentLineService

    func register(on table: APIRouteTable) {
        registerHeaders(on: table)
        registerLines(on: table)
    }

    private func registerHeaders(on table: APIRouteTable) {
        let fields = Catalog.segments.fields
        let output = table.schemas.ref("Segment") { ResourceSchemas.outputObject(fields) }
        let input = table.schemas.ref("SegmentInput") { ResourceSchemas.inputObject(fields, partial: true) }
        let patch = table.schemas.ref("SegmentPatch") {
            SegmentSchemas.adding(
                "updateLines", ResourceSchemas.nullable("boolean"),
                to: ResourceSchemas.inputObject(fields, partial: true))
        }
        let page = table.schemas.ref("SegmentPage") { ResourceRoutes.pageSchema(output) }
        let segments = self.segments
        let base = "/api/v1/segments"
        table.add(
            APIOperation(
                method: .get, path: base, operationId: "listSegments", summary: "List segments.", tag: "segments",
                role: .viewer, response: .json(page), queryParameters: ResourceRoutes.listParameters(Catalog.segments),
                isList: true)
        ) { request, _ in
            JSONResponse.make(try await segments.list(ListQuery(parameters: request.queryPairs)).json)
        }
        table.add(
            APIOperation(
                method: .post, path: base, operationId: "createSegment",
                summary: "Create a segment header (numbered from setup.segmentNos unless no is given).",
                tag: "segments",
                role: .marketer, request: .json(input), successStatus: 201, response: .json(output))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            return JSONResponse.make(try await segments.create(body, by: context.actingUser()), status: .created)
        }
        table.add(
            APIOperation(
                method: .get, path: "\(base)/{no}", operationId: "getSegment", summary: "Get a segment header.",
                tag: "segments", role: .viewer, response: .json(output))
        ) { _, context in JSONResponse.make(try await segments.get(context.parameters.require("no"))) }
        table.add(
            APIOperation(
                method: .patch, path: "\(base)/{no}", operationId: "patchSegment",
                summary: "Change header fields; with updateLines (default true) they flow to the lines (BC §3.2).",
                tag: "segments", role: .marketer, request: .json(patch), response: .json(output))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            return JSONResponse.make(try await segments.update(context.parameters.require("no"), body))
        }
        table.add(
            APIOperation(
                method: .delete, path: "\(base)/{no}", operationId: "deleteSegment",
                summary: "Delete a segment with its lines and criteria.", tag: "segments", role: .marketer,
                successStatus: 204)
        ) { _, context in
            try await segments.delete(context.parameters.require("no"))
            return JSONResponse.noContent()
        }
    }

    private func registerLines(on table: APIRouteTable) {
        let fields = Catalog.segmentLines.fields
        let output = table.schemas.ref("SegmentLine") { ResourceSchemas.outputObject(fields) }
        let input = table.schemas.ref("SegmentLineInput") { ResourceSchemas.inputObject(fields, partial: false) }
        let patch = table.schemas.ref("SegmentLinePatch") { ResourceSchemas.inputObject(fields, partial: true) }
        let page = table.schemas.ref("SegmentLinePage") { ResourceRoutes.pageSchema(output) }
        let lines = self.lines
        let base = "/api/v1/segments/{no}/lines"
        table.add(
            APIOperation(
                method: .get, path: base, operationId: "listSegmentLines", summary: "The lines, in line order.",
                tag: "segments", role: .viewer, response: .json(page),
                queryParameters: ResourceRoutes.listParameters(Catalog.segmentLines), isList: true)
        ) { request, context in
            let query = try ListQuery(parameters: request.queryPairs)
            return JSONResponse.make(try await lines.list(context.parameters.require("no"), query).json)
        }
        table.add(
            APIOperation(
                method: .post, path: base, operationId: "addSegmentLine",
                summary: "Add a line for a contact (an Add criteria action), with optional overrides.", tag: "segments",
                role: .marketer, request: .json(input), successStatus: 201, response: .json(output))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            return JSONResponse.make(try await lines.create(context.parameters.require("no"), body), status: .created)
        }
        table.add(
            APIOperation(
                method: .get, path: "\(base)/{lineNo}", operationId: "getSegmentLine", summary: "Get a line.",
                tag: "segments", role: .viewer, response: .json(output))
        ) { _, context in
            JSONResponse.make(
                try await lines.get(context.parameters.require("no"), context.parameters.require("lineNo")))
        }
        table.add(
            APIOperation(
                method: .patch, path: "\(base)/{lineNo}", operationId: "patchSegmentLine",
                summary: "Override line fields; a new contactNo records Reduce then Add.", tag: "segments",
                role: .marketer, request: .json(patch), response: .json(output))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            return JSONResponse.make(
                try await lines.update(
                    context.parameters.require("no"), context.parameters.require("lineNo"), body))
        }
        let reset = APIOperation.QueryParameter(
            name: "resetCriteria", schema: ResourceSchemas.type("boolean"),
            summary: "When the deletion empties the segment: clear its criteria (default true).")
        table.add(
            APIOperation(
                method: .delete, path: "\(base)/{lineNo}", operationId: "deleteSegmentLine",
                summary: "Delete a line (a Reduce criteria action).", tag: "segments", role: .marketer,
                successStatus: 204, queryParameters: [reset])
        ) { request, context in
            let reset = try Self.flag(request.queryValue("resetCriteria"), name: "resetCriteria", default: true)
            try await lines.delete(
                context.parameters.require("no"), context.parameters.require("lineNo"), resetCriteria: reset)
            return JSONResponse.noContent()
        }
    }

    static func flag(_ text: String?, name: String, default defaultValue: Bool) throws(RapportError) -> Bool {
        switch text?.lowercased() {
        case nil, "": return defaultValue
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw RapportError.validation(name, "\(name) must be true or false.")
        }
    }
}
