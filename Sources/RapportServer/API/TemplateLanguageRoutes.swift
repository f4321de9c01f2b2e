import Hummingbird
import RapportCore
import RapportStorage

/// An interaction template's entries per language (BC's Interaction Tmpl. Language).
struct TemplateLanguageRoutes {
    let store: Store

    func register(on table: APIRouteTable) {
        let service = TemplateLanguageService(store: store)
        let path = "/api/v1/interaction-templates/{code}/languages/{languageCode}"
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
                method: .put, path: path, operationId: "putTemplateLanguage",
                summary: "Create or update the template's entry for a language.", tag: "interaction-templates",
                role: .marketer, request: .json(input), response: .json(output))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            return JSONResponse.make(
                try await service.put(
                    template: context.parameters.require("code"), language: context.parameters.require("languageCode"),
                    body: body))
        }
        table.add(
            APIOperation(
                method: .delete, path: path, operationId: "deleteTemplateLanguage",
                summary: "Remove the template's entry for a language.", tag: "interaction-templates", role: .marketer,
                successStatus: 204)
        ) { _, context in
            try await service.delete(
                template: context.parameters.require("code"), language: context.parameters.require("languageCode"))
            return JSONResponse.noContent()
        }
    }
}
