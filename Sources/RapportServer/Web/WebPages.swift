import Foundation
import Hummingbird
import RapportCore
import RapportStorage

extension WebRoutes {
    /// JSON as the plain values Mustache reads.
    static func plain(_ value: JSONValue) -> Any {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag
        case .number(let number): return number == number.rounded() ? String(Int64(number)) : String(number)
        case .string(let text): return text
        case .array(let items): return items.map(plain)
        case .object(let object):
            var dictionary: [String: Any] = [:]
            for member in object.members { dictionary[member.key] = plain(member.value) }
            return dictionary
        }
    }

    func contactsPage(_ request: Request, _ session: WebSessions.Session) async throws -> Response {
        let q = request.queryValue("q") ?? ""
        let city = request.queryValue("city") ?? ""
        var parameters: [(name: String, value: String)] = [("limit", "50")]
        if !q.isEmpty { parameters.append(("name", "@*" + q.replacingOccurrences(of: "'", with: "''") + "*")) }
        if !city.isEmpty { parameters.append(("city", city)) }
        if let cursor = request.queryValue("cursor") { parameters.append(("cursor", cursor)) }
        var data: [String: Any] = ["q": q, "city": city]
        do {
            let page = try await services.contacts.list(ListQuery(parameters: parameters))
            data["items"] = page.items.map(Self.plain)
            data["count"] = page.items.count
            if let next = page.nextCursor {
                let query = [("q", q), ("city", city), ("cursor", next)].map {
                    "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                }.joined(separator: "&")
                data["next"] = "/contacts?" + query
            }
            return render("contacts", title: "Contacts", data: data, session: session)
        } catch {
            data["error"] = error.message
            data["items"] = [Any]()
            return render("contacts", title: "Contacts", data: data, session: session, status: .unprocessableContent)
        }
    }

    func segmentsPage(
        _ session: WebSessions.Session, notice: String?, error: String?, form: WebForm = WebForm("")
    )
        async throws -> Response
    {
        let page = try await services.segments.list(ListQuery(limit: 1000))
        let data: [String: Any] = [
            "items": page.items.map(Self.plain), "error": error as Any, "description": form["description"],
            "template": form["interactionTemplateCode"],
        ]
        return render(
            "segments", title: "Segments", data: data, session: session,
            status: error == nil ? .ok : .unprocessableContent, notice: notice)
    }

    func createSegment(_ form: WebForm, _ session: WebSessions.Session) async throws -> Response {
        var body = JSONObject([("description", .string(form["description"]))])
        if !form["interactionTemplateCode"].isEmpty {
            body["interactionTemplateCode"] = .string(form["interactionTemplateCode"])
        }
        do {
            let created = try await services.segments.create(.object(body), by: session.user)
            return Self.redirect("/segments/\(created.member("no").flatMap(\.stringValue) ?? "")")
        } catch {
            let field = error.field.map { "\($0): " } ?? ""
            return try await segmentsPage(session, notice: nil, error: field + error.message, form: form)
        }
    }

    func segmentPage(
        _ no: String, _ session: WebSessions.Session, error: String? = nil, preview: String? = nil,
        problems: [JSONValue] = [], notice: String? = nil, form: WebForm = WebForm(""),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let header: JSONValue
        do {
            header = try await services.segments.get(no)
        } catch {
            return render(
                "segments", title: "Not found", data: ["items": [Any]()], session: session, status: .notFound,
                notice: error.message)
        }
        let lines = try await services.segmentLines.list(no, ListQuery(limit: 1000))
        let criteria = try await services.segmentCriteria.criteria(no)
        let data: [String: Any] = [
            "header": Self.plain(header), "lines": lines.items.map(Self.plain),
            "criteria": Self.plain(criteria.member("items") ?? .array([])), "error": error as Any,
            "preview": preview as Any,
            "problems": problems.map(Self.plain),
            "form": [
                "salespersonCode": form["contact.salespersonCode"], "city": form["contact.city"],
                "type": form["contact.type"], "mailingGroup": form["mailingGroups.code"],
                "industryGroup": form["industryGroups.code"],
            ],
        ]
        return render("segment", title: "Segment \(no)", data: data, session: session, status: status, notice: notice)
    }

    /// The filters object of the worksheet form.
    static func filters(_ form: WebForm) -> JSONValue {
        var filters = JSONObject()
        for table in ["contact", "mailingGroups", "industryGroups"] {
            let fields = form.group(table)
            guard !fields.isEmpty else { continue }
            filters[table] = .object(JSONObject(fields.map { ($0.0, .string($0.1)) }))
        }
        return .object(filters)
    }

    func selectContacts(_ no: String, _ form: WebForm, _ session: WebSessions.Session) async throws -> Response {
        let kindName = form["action"] == "preview" ? "add" : form["action"]
        guard let kind = CriteriaActionKind(rawValue: kindName) else {
            return try await segmentPage(
                no, session, error: "Choose Preview, Add, Reduce or Refine.", form: form,
                status: .unprocessableContent)
        }
        var body = JSONObject([("filters", Self.filters(form))])
        if kind == .add {
            for option in ["expandCompanies", "allowRelatedCompanies", "ignoreExclusion"] where form[option] == "true" {
                body[option] = .bool(true)
            }
        }
        do {
            let action = try CriteriaAction.parse(.object(body), kind: kind)
            if form["action"] == "preview" {
                let preview = try await services.segmentCriteria.preview(action, on: no)
                let skipped = preview.member("skipped")
                let would = preview.member("wouldAdd").flatMap(\.numberValue) ?? 0
                let excluded = skipped?.member("excludedFromSegment").flatMap(\.numberValue) ?? 0
                let already = skipped?.member("alreadyInSegment").flatMap(\.numberValue) ?? 0
                let text =
                    "\(Int(would)) contacts would be added (\(Int(excluded)) excluded from segments, "
                    + "\(Int(already)) already in the segment)."
                return try await segmentPage(no, session, preview: text, form: form)
            }
            let outcome = try await services.segmentCriteria.run(action, on: no)
            let text = kind == .add ? "\(outcome.linesAdded) lines added." : "\(outcome.linesRemoved) lines removed."
            return try await segmentPage(no, session, notice: text)
        } catch let error as RapportError {
            let field = error.field.map { "\($0): " } ?? ""
            return try await segmentPage(
                no, session, error: field + error.message, form: form,
                status: .unprocessableContent)
        }
    }

    func log(_ no: String, _ form: WebForm, _ session: WebSessions.Session) async throws -> Response {
        do {
            let outcome = try await services.logger.log(
                no, send: form["send"] == "true", createFollowUp: form["createFollowUpSegment"] == "true",
                by: session.user)
            var notice =
                "Segment \(no) was logged: \(outcome.interactionsLogged) interactions (logged segment \(outcome.loggedSegmentEntryNo))."
            if let followUp = outcome.followUpSegmentNo { notice += " Follow-up segment \(followUp) was created." }
            return try await segmentsPage(session, notice: notice, error: nil)
        } catch let error as RapportError {
            return try await segmentPage(
                no, session, error: error.message,
                problems: error.details.map(SegmentLogger.json), status: .unprocessableContent)
        }
    }
}

extension JSONValue {
    func member(_ key: String) -> JSONValue? { objectValue?[key] }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }
}
