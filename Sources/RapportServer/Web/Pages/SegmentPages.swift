import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// The segments list: find a segment, create one, delete one.
struct SegmentPages {
    let web: WebRoutes

    static let createFields = ["description", "interactionTemplateCode", "salespersonCode"]

    func register(_ pages: WebPageTable) {
        pages.get("/segments", "segments", "Segments.") { page in
            try await list(page)
        }
        pages.post("/segments", "createSegment", "Create a segment.") { page in
            let fields = WebFields(spec: Catalog.segments, names: Self.createFields)
            do {
                let sent = try SegmentController.codec.sent(.object(fields.body(page.form, omittingBlanks: true)))
                let created = try await web.services.segments.create(sent, by: page.user)
                let no = created.text("no")
                return await page.redirect("/segments/\(WebRoutes.segment(no))", notice: "Segment \(no) was created.")
            } catch let error as RapportError {
                return try await list(page, form: page.form, error: error)
            }
        }
        pages.post("/segments/{no}/delete", "deleteSegment", "Delete a segment.") { page in
            let no = try page.segmentNo
            try await web.services.segments.delete(no, by: page.user)
            return await page.redirect("/segments", notice: "Segment \(no) was deleted.")
        }
    }

    func list(_ page: WebRequest, form: WebForm? = nil, error: RapportError? = nil) async throws -> Response {
        // The create form's drop-downs are read beside the list, not after it (each read waits for a reader).
        async let choices = web.choices(Catalog.segments, Self.createFields)
        var data = await WebList(
            service: ResourceService(Catalog.segments, store: web.services.store),
            filterNames: ["no", "description", "interactionTemplateCode", "salespersonCode"]
        ).load(page, path: "/segments")
        let fields = WebFields(spec: Catalog.segments, names: Self.createFields, choices: try await choices)
        data["create"] = fields.views(values: nil, form: form, error: error)
        if let error, !fields.places(error) { data["createError"] = error.message }
        data["canWrite"] = page.user.role >= .marketer
        return page.render(
            "segments", title: "Segments", data: data, status: error == nil ? .ok : .unprocessableContent)
    }
}
