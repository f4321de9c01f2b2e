import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Rolling back a logging run from its logged segment's page: a preview of what goes, then a confirming
/// post (a plain form: no script).
struct RollbackPages {
    let web: WebRoutes

    func register(_ pages: WebPageTable) {
        let rollbacks = web.services.rollbacks
        pages.get(
            "/logged-segments/{entryNo}/rollback", "previewRollback", "What rolling back a logged segment undoes."
        ) { page in
            let entryNo = try page.context.number("entryNo", "Logged segment", of: LoggedSegment.self)
            var data = Self.base(entryNo, page)
            do {
                data["preview"] = Self.preview(try await rollbacks.preview(entryNo))
            } catch let error as RapportError where error.kind == .conflict {
                data["error"] = error.message
            }
            return page.render("rollback", title: "Roll back logged segment \(entryNo)", data: data)
        }
        pages.post("/logged-segments/{entryNo}/rollback", "rollBack", "Roll back a logged segment.") { page in
            let entryNo = try page.context.number("entryNo", "Logged segment", of: LoggedSegment.self)
            do {
                let outcome = try await rollbacks.rollBack(
                    entryNo, includeDelivered: page.form["includeDelivered"] == "true", by: page.user)
                let canceled =
                    outcome.entriesCanceled > 0 ? ", \(outcome.entriesCanceled) delivered entries canceled" : ""
                let followUp = outcome.followUpSegmentDeleted.map { ", follow-up segment \($0.text) deleted" } ?? ""
                return await page.redirect(
                    "/segments/\(WebRoutes.segment(outcome.segmentNo.text))",
                    notice: "Logged segment \(entryNo) was rolled back: \(outcome.entriesDeleted) entries deleted"
                        + "\(canceled), \(outcome.deliveriesDropped) deliveries dropped\(followUp). Segment "
                        + "\(outcome.segmentNo.text) is back.")
            } catch let error as RapportError where error.kind == .conflict {
                // Delivered since the preview (or never possible): the page says why, with the preview again.
                var data = Self.base(entryNo, page)
                data["error"] = error.message
                data["preview"] = try? await Self.preview(rollbacks.preview(entryNo))
                return page.render(
                    "rollback", title: "Roll back logged segment \(entryNo)", data: data, status: .conflict)
            }
        }
    }

    static func base(_ entryNo: LoggedSegment.EntryNo, _ page: WebRequest) -> [String: Any] {
        [
            "entryNo": String(entryNo.value), "path": "/logged-segments/\(entryNo.value)/rollback",
            "canWrite": page.user.role >= .marketer,
        ]
    }

    static func preview(_ preview: LogRollback.Preview) -> [String: Any] {
        [
            "segmentNo": preview.segmentNo.text, "entries": preview.entries,
            "campaignEntries": preview.campaignEntries, "deliveriesQueued": preview.deliveriesQueued,
            "deliveriesSent": preview.deliveriesSent, "documents": preview.documents,
            "hasDelivered": preview.deliveriesSent > 0, "followUpSegmentNo": preview.followUpSegmentNo?.text ?? "",
            "hasFollowUp": preview.followUpSegmentNo != nil,
        ]
    }
}
