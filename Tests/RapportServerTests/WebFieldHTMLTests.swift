import RapportCore
import Testing

@testable import RapportServer

/// `WebFields.html` writes what the `field` partial renders, so the worksheet's grid (written in Swift) and every
/// form (the partial) show a field the same way.
@Suite("A field's HTML written in Swift")
struct WebFieldHTMLTests {
    let library = try? WebAssets().templates.library

    /// Each view rendered both ways.
    func expectSame(_ views: [[String: Any]], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let library = try #require(library)
        for view in views {
            let partial = try #require(library.render(view, withTemplate: "field"))
            #expect(WebFields.html(view) == partial, "\(view["name"] ?? "")", sourceLocation: sourceLocation)
        }
    }

    @Test func theWorksheetGridCellsAreWhatThePartialRenders() throws {
        let line: JSONValue = .object(
            JSONObject([
                ("correspondenceType", .string("email")), ("languageCode", .string("FRA")),
                ("subject", .string("Spring \"sale\" & <more>, it's on")),
            ]))
        let choices: WebRoutes.Choices = ["languageCode": [("ENU", "ENU – English"), ("FRA", "FRA – Français")]]
        let error = RapportError(.validationFailed, "The subject is <too> long.", field: "subject")
        for (values, failure) in [(line, nil), (line, error)] as [(JSONValue, RapportError?)] {
            let cells = WebFields(
                spec: Catalog.segmentLines, names: WorksheetPages.gridFields, choices: choices, idPrefix: "l10000-"
            ).views(values: values, error: failure).map { cell in
                var cell = cell
                cell["formId"] = "line-10000-form"
                cell["compact"] = true
                cell["label"] = "\(cell["label"] ?? ""), line 10000"
                return cell
            }
            #expect(cells.count == 3)
            try expectSame(cells)
        }
        // The drop-down of a language with no list (a long one) is a text input with a lookup.
        let noChoices = WebFields(spec: Catalog.segmentLines, names: WorksheetPages.gridFields).views(values: line)
        #expect(noChoices[1]["lookup"] as? String == "/api/v1/languages")
        try expectSame(noChoices)
    }

    @Test func everyKindOfFieldIsWhatThePartialRenders() throws {
        let header: JSONValue = .object(
            JSONObject([
                ("no", .string("SEG01")), ("description", .string("Tom & Jerry's \"letters\"")),
                ("sendWordDocsAsAttachment", .bool(true)), ("campaignTarget", .bool(false)),
                ("costTotal", .number(12.5)),
            ]))
        for spec in [Catalog.segments, Catalog.segmentLines, Catalog.contacts] {
            let fields = WebFields(spec: spec, names: spec.fields.map(\.name))
            let error = RapportError(.validationFailed, "Not <this>.", field: spec.fields[1].name)
            try expectSame(fields.views(values: header))
            try expectSame(fields.views(values: header, error: error))
            try expectSame(
                fields.views(values: header).map {
                    var compact = $0
                    compact["compact"] = true
                    compact["formId"] = "a-form"
                    return compact
                })
        }
        try expectSame([
            [
                "id": "f-city", "name": "city", "label": "City", "inputType": "text", "filter": true,
                "value": "Leeds|York",
            ],
            [
                "id": "f-x", "name": "x", "label": "X", "isCheckbox": true, "checked": true, "error": "No",
                "invalid": true,
            ],
        ])
    }

    /// A quote or `<` followed by a combining mark is one Character but still a quote or `<` in the HTML: both ways
    /// escape it, so the value cannot close its attribute or open a tag. (Built with `+`: a literal of a quote and a
    /// mark confuses `#expect` itself.)
    @Test func aQuoteFollowedByACombiningMarkIsEscapedBothWays() throws {
        let mark = "\u{301}"
        let value = "x\"" + mark + " onfocus=alert(1) <" + mark + "b>Zoë 👩‍💻 שלום"
        let escaped = "x&quot;" + mark + " onfocus=alert(1) &lt;" + mark + "b&gt;Zoë 👩‍💻 שלום"
        let view: [String: Any] = [
            "id": "f-name", "name": "name", "label": "Name", "inputType": "text", "value": value,
        ]
        try expectSame([view])
        let html = WebFields.html(view)
        #expect(html.contains("value=\"" + escaped + "\""))
        #expect(!html.contains(value))
        // A whole page goes through the same escaping (the pragma `WebTemplates` puts before each template).
        let library = try #require(library)
        let page = try #require(library.render(["title": value, "content": ""], withTemplate: "layout"))
        #expect(page.contains(escaped))
        #expect(!page.contains(value))
    }
}
