import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Segment lines and documents: add a line by hand, change a line's overrides (in the grid or on the
/// line's page), remove it, personalise its letter, and put the segment's own Word document.
struct SegmentLinePages {
    let worksheet: WorksheetPages
    var web: WebRoutes { worksheet.web }

    /// Every override of a line, as the line page edits them.
    static let lineFields = [
        "contactNo", "salespersonCode", "date", "description", "subject", "interactionTemplateCode", "languageCode",
        "correspondenceType", "informationFlow", "initiatedBy", "cost", "duration", "evaluation", "campaignNo",
        "campaignTarget", "campaignResponse", "sendWordDocAsAttachment",
    ]

    func register(_ pages: WebPageTable) {
        let services = web.services
        pages.post("/segments/{no}/lines", "addLine", "Add one contact to the segment.") { page in
            let no = try page.segmentNo
            do {
                let fields = try SegmentLineController.codec.sent(
                    .object(JSONObject([("contactNo", .string(page.form["contactNo"]))])))
                let line = try await services.segmentLines.create(no, fields)
                return await page.redirect(Self.path(no), notice: "Line \(line.text("lineNo")) was added.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await worksheet.refused(page, error) { $0.addLine = (page.form, error) }
            }
        }
        pages.get("/segments/{no}/lines/{lineNo}", "line", "A segment line: its overrides and its letter.") { page in
            try await linePage(page)
        }
        pages.post("/segments/{no}/lines/{lineNo}", "updateLine", "Change a line's overrides.") { page in
            let no = try page.segmentNo
            let lineNo = try page.lineNo
            let names = Self.lineFields.filter { page.form.values[$0] != nil }
            let body = WebFields(spec: Catalog.segmentLines, names: names).body(page.form)
            do {
                let patch = try SegmentLineController.codec.sent(.object(body))
                _ = try await services.segmentLines.update(no, lineNo, patch)
                let back = page.form["from"] == "line" ? Self.path(no) + "/lines/\(lineNo)" : Self.path(no)
                return await page.redirect(back, notice: "Line \(lineNo) was saved.")
            } catch let error as RapportError where error.kind != .notFound {
                if page.form["from"] == "line" { return try await linePage(page, form: page.form, error: error) }
                return try await worksheet.refused(page, error) { $0.line = (lineNo.description, page.form, error) }
            }
        }
        pages.post("/segments/{no}/lines/{lineNo}/delete", "deleteLine", "Remove a line (a Reduce action).") { page in
            let no = try page.segmentNo
            let lineNo = try page.lineNo
            try await services.segmentLines.delete(no, lineNo, resetCriteria: false, by: page.user)
            return await page.redirect(Self.path(no), notice: "Line \(lineNo) was removed.")
        }
        pages.upload(
            "/segments/{no}/lines/{lineNo}/document", "personaliseLine", "Personalise one line's Word document.",
            limit: BodyLimits.document
        ) { page in
            let no = try page.segmentNo
            let lineNo = try page.lineNo
            do {
                let bytes = try Self.document(page)
                let upload = try await services.documents.putLineDocument(no, lineNo: lineNo.value, bytes)
                return await page.redirect(
                    Self.path(no) + "/lines/\(lineNo)",
                    notice: "The line's letter is personalised." + Self.unknown(upload))
            } catch let error as RapportError where error.kind != .notFound {
                return try await linePage(page, documentError: error)
            }
        }
        pages.post(
            "/segments/{no}/lines/{lineNo}/document/delete", "unpersonaliseLine",
            "Remove a line's personalised document."
        ) { page in
            let no = try page.segmentNo
            let lineNo = try page.lineNo
            try await services.documents.deleteLineDocument(no, lineNo: lineNo.value, by: page.user)
            return await page.redirect(
                Self.path(no) + "/lines/\(lineNo)", notice: "The line uses the segment's document again.")
        }
        pages.upload(
            "/segments/{no}/document", "segmentDocument", "Put the segment's own Word document.",
            limit: BodyLimits.document
        ) { page in
            let no = try page.segmentNo
            do {
                let upload = try await services.documents.putSegmentDocument(no, try Self.document(page))
                return await page.redirect(
                    Self.path(no), notice: "The segment's document was stored." + Self.unknown(upload))
            } catch let error as RapportError where error.kind != .notFound {
                return try await worksheet.refused(page, error) { $0.documentError = error.message }
            }
        }
        pages.post("/segments/{no}/document/delete", "deleteSegmentDocument", "Remove the segment's own document.") {
            page in
            let no = try page.segmentNo
            try await services.documents.deleteSegmentDocument(no, by: page.user)
            return await page.redirect(Self.path(no), notice: "The segment's own document was removed.")
        }
    }

    static func path(_ no: Segment.No) -> String { "/segments/\(WebRoutes.segment(no.text))" }

    static func document(_ page: WebRequest) throws(RapportError) -> [UInt8] {
        guard let upload = page.upload, upload.size > 0 else {
            throw RapportError.validation("document", "Choose a Word document (.docx) to upload.")
        }
        return try upload.bytes()
    }

    /// A gentle warning when the document uses merge fields Rapport does not know (they merge empty).
    static func unknown(_ upload: DocumentService.Upload) -> String {
        upload.unknownFields.isEmpty
            ? "" : " Unknown merge fields (left empty): \(upload.unknownFields.joined(separator: ", "))."
    }

    func linePage(
        _ page: WebRequest, form: WebForm? = nil, error: RapportError? = nil, documentError: RapportError? = nil
    ) async throws -> Response {
        let no = try page.segmentNo
        let lineNo = try page.lineNo
        let record = try await web.services.segmentLines.get(no, lineNo)
        let line = SegmentLineController.codec.encode(record)
        let fields = WebFields(
            spec: Catalog.segmentLines, names: Self.lineFields,
            choices: try await web.choices(Catalog.segmentLines, Self.lineFields))
        var data: [String: Any] = [
            "line": WebRoutes.plain(line), "segmentPath": Self.path(no), "segmentNo": no.text,
            "fields": fields.views(values: line, form: form, error: error),
            "apiPath": "/api/v1" + Self.path(no) + "/lines/\(lineNo)",
            "unique": record.text("document") == "unique",
            "canWrite": page.user.role >= .marketer,
        ]
        if let error, !fields.places(error) { data["error"] = error.message }
        if let documentError { data["documentError"] = documentError.message }
        let failed = error ?? documentError
        return page.render(
            "line", title: "Segment \(no), line \(lineNo)", data: data,
            status: failed.map { WebRoutes.status(for: $0.kind) } ?? .ok)
    }
}
