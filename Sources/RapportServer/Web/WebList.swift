import Foundation
import HTTPTypes
import RapportCore
import RapportStorage

/// A filtered, paged list page over a resource: the filter inputs (BC filter expressions, or plain
/// text searched as "contains"), one page of rows and the link to the next. A wrong filter is shown
/// next to its input and the list stays empty.
struct WebList {
    /// The resource whose fields are filtered.
    let spec: ResourceSpec
    let filterNames: [String]
    var limit = 50
    /// Reads one page, in the API's JSON shape.
    let fetch: @Sendable (ListQuery) async throws(RapportError) -> Page<JSONValue>

    init(service: ResourceService, filterNames: [String], limit: Int = 50) {
        let codec = ResourceCodec(service.spec)
        self.init(spec: service.spec, filterNames: filterNames, limit: limit) { query throws(RapportError) in
            try await service.list(query).map(codec.encode)
        }
    }

    init(
        spec: ResourceSpec, filterNames: [String], limit: Int = 50,
        fetch: @escaping @Sendable (ListQuery) async throws(RapportError) -> Page<JSONValue>
    ) {
        self.spec = spec
        self.filterNames = filterNames
        self.limit = limit
        self.fetch = fetch
    }

    func load(_ page: WebRequest, path: String, fixed: [(String, String)] = []) async -> [String: Any] {
        var parameters: [(name: String, value: String)] = [("limit", String(limit))]
        var typed: [(String, String)] = []
        for name in filterNames {
            let value = page.query(name).trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { continue }
            typed.append((name, value))
            let field = spec.field(named: name)
            parameters.append((name, Self.expression(value, field?.kind, caseless: field?.isFolded ?? false)))
        }
        parameters += fixed.map { (name: $0.0, value: $0.1) }
        let cursor = page.query("cursor")
        if !cursor.isEmpty { parameters.append(("cursor", cursor)) }
        var data: [String: Any] = [:]
        var error: RapportError?
        do {
            let result = try await fetch(ListQuery(parameters: parameters))
            data["items"] = result.items.map(WebRoutes.plain)
            data["count"] = result.items.count
            if let next = result.nextCursor {
                data["next"] = path + "?" + WebRoutes.query(typed + [("cursor", next)])
            }
        } catch let failure {
            error = failure
            data["items"] = [Any]()
            data["count"] = 0
        }
        data["filters"] = filterViews(page, error: error)
        if let error, !filterNames.contains(error.field ?? "") { data["error"] = error.message }
        data["filterQuery"] = WebRoutes.query(typed)
        data["csvColumns"] = spec.fields.filter { field in
            if case .secret = field.kind { return false }
            return true
        }.map(\.name)
        data["csvLink"] = path + "?" + WebRoutes.query(typed + [("cursor", cursor), ("format", "csv")])
        data["failed"] = error != nil
        return data
    }

    /// A list whose filter was refused answers 422, as every refused form does.
    static func status(_ data: [String: Any]) -> HTTPResponse.Status {
        data["failed"] as? Bool == true ? .unprocessableContent : .ok
    }

    /// Plain words search "contains" (case-insensitively where the field keeps a folded copy: `@` is refused
    /// elsewhere); anything with filter syntax is taken as written.
    static func expression(_ value: String, _ kind: FieldKind?, caseless: Bool = true) -> String {
        guard case .text? = kind, value.rangeOfCharacter(from: CharacterSet(charactersIn: "*|&.<>=@'()")) == nil
        else { return value }
        return (caseless ? "@*" : "*") + value + "*"
    }

    private func filterViews(_ page: WebRequest, error: RapportError?) -> [[String: Any]] {
        filterNames.map { name in
            let value = page.query(name)
            var view: [String: Any] = [
                "id": "filter-" + name, "name": name, "label": WebFields.label(name), "value": value,
            ]
            switch spec.field(named: name)?.kind {
            case .enumeration(let values)?:
                view["isSelect"] = true
                view["options"] = WebFields.optionsHTML(
                    [("", "(any)")] + values.map { ($0, WebFields.humanize($0)) }, selected: value)
            case .boolean?:
                view["isSelect"] = true
                view["options"] = WebFields.optionsHTML(
                    [("", "(any)"), ("true", "Yes"), ("false", "No")], selected: value)
            case .date?:
                view["inputType"] = "text"
                view["hint"] = "A date or a range: 2026-01-01..2026-03-31"
            case let kind:
                view["inputType"] = "text"
                WebLookup.add(WebLookup.view(kind: kind), to: &view)
            }
            if let error, error.field == name {
                view["error"] = error.message
                view["invalid"] = true
            }
            return view
        }
    }
}
