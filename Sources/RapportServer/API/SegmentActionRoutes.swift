import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Add, Reduce, Refine, Preview, Go Back, the criteria list, saved criteria and the segment's contacts.
struct SegmentActionRoutes {
    let criteria: SegmentCriteriaService
    let saved: SavedCriteriaService
    let contacts: SegmentContactsService
    /// Where the contacts export is built.
    let temporaryDirectory: String

    func register(on table: APIRouteTable) {
        let filters = table.schemas.ref("SegmentFilters") { SegmentSchemas.filters }
        let base = "/api/v1/segments/{no}"
        let criteria = self.criteria
        for kind in CriteriaActionKind.allCases {
            let counter = kind == .add ? "linesAdded" : "linesRemoved"
            let name = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
            let input = table.schemas.ref("\(name)ContactsInput") { SegmentSchemas.actionInput(kind, filters: filters) }
            let result = table.schemas.ref("\(name)ContactsResult") { SegmentSchemas.result(counter) }
            table.add(
                APIOperation(
                    method: .post, path: "\(base)/\(kind.rawValue)-contacts", operationId: "\(kind.rawValue)Contacts",
                    summary: "\(kind.caption): one criteria action with its filters.", tag: "segments", role: .marketer,
                    request: .json(input), response: .json(result))
            ) { request, context in
                let body = try await JSONResponse.readBody(request, context: context)
                let action = try CriteriaAction.parse(body, kind: kind, extra: kind == .add ? [] : ["resetCriteria"])
                let reset = try CriteriaAction.flag(body.objectValue?["resetCriteria"], "resetCriteria", default: true)
                let outcome = try await criteria.run(action, on: context.parameters.require("no"), resetCriteria: reset)
                return JSONResponse.make(Self.json(outcome, counter: counter))
            }
        }
        let previewInput = table.schemas.ref("PreviewContactsInput") {
            SegmentSchemas.actionInput(nil, filters: filters)
        }
        let preview = table.schemas.ref("PreviewContactsResult") { SegmentSchemas.preview }
        table.add(
            APIOperation(
                method: .post, path: "\(base)/preview-contacts", operationId: "previewContacts",
                summary: "What Add, Reduce or Refine would do, changing nothing.", tag: "segments", role: .viewer,
                request: .json(previewInput), response: .json(preview))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            guard case .string(let raw)? = body.objectValue?["action"], let kind = CriteriaActionKind(rawValue: raw)
            else {
                throw RapportError.validation("action", "action must be one of add, reduce, refine.")
            }
            let action = try CriteriaAction.parse(body, kind: kind, extra: ["action", "resetCriteria"])
            return JSONResponse.make(try await criteria.preview(action, on: context.parameters.require("no")))
        }
        let goBack = table.schemas.ref("GoBackResult") { SegmentSchemas.result(nil) }
        table.add(
            APIOperation(
                method: .post, path: "\(base)/go-back", operationId: "goBack",
                summary: "Undo the last criteria action exactly; 409 when there is none.", tag: "segments",
                role: .marketer, response: .json(goBack))
        ) { _, context in
            let outcome = try await criteria.goBack(context.parameters.require("no"))
            return JSONResponse.make(Self.json(outcome, counter: nil))
        }
        let action = table.schemas.ref("CriteriaAction") { SegmentSchemas.criteriaAction(filters: filters) }
        let list = table.schemas.ref("CriteriaList") {
            ResourceSchemas.object([("items", ResourceSchemas.type("array", [("items", action)]))], required: ["items"])
        }
        table.add(
            APIOperation(
                method: .get, path: "\(base)/criteria", operationId: "listCriteria",
                summary: "The criteria actions, with their filters and readable text.", tag: "segments", role: .viewer,
                response: .json(list))
        ) { _, context in JSONResponse.make(try await criteria.criteria(context.parameters.require("no"))) }
        registerSaved(on: table, action: action)
        registerContacts(on: table)
    }

