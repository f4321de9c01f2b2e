import Foundation
import RapportCore
import RapportStorage

/// Form fields drawn from the same resource descriptions the API decodes with: a field's input,
/// label, choices and error come from its `FieldSpec`, and a posted form becomes the JSON body the use
/// case already validates, so a page's messages name the same fields as the API's.
struct WebFields {
    let spec: ResourceSpec
    let names: [String]
    /// Choices for reference fields (`salespersonCode` → salespeople), loaded by the page.
    var choices: [String: [(value: String, label: String)]] = [:]
    /// The name prefix of the inputs (`line.` when several forms share a page).
    var idPrefix = ""

    /// Views for Mustache's `field` partial. `form` is what the user typed (shown again after an
    /// error); otherwise the stored `values`.
    func views(values: JSONValue?, form: WebForm? = nil, error: RapportError? = nil) -> [[String: Any]] {
        names.compactMap { name in
            guard let field = spec.field(named: name) else { return nil }
            var view: [String: Any] = [
                "id": idPrefix + name.replacingOccurrences(of: ".", with: "-"), "name": name,
                "label": Self.label(name),
            ]
            let stored = values?.objectValue?[name]
            let typed = form?.values[name]
            if let error, error.field == name { view["error"] = error.message }
            if !field.summary.isEmpty { view["hint"] = field.summary }
            switch field.kind {
            case .boolean:
                view["isCheckbox"] = true
                view["checked"] = typed.map { $0 == "true" } ?? (stored == .bool(true))
            case .enumeration(let values):
                let current = typed ?? Self.text(stored)
                view["isSelect"] = true
                view["options"] = Self.optionsHTML(
                    [("", "(none)")] + values.map { ($0, Self.humanize($0)) }, selected: current)
            case .reference where choices[name] != nil:
                let current = typed ?? Self.text(stored)
                var options = [(value: "", label: "(none)")] + (choices[name] ?? [])
                if !current.isEmpty, !(choices[name] ?? []).contains(where: { $0.value == current }) {
                    options.append((current, current))
                }
                view["isSelect"] = true
                view["options"] = Self.optionsHTML(options, selected: current)
            case .secret(let maxLength):
                view["inputType"] = "password"
                view["maxlength"] = maxLength
                view["value"] = ""
            default:
                view["inputType"] = field.kind.isDate ? "date" : "text"
                if field.kind.isNumber { view["inputmode"] = "decimal" }
                if let maxLength = field.kind.maxLength { view["maxlength"] = maxLength }
                view["value"] = typed ?? Self.text(stored)
                if case .codeList = field.kind { view["hint"] = "Codes separated by commas." }
                WebLookup.add(WebLookup.view(kind: field.kind), to: &view)
            }
            if view["error"] != nil { view["invalid"] = true }
            return view
        }
    }

    /// A drop-down's `<option>` elements, each value and label escaped as the templates escape them. Written
    /// here rather than in `field.mustache`: a grid of 100 lines has some 2,500 options, and the template's
    /// per-option lookups were a third of a loaded server's CPU.
    static func optionsHTML(_ options: [(value: String, label: String)], selected: String) -> String {
        var html = ""
        for option in options {
            html += "<option value=\"" + WebChart.escape(option.value) + "\""
            if option.value == selected { html += " selected" }
            html += ">" + WebChart.escape(option.label) + "</option>"
        }
        return html
    }

    /// The JSON body of a posted form: only the fields this form shows, as the API would receive them.
    /// Text that is not a number stays text, so the decoder names the field in its refusal. A new
    /// record leaves blank fields out, so the rules' defaults apply (a segment's salesperson).
    func body(_ form: WebForm, omittingBlanks: Bool = false) -> JSONObject {
        var body = JSONObject()
        for name in names {
            guard let field = spec.field(named: name), field.isWritable, let raw = form.values[name] else { continue }
            if omittingBlanks, raw.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let text = raw.trimmingCharacters(in: .whitespaces)
            switch field.kind {
            case .boolean:
                body[name] = .bool(raw == "true")
            case .decimal, .integer:
                // Blank is 0, or null where null is the default (an unset rate limit).
                let blank: JSONValue = field.defaultValue == .null ? .null : .number(0)
                body[name] = text.isEmpty ? blank : Double(text).map { .number($0) } ?? .string(raw)
            case .enumeration, .date, .reference:
                body[name] = text.isEmpty ? .null : .string(text)
            case .codeList:
                body[name] = .array(
                    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                        .map { .string($0) })
            case .secret:
                if !raw.isEmpty { body[name] = .string(raw) }
            case .code, .text:
                body[name] = .string(raw)
            case .children:
                continue
            }
        }
        return body
    }

