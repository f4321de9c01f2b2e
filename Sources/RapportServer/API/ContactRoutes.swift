import Foundation
import Hummingbird
import NIOCore
import RapportCore
import RapportStorage

/// Contacts: the generic resource operations plus CSV import and export.
struct ContactRoutes {
    let service: ResourceService
    let importer: ContactImporter
    let exporter: ContactExporter
    /// Where the import's settling runs once the answer is given (`JobRunner.afterwards`).
    let jobs: JobRunner
    /// Where the import is received and the export is built.
    let temporaryDirectory: String

    func register(on table: APIRouteTable) {
        let temporaryDirectory = self.temporaryDirectory
        ResourceRoutes(service: service, writeRole: .marketer).register(on: table)
        let importer = self.importer
        let exporter = self.exporter
        let jobs = self.jobs
        let result = table.schemas.ref("ImportResult") {
            ResourceSchemas.object(
                [
                    ("created", ResourceSchemas.type("integer")),
                    ("updated", ResourceSchemas.type("integer")),
                ], required: ["created", "updated"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/contacts/import", operationId: "importContacts",
                summary: "Import contacts from CSV (the export format); any bad row refuses the whole file.",
                tag: "contacts", role: .marketer, request: .csv, response: .json(result))
        ) { request, context in
            let spool = try await Spool.receive(
                request.body, limit: BodyLimits.csvImport, what: "CSV import", in: temporaryDirectory)
            defer { spool.remove() }
            let counts = try await importer.importFile(at: spool.path, by: context.actingUser())
            // Committed and answered: settling the rows is the first reads' work otherwise, never the answer's.
            if let settling = importer.settling(counts) { jobs.afterwards(settling.name, settling.work) }
            return JSONResponse.make(
                .object(JSONObject([("created", .integer(counts.created)), ("updated", .integer(counts.updated))])))
        }
        var parameters = ResourceRoutes.listParameters(Catalog.contacts)
        parameters.removeAll { $0.name == "limit" || $0.name == "cursor" }
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/contacts/export", operationId: "exportContacts",
                summary: "All contacts matching the list filters as CSV.", tag: "contacts", role: .viewer,
                response: .csv, queryParameters: parameters)
        ) { request, _ in
            let filters = request.queryPairs.filter { $0.name != "limit" && $0.name != "cursor" }
                .map { (field: $0.name, expression: $0.value) }
            return try await Spool.produce(in: temporaryDirectory, contentType: "text/csv; charset=utf-8") { path in
                _ = try await exporter.export(filters: filters, toFile: path)
                return "contacts.csv"
            }
        }
    }
}