    private func registerSaved(on table: APIRouteTable, action: JSONValue) {
        let saved = self.saved
        let output = table.schemas.ref("SavedCriteria") { SegmentSchemas.savedCriteria(action: action) }
        let input = table.schemas.ref("SaveCriteriaInput") {
            ResourceSchemas.object(
                [
                    ("code", ResourceSchemas.type("string", [("maxLength", .number(10))])),
                    ("description", ResourceSchemas.nullable("string")),
                ], required: ["code"])
        }
        let reuse = table.schemas.ref("ReuseCriteriaInput") {
            ResourceSchemas.object(
                [
                    ("code", ResourceSchemas.type("string")),
                    ("confirm", ResourceSchemas.nullable("boolean")),
                ], required: ["code"])
        }
        let added = table.schemas.ref("ReuseResult") {
            let integer = SegmentSchemas.integer
            return ResourceSchemas.object(
                [
                    ("linesAdded", integer), ("linesRemoved", integer), ("noOfLines", integer),
                    ("noOfCriteriaActions", integer),
                ],
                required: ["linesAdded", "linesRemoved", "noOfLines", "noOfCriteriaActions"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/save-criteria", operationId: "saveCriteria",
                summary: "Save the criteria actions under a code.", tag: "saved-criteria", role: .marketer,
                request: .json(input), successStatus: 201, response: .json(output))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            return JSONResponse.make(
                try await saved.save(context.parameters.require("no"), body, by: context.actingUser()), status: .created
            )
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/reuse-criteria", operationId: "reuseCriteria",
                summary: "Replay saved criteria on today's data (confirm when the segment has criteria).",
                tag: "saved-criteria", role: .marketer, request: .json(reuse), response: .json(added))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            let outcome = try await saved.reuse(context.parameters.require("no"), body)
            var json = Self.json(outcome, counter: "linesAdded")
            if case .object(var object) = json {
                object["linesRemoved"] = .number(Double(outcome.linesRemoved))
                json = .object(object)
            }
            return JSONResponse.make(json)
        }
        let page = table.schemas.ref("SavedCriteriaPage") { ResourceRoutes.pageSchema(output) }
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/saved-criteria", operationId: "listSavedCriteria",
                summary: "List saved criteria.", tag: "saved-criteria", role: .viewer, response: .json(page))
        ) { _, _ in JSONResponse.make(try await saved.list()) }
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/saved-criteria/{code}", operationId: "getSavedCriteria",
                summary: "Get saved criteria with their actions.", tag: "saved-criteria", role: .viewer,
                response: .json(output))
        ) { _, context in JSONResponse.make(try await saved.get(context.parameters.require("code"))) }
        table.add(
            APIOperation(
                method: .delete, path: "/api/v1/saved-criteria/{code}", operationId: "deleteSavedCriteria",
                summary: "Delete saved criteria.", tag: "saved-criteria", role: .marketer, successStatus: 204)
        ) { _, context in
            try await saved.delete(context.parameters.require("code"))
            return JSONResponse.noContent()
        }
    }

    private func registerContacts(on table: APIRouteTable) {
        let contacts = self.contacts
        let temporaryDirectory = self.temporaryDirectory
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/segments/{no}/contacts.csv", operationId: "exportSegmentContacts",
                summary: "Export Segment Contact: one row per line, in the contacts export format.", tag: "segments",
                role: .viewer, response: .csv)
        ) { _, context in
            let no = try context.parameters.require("no")
            return try await Spool.produce(in: temporaryDirectory, contentType: "text/csv; charset=utf-8") { path in
                _ = try await contacts.exportContacts(no, toFile: path)
                return "contacts.csv"
            }
        }
        let input = table.schemas.ref("ApplyMailingGroupInput") {
            ResourceSchemas.object(
                [
                    ("mailingGroupCode", ResourceSchemas.type("string")),
                    ("deleteOldAssignments", ResourceSchemas.nullable("boolean")),
                ],
                required: ["mailingGroupCode"])
        }
        let output = table.schemas.ref("ApplyMailingGroupResult") {
            ResourceSchemas.object(
                [
                    ("mailingGroupCode", ResourceSchemas.type("string")), ("segmentNo", ResourceSchemas.type("string")),
                    ("contactsAssigned", SegmentSchemas.integer), ("contactsInSegment", SegmentSchemas.integer),
                    ("message", ResourceSchemas.type("string")),
                ], required: ["mailingGroupCode", "segmentNo", "contactsAssigned", "contactsInSegment", "message"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/apply-mailing-group", operationId: "applyMailingGroup",
                summary: "Give every contact of the segment a mailing group.", tag: "segments", role: .marketer,
                request: .json(input), response: .json(output))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            return JSONResponse.make(try await contacts.applyMailingGroup(context.parameters.require("no"), body))
        }
    }

    static func json(_ outcome: SegmentCriteriaService.Outcome, counter: String?) -> JSONValue {
        var object = JSONObject()
        if counter == "linesAdded" { object["linesAdded"] = .number(Double(outcome.linesAdded)) }
        if counter == "linesRemoved" { object["linesRemoved"] = .number(Double(outcome.linesRemoved)) }
        object["noOfLines"] = .number(Double(outcome.noOfLines))
        object["noOfCriteriaActions"] = .number(Double(outcome.noOfCriteriaActions))
        return .object(object)
    }
}
