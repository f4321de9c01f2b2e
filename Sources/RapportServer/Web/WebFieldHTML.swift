/// The `field` partial (`templates/field.mustache`) written in Swift, byte for byte what Mustache makes of the
/// same view (a test holds the two together). The worksheet's grid has three fields on each of its 100 lines, and
/// Mustache looked each of a cell's ~25 names up through the context stack with dynamic casts, most of them names
/// the cell does not have (so every level was searched): rendering the worksheet was a third of a loaded
/// server's CPU (perf), and the worksheet was the slowest read of the load scenario.
extension WebFields {
    /// The HTML of one field view (`views(values:form:error:)`), as the `field` partial renders it.
    static func html(_ view: [String: Any]) -> String {
        let field = FieldView(view)
        var html = ""
        if field.has("isCheckbox") {
            html += "<div class=\"field check\"><input type=\"hidden\" name=\"" + field["name"] + "\" value=\"false\""
            html += field.attribute("formId", " form=\"", field["formId"], "\"")
            html += "><input type=\"checkbox\" id=\"" + field["id"] + "\" name=\"" + field["name"] + "\" value=\"true\""
            html += field.attribute("compact", " aria-label=\"", field["label"], "\"")
            html += field.attribute("checked", " checked", "", "")
            html += field.attribute("formId", " form=\"", field["formId"], "\"")
            html += field.attribute("invalid", " aria-invalid=\"true\" aria-describedby=\"", field["id"], "-error\"")
            html += ">"
            if !field.has("compact") { html += "<label for=\"" + field["id"] + "\">" + field["label"] + "</label>" }
            html += "\n" + field.error + "</div>"
        }
        html += "\n"
        guard !field.has("isCheckbox") else { return html }
        html += "<div class=\"field\">"
        if !field.has("compact") { html += "<label for=\"" + field["id"] + "\">" + field["label"] + "</label>" }
        html += "\n"
        if field.has("isSelect") {
            html += "<select id=\"" + field["id"] + "\" name=\"" + field["name"] + "\""
            html += field.attribute("compact", " aria-label=\"", field["label"], "\"")
            html += field.attribute("formId", " form=\"", field["formId"], "\"")
            html += field.attribute("invalid", " aria-invalid=\"true\" aria-describedby=\"", field["id"], "-error\"")
            // `{{{options}}}`: already HTML (`optionsHTML`).
            html += ">" + field.raw("options") + "</select>"
        }
        html += "\n"
        if !field.has("isSelect") {
            html += "<input id=\"" + field["id"] + "\" name=\"" + field["name"] + "\" type=\"" + field["inputType"]
            html += "\" value=\"" + field["value"] + "\""
            html += field.attribute("compact", " aria-label=\"", field["label"], "\"")
            html += field.attribute("maxlength", " maxlength=\"", field["maxlength"], "\"")
            html += field.attribute("inputmode", " inputmode=\"", field["inputmode"], "\"")
            html += field.attribute("formId", " form=\"", field["formId"], "\"")
            html += field.attribute("filter", " data-filter", "", "")
            if field.has("lookup") {
                html += " data-lookup=\"" + field["lookup"] + "\" data-lookup-key=\"" + field["lookupKey"]
                html += "\" data-lookup-text=\"" + field["lookupText"] + "\" autocomplete=\"off\""
            }
            html += field.attribute("invalid", " aria-invalid=\"true\" aria-describedby=\"", field["id"], "-error\"")
            if !field.has("invalid") { html += field.attribute("hint", " aria-describedby=\"", field["id"], "-hint\"") }
            html += ">"
        }
        html += "\n"
        if !field.has("compact"), field.has("hint") {
            html += "<span class=\"hint\" id=\"" + field["id"] + "-hint\">" + field["hint"] + "</span>"
        }
        return html + "\n" + field.error + "</div>"
    }

    /// A view read as Mustache reads it: a section shows for `true` and for any other value that is there, and a
    /// `{{name}}` is the value's text, escaped.
    private struct FieldView {
        let view: [String: Any]

        init(_ view: [String: Any]) {
            self.view = view
        }

        func has(_ name: String) -> Bool {
            guard let value = view[name] else { return false }
            return value as? Bool ?? true
        }

        subscript(_ name: String) -> String {
            WebChart.escape(raw(name))
        }

        func raw(_ name: String) -> String {
            view[name].map { "\($0)" } ?? ""
        }

        /// `{{#name}}before value after{{/name}}`.
        func attribute(_ name: String, _ before: String, _ value: String, _ after: String) -> String {
            has(name) ? before + value + after : ""
        }

        /// `{{#error}}<span class="error" id="{{id}}-error">{{error}}</span>{{/error}}`.
        var error: String {
            has("error") ? "<span class=\"error\" id=\"" + self["id"] + "-error\">" + self["error"] + "</span>" : ""
        }
    }
}
