import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// After logging: logged segments (cancel, follow-up, resend, delivery status per entry) and the
/// interaction log entries with their delivered documents.
struct LoggedPages {
    let web: WebRoutes

    static let loggedFilters = ["segmentNo", "description", "creationDate", "userId", "canceled"]
    static let entryFilters = [
        "contactNo", "date", "segmentNo", "loggedSegmentEntryNo", "interactionTemplateCode", "correspondenceType",
        "deliveryStatus", "salespersonCode", "campaignNo", "canceled",
    ]

    func register(_ pages: WebPageTable) {
        let services = web.services
        pages.get("/logged-segments", "loggedSegments", "Logged segments.") { page in
            var data = await WebList(service: services.logged.loggedSegments, filterNames: Self.loggedFilters)
                .load(page, path: "/logged-segments")
            data["isAdmin"] = page.user.role == .admin
            return page.render(
                "logged-segments", title: "Logged segments", data: data,
                status: WebList.status(data))
        }
        pages.get("/logged-segments/{entryNo}", "loggedSegment", "A logged segment, its deliveries and entries.") {
            page in
            let entryNo = try page.parameter("entryNo")
            let logged = ResourceCodec(Catalog.loggedSegments).encode(
                try await services.logged.loggedSegments.get(entryNo))
            let path = "/logged-segments/\(entryNo)"
            var data = await WebList(
                service: services.logged.entries, filterNames: ["contactNo", "deliveryStatus", "correspondenceType"],
                limit: 100
            ).load(page, path: path, fixed: [("loggedSegmentEntryNo", entryNo)])
            data["logged"] = WebRoutes.plain(logged)
            data["path"] = path
            data["canWrite"] = page.user.role >= .marketer
            data["back"] = page.request.uri.description
            data["interaction"] = Catalog.loggedInteractionFields.map { field -> [String: Any] in
                [
                    "label": WebFields.label(field.name),
                    "value": WebFields.text(logged.member("interaction")?.member(field.name)),
                ]
            }
            return page.render(
                "logged-segment", title: "Logged segment \(entryNo)", data: data,
                status: WebList.status(data))
        }
        pages.post("/logged-segments/{entryNo}/cancel", "cancelLoggedSegment", "Cancel or restore a logged segment.") {
            page in
            let entryNo = try page.context.number("entryNo", "Logged segment", of: LoggedSegment.self)
            let canceled = page.form["canceled"] != "false"
            _ = try await services.logged.cancel(entryNo, canceled: canceled, by: page.user)
            return await page.redirect(
                "/logged-segments/\(entryNo)",
                notice: canceled
                    ? "Logged segment \(entryNo) and its entries are canceled."
                    : "Logged segment \(entryNo) and its entries are restored.")
        }
        pages.post("/logged-segments/{entryNo}/follow-up", "followUp", "Start a follow-up segment.") { page in
            let segment = try await services.logged.followUp(
                try page.context.number("entryNo", "Logged segment"),
                copyInteraction: page.form["copyInteraction"] == "true",
                by: page.user)
            let no = segment.text("no")
            return await page.redirect(
                "/segments/\(WebRoutes.segment(no))", notice: "Follow-up segment \(no) was created.")
        }
        pages.post("/logged-segments/{entryNo}/resend", "resend", "Deliver failed (or all) entries again.") { page in
            let entryNo = try page.parameter("entryNo")
            let count = try await services.deliveryQueue.resend(loggedSegment: entryNo, all: page.form["all"] == "true")
            return await page.redirect(
                "/logged-segments/\(entryNo)", notice: "\(count) entries are queued for delivery again.")
        }
        pages.post(
            "/logged-segments/delete-canceled", "deleteCanceled", "Delete canceled logged segments.", role: .admin
        ) { page in
            let deleted = try await services.logged.deleteCanceled(by: page.user)
            return await page.redirect("/logged-segments", notice: "\(deleted) canceled logged segments were deleted.")
        }
        pages.get("/interaction-log-entries", "entries", "Interaction log entries, filtered and paged.") { page in
            var data = await WebList(service: services.logged.entries, filterNames: Self.entryFilters, limit: 100)
                .load(page, path: "/interaction-log-entries")
            data["canWrite"] = page.user.role >= .marketer
            data["isAdmin"] = page.user.role == .admin
            data["back"] = page.request.uri.description
            return page.render(
                "entries", title: "Interaction log entries", data: data,
                status: WebList.status(data))
        }
        pages.post(
            "/interaction-log-entries/{entryNo}/cancel", "cancelEntry", "Cancel or restore one interaction log entry."
        ) { page in
            let entryNo = try page.context.number("entryNo", "Interaction log entry", of: InteractionLogEntry.self)
            let canceled = page.form["canceled"] != "false"
            let entry = try await services.logged.cancelEntry(entryNo, canceled: canceled, by: page.user)
            let back = WebRoutes.safeNext(page.form["back"])
            return await page.redirect(
                back.isEmpty
                    ? "/interaction-log-entries?"
                        + WebRoutes.query([("contactNo", entry.text("contactNo"))]) : back,
                notice: "Entry \(entryNo) is \(canceled ? "canceled" : "restored").")
        }
    }
}
