import Foundation
import HTTPTypes
import Hummingbird
import RapportCore
import RapportStorage

/// What the contact card's interaction forms show again after a refusal: what was typed, and the error.
struct InteractionForms {
    var interaction: (form: WebForm, error: RapportError)?
    var call: (form: WebForm, error: RapportError)?

    var status: HTTPResponse.Status {
        (interaction?.error ?? call?.error).map { WebRoutes.status(for: $0.kind) } ?? .ok
    }
}

/// Recording interactions from the web UI: one interaction or a phone call from the contact card, a call
/// from a segment line, an entry evaluated later, and canceled entries deleted (issue 11).
struct InteractionPages {
    let web: WebRoutes

    static let interactionSpec = ResourceSpec(
        path: "", label: "interaction", table: "", fields: SingleInteractionController.interactionFields)
    static let callSpec = ResourceSpec(
        path: "", label: "phone call", table: "", fields: SingleInteractionController.phoneCallFields)
    /// Attempt Failed belongs to calls (the form below); one checkbox name per page keeps them unambiguous.
    static let interactionNames = [
        "interactionTemplateCode", "description", "date", "timeOfInteraction", "correspondenceType", "evaluation",
        "contactVia", "send",
    ]
    static let callNames = ["description", "evaluation", "attemptFailed", "contactVia"]

    func register(_ pages: WebPageTable) {
        let services = web.services
        let contacts = ContactPages(web: web)
        pages.post("/contacts/{no}/interactions", "recordInteraction", "Record one interaction with the contact.") {
            page in
            let no = try page.parameter("no")
            do {
                let json = Self.body(page.form, names: Self.interactionNames, spec: Self.interactionSpec)
                let interaction = try SingleInteractionController.decodeInteraction(json)
                let entry = try await services.singleInteractions.record(
                    interaction, with: Contact.No(no), by: page.user)
                return await page.redirect(
                    Self.card(no),
                    notice: "Interaction \(Catalog.interactionLogEntries.keyText(of: entry)) was recorded.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await contacts.card(page, no: no, forms: InteractionForms(interaction: (page.form, error)))
            }
        }
        pages.post("/contacts/{no}/phone-calls", "recordPhoneCall", "Record a phone call with the contact.") { page in
            let no = try page.parameter("no")
            do {
                let call = try SingleInteractionController.decodePhoneCall(
                    Self.body(page.form, names: Self.callNames, spec: Self.callSpec))
                let entry = try await services.singleInteractions.phoneCall(call, with: Contact.No(no), by: page.user)
                return await page.redirect(
                    Self.card(no),
                    notice: "Phone call \(Catalog.interactionLogEntries.keyText(of: entry)) was recorded.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await contacts.card(page, no: no, forms: InteractionForms(call: (page.form, error)))
            }
        }
        pages.post(
            "/segments/{no}/lines/{lineNo}/phone-call", "linePhoneCall", "Record a phone call with the line's contact."
        ) { page in
            let (no, lineNo) = (try page.segmentNo, try page.lineNo)
            let back = "/segments/\(WebRoutes.segment(no.text))/lines/\(lineNo)"
            do {
                let call = PhoneCall(attemptFailed: page.form["attemptFailed"] == "true")
                let entry = try await services.singleInteractions.phoneCall(call, on: no, line: lineNo, by: page.user)
                return await page.redirect(
                    back, notice: "Phone call \(Catalog.interactionLogEntries.keyText(of: entry)) was recorded.")
            } catch let error as RapportError where error.kind != .notFound {
                return await page.redirect(back, notice: error.message)
            }
        }
        EntryPages(web: web).register(pages)
    }

    static func card(_ no: String) -> String { "/contacts/\(WebRoutes.segment(no))" }

    /// The JSON body of a posted interaction form, with its comment box as one comment line.
    static func body(_ form: WebForm, names: [String], spec: ResourceSpec) -> JSONValue {
        var body = WebFields(spec: spec, names: names).body(form, omittingBlanks: true)
        let comment = form["comment"].trimmingCharacters(in: .whitespacesAndNewlines)
        if !comment.isEmpty { body["comments"] = .array([.string(comment)]) }
        return .object(body)
    }

    /// The two forms of the contact card, with the templates to choose from.
    func forms(_ state: InteractionForms) async throws -> [String: Any] {
        let choices = try await web.choices(Self.interactionSpec, ["interactionTemplateCode"])
        let interaction = WebFields(
            spec: Self.interactionSpec, names: Self.interactionNames, choices: choices, idPrefix: "i-")
        let call = WebFields(spec: Self.callSpec, names: Self.callNames, idPrefix: "c-")
        var data: [String: Any] = [
            "interactionFields": interaction.views(
                values: nil, form: state.interaction?.form, error: state.interaction?.error),
            "interactionComment": state.interaction?.form["comment"] ?? "",
            "callFields": call.views(values: nil, form: state.call?.form, error: state.call?.error),
            "callComment": state.call?.form["comment"] ?? "",
        ]
        if let error = state.interaction?.error, !interaction.places(error) { data["interactionError"] = error.message }
        if let error = state.call?.error, !call.places(error) { data["callError"] = error.message }
        return data
    }
}
