import Hummingbird
import RapportCore
import RapportStorage

/// The setup record: company information, SMTP, numbering and time zone.
struct SetupController: Sendable {
    let setup: SetupService

    static let codec = ResourceCodec(fields: SetupService.fields)

    func register(on table: APIRouteTable) {
        let fields = SetupService.fields
        let output = table.schemas.ref("Setup") { ResourceSchemas.outputObject(fields) }
        let patch = table.schemas.ref("SetupPatch") { ResourceSchemas.inputObject(fields, partial: true) }
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/setup", operationId: "getSetup",
                summary: "Company information, SMTP, numbering and time zone.", tag: "setup", role: .viewer,
                response: .json(output)),
            get)
        table.add(
            APIOperation(
                method: .patch, path: "/api/v1/setup", operationId: "patchSetup",
                summary: "Change setup fields; the SMTP password is kept unless sent.", tag: "setup", role: .admin,
                request: .json(patch), response: .json(output)),
            update)
    }

    @Sendable func get(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(Self.codec.encode(try await setup.get()))
    }

    @Sendable func update(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let patch = try Self.codec.sent(try await request.json(context))
        return JSONResponse.make(Self.codec.encode(try await setup.update(patch, by: context.actingUser())))
    }
}

/// An interaction template's entries per language (BC's Interaction Tmpl. Language).
struct TemplateLanguageController: Sendable {
    let languages: TemplateLanguageService

    static let path = "/api/v1/interaction-templates/{code}/languages/{languageCode}"

    func register(on table: APIRouteTable) {
        let input = table.schemas.ref("TemplateLanguageInput") {
            ResourceSchemas.object([("description", ResourceSchemas.nullable("string", [("maxLength", .number(250))]))])
        }
        let output = table.schemas.ref("TemplateLanguage") {
            ResourceSchemas.object(
                [
                    ("languageCode", ResourceSchemas.type("string")), ("description", ResourceSchemas.type("string")),
                    ("hasDocument", ResourceSchemas.type("boolean")), ("hasEmailBody", ResourceSchemas.type("boolean")),
                ], required: ["languageCode", "description", "hasDocument", "hasEmailBody"])
        }
        table.add(
            APIOperation(
                method: .put, path: Self.path, operationId: "putTemplateLanguage",
                summary: "Create (201) or update (200) the template's entry for a language.",
                tag: "interaction-templates", role: .marketer, request: .json(input), response: .json(output),
                otherSuccess: [201]),
            put)
        table.add(
            APIOperation(
                method: .delete, path: Self.path, operationId: "deleteTemplateLanguage",
                summary: "Remove the template's entry for a language.", tag: "interaction-templates", role: .marketer,
                successStatus: 204),
            delete)
    }

    @Sendable func put(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let body = try ResourceCodec(fields: TemplateLanguage.fields).complete(try await request.json(context))
        let entry = TemplateLanguage.Entry(
            languageCode: try context.key("languageCode"), description: body.text("description"))
        let put = try await languages.put(entry, template: try context.key("code"), by: context.actingUser())
        return JSONResponse.make(put.entry, status: put.created ? .created : .ok)
    }

    @Sendable func delete(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        try await languages.delete(
            template: try context.key("code"), language: try context.key("languageCode"), by: context.actingUser())
        return JSONResponse.noContent()
    }
}

extension TemplateLanguage: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("languageCode", .string(languageCode.text)), ("description", .string(description)),
                ("hasDocument", .bool(hasDocument)), ("hasEmailBody", .bool(hasEmailBody)),
            ]))
    }
}