    /// Whether an error belongs next to one of this form's fields (else the page shows it on top).
    func places(_ error: RapportError?) -> Bool {
        guard let field = error?.field else { return false }
        return names.contains(field)
    }

    static func text(_ value: JSONValue?) -> String {
        switch value {
        case .none, .null?: return ""
        case .string(let text)?: return text
        case .bool(let flag)?: return flag ? "true" : "false"
        case .number(let number)?:
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .array(let items)?: return items.map { text($0) }.joined(separator: ", ")
        case .object?: return ""
        }
    }

    static let labels: [String: String] = [
        "no": "No.", "languageCodeDefault": "Language code (default)", "subjectDefault": "Subject (default)",
        "correspondenceTypeDefault": "Correspondence type (default)", "campaignNo": "Campaign no.",
        "companyNo": "Company no.", "phoneNo": "Phone no.", "mobilePhoneNo": "Mobile phone no.",
        "email": "E-mail", "contactNo": "Contact no.", "segmentNos": "Segment nos.", "contactNos": "Contact nos.",
        "smtp.fromAddress": "SMTP from address", "vatRegistrationNo": "VAT registration no.",
        "sendWordDocsAsAttachment": "Send Word documents as attachment",
        "sendWordDocAsAttachment": "Send Word document as attachment",
    ]

    /// `salespersonCode` → `Salesperson code`; `smtp.host` → `SMTP host`.
    static func label(_ name: String) -> String {
        if let label = labels[name] { return label }
        let parts = name.split(separator: ".").map(String.init)
        let words = FilterTable.caption(parts.last ?? name).lowercased()
        switch parts.first {
        case "smtp" where parts.count > 1: return "SMTP " + words
        case "companyInformation" where parts.count > 1: return "Company " + words
        default: return words.prefix(1).uppercased() + words.dropFirst()
        }
    }

    /// `hardCopy` → `Hard copy`, `startTls` → `STARTTLS`.
    static func humanize(_ value: String) -> String {
        switch value {
        case "email": return "E-mail"
        case "startTls": return "STARTTLS"
        case "tls": return "TLS"
        default:
            let caption = FilterTable.caption(value)
            return caption.prefix(1) + caption.dropFirst().lowercased()
        }
    }
}

extension FieldKind {
    var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    var isNumber: Bool {
        switch self {
        case .decimal, .integer: true
        default: false
        }
    }

    var maxLength: Int? {
        switch self {
        case .code(let length), .text(let length): length < 10_000 ? length : nil
        case .reference(let target): target.maxLength
        default: nil
        }
    }
}

extension WebRoutes {
    /// The drop-down choices of a page: field name to (code, "code – description") in the list's order.
    typealias Choices = [String: [(value: String, label: String)]]

    /// Choices for the reference fields among `names` (code and description), when the list is short
    /// enough for a drop-down; longer lists stay text inputs.
    func choices(_ spec: ResourceSpec, _ names: [String]) async throws -> Choices {
        try await choices([(spec, names)])[0]
    }

    /// The choices of several forms' fields, each list read once and all in one transaction: a worksheet has
    /// six lists in two forms, and each list used to wait its turn for a reader (a pooled connection) on a busy
    /// server.
    func choices(_ forms: [(spec: ResourceSpec, names: [String])]) async throws -> [Choices] {
        var byTable: [String: ResourceService] = [:]
        let targets = forms.map { form in
            form.names.compactMap { name -> (name: String, table: String)? in
                guard let field = form.spec.field(named: name), case .reference(let target) = field.kind,
                    let service = services.masterData.first(where: { $0.spec.table == target.table })
                else { return nil }
                byTable[target.table] = service
                return (name, target.table)
            }
        }
        let tables = byTable.keys.sorted()
        let pages = try await ResourceService.firstPages(of: tables.compactMap { byTable[$0] }, limit: 500)
        var lists: [String: [(value: String, label: String)]] = [:]
        for (table, page) in zip(tables, pages) where page.nextCursor == nil {
            let key = byTable[table]?.spec.keyName ?? ""
            lists[table] = page.items.map { item in
                let code = item.text(key)
                let text = item.scalars["description"] != nil ? item.text("description") : item.text("name")
                return (code, text.isEmpty ? code : "\(code) – \(text)")
            }
        }
        return targets.map { fields in
            var choices: Choices = [:]
            for (name, table) in fields { choices[name] = lists[table] }
            return choices
        }
    }
}
