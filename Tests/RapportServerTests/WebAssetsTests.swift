import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RapportApp
import RapportCore
import Testing

@testable import RapportServer

@Suite("Web templates and static files")
struct WebAssetsTests {
    @Test func theBuiltInTemplatesAndFilesAllLoad() throws {
        let assets = try WebAssets()
        for name in [
            "layout", "field", "csrf", "error", "sign-in", "worksheet", "contact", "job", "user", "template", "setup",
        ] {
            #expect(assets.templates.library.getTemplate(named: name) != nil, "\(name)")
        }
        #expect(assets.staticFiles.files.keys.sorted() == ["live-count.js", "lookup.js", "rapport.css", "rapport.js"])
        let version = try #require(assets.staticFiles.files["rapport.css"]?.version)
        #expect(assets.staticFiles.url("rapport.css") == "/static/rapport.css?v=\(version)")
    }

    /// The content-type pragma `WebTemplates` puts before each template changes nothing a template renders: a partial
    /// alone on the first line is still standalone (its line's newline goes), and values are escaped.
    @Test func theContentTypePragmaLeavesWhatATemplateRendersAsItWas() throws {
        let root = try Self.folder([
            "templates/layout.mustache": "<main>{{{content}}}</main>\n",
            "templates/page.mustache": "{{>part}}\n<h2>{{title}}</h2>\n",
            "templates/part.mustache": "<p>a</p>\n",
            "static/rapport.css": "body{margin:0}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let library = try WebTemplates(directory: root.appendingPathComponent("templates")).library
        #expect(
            library.render(["title": "<Tom & \"Jerry\">"], withTemplate: "page")
                == "<p>a</p><h2>&lt;Tom &amp; &quot;Jerry&quot;&gt;</h2>")
    }

    @Test func aTemplateThatDoesNotParseNamesItsFileAndLine() async throws {
        let root = try Self.folder([
            "templates/layout.mustache": "<main>{{{content}}}</main>\n",
            "templates/broken.mustache": "<h1>{{title}}</h1>\n<ul>\n{{#items}}<li>{{name}}</li>{{/item}}\n</ul>\n",
            "static/rapport.css": "body{margin:0}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let error = #expect(throws: WebAssetError.self) {
            try WebTemplates(directory: root.appendingPathComponent("templates"))
        }
        #expect(error?.file == "broken.mustache")
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("web file broken.mustache, line 3: sectionCloseNameIncorrect") == true)
        // Building the application stops on it too, so `serve` never starts without its pages.
        let services = try await DatabaseOpener.open(":memory:")
        let built = #expect(throws: WebAssetError.self) {
            _ = try buildApplication(
                services: services, configuration: ServerConfiguration(runsDelivery: false, webDirectory: root))
        }
        #expect(built?.file == "broken.mustache")
        try await services.store.close()
    }

    @Test func aMissingFolderOrAnUnknownKindOfFileIsRefused() throws {
        let root = try Self.folder([
            "templates/layout.mustache": "{{{content}}}", "static/notes.txt": "not served",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: WebAssetError.self) { try WebTemplates(directory: root.appendingPathComponent("none")) }
        let unknown = #expect(throws: WebAssetError.self) { try WebAssets(directory: root) }
        #expect(unknown?.file == "notes.txt")
    }

    /// No page carries inline script, inline style, event handler attributes or `javascript:` links, so a
    /// strict Content-Security-Policy (`script-src 'self'; style-src 'self'`) can be set.
    @Test func noPageHasInlineScriptOrStyle() async throws {
        try await withAPI { api, services in
            var (browser, pages) = try await Self.visitEveryPage(api, services)
            let csv = "no,type,name\nW1,company,Harbour\n"
            pages.append(
                try await browser.upload("/contacts/import", field: "file", fileName: "c.csv", bytes: Array(csv.utf8)))
            var visitor = Browser(client: api.client)
            pages.append(try await visitor.request(.get, "/sign-in"))
            for page in pages {
                #expect(page.html.contains("<h1>"), "\(page.path): \(page.status)")
                #expect(Self.inlineCode(page.html) == [], "\(page.path)")
            }
            let assets = try WebAssets()
            let running = try #require(
                assets.templates.library.render(
                    ["running": true, "title": "Import", "status": "Reading", "seconds": 1], withTemplate: "job"))
            #expect(running.contains("<p role=\"status\" id=\"job-status\" data-reload-after=\"1000\">"))
            #expect(Self.inlineCode(running) == [])
            for file in try WebAssets.files(in: WebAssets.bundled.appendingPathComponent("templates")) {
                let text = try String(contentsOf: file, encoding: .utf8)
                #expect(Self.inlineCode(text) == [], "\(file.lastPathComponent)")
            }
        }
    }

    @Test func staticFilesAreServedWithoutSignInTypedAndCachedByVersion() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            var browser = try await signedIn(api, role: "marketer")
            let worksheet = try await browser.request(.get, "/segments/S1")
            let links = Self.matches(#"(?:href|src)="(/static/[^"]+)""#, in: worksheet.html)
            let assets = try WebAssets()
            #expect(
                links == [
                    assets.staticFiles.url("rapport.css"), assets.staticFiles.url("rapport.js"),
                    assets.staticFiles.url("lookup.js"), assets.staticFiles.url("live-count.js"),
                ])
            #expect(links.allSatisfy { $0.contains("?v=") })
            let types = [
                "rapport.css": "text/css; charset=utf-8", "rapport.js": "text/javascript; charset=utf-8",
                "live-count.js": "text/javascript; charset=utf-8", "lookup.js": "text/javascript; charset=utf-8",
            ]
            for link in links {
                let name = String(link.dropFirst("/static/".count).prefix { $0 != "?" })
                // No cookie and no token: the sign-in page needs these too.
                let answer = try await api.client.execute(uri: link, method: .get)
                #expect(answer.status == .ok, "\(link)")
                #expect(answer.headers[.contentType] == types[name], "\(link)")
                #expect(answer.headers[.cacheControl] == "public, max-age=31536000, immutable", "\(link)")
                #expect(answer.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                let file = try Data(contentsOf: WebAssets.bundled.appendingPathComponent("static/\(name)"))
                #expect(Array(answer.body.readableBytesView) == Array(file), "\(link)")
            }
            let stale = try await api.client.execute(uri: "/static/rapport.css?v=old", method: .get)
            #expect(stale.status == .ok)
            #expect(stale.headers[.cacheControl] == "no-cache")
            let missing = try await api.client.execute(uri: "/static/nothing.js", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/plain; charset=utf-8")
            let openAPI = try await api.get("/openapi.yaml")
            #expect(openAPI.text.contains("\"/static/{file}\""))
            #expect(openAPI.text.contains("\"operationId\": \"web-static\""))
        }
    }

    /// Every page without a parameter in its path, taken from the route table so a new page is checked too, and
    /// pages of the records `seedLoggableSegment`, a log of S1 and a segment S2 leave (plus one that is not found).
    static func pagePaths(_ services: RapportServices) throws -> [String] {
        let table = APIRouteTable()
        registerRoutes(
            on: table, services: services, sessions: WebSessions(service: services.webSessions), assets: try WebAssets()
        )
        return table.operations.filter { $0.isWebPage && $0.method == .get && $0.pathParameters.isEmpty }.map(\.path)
            + [
                "/segments/S2", "/segments/S2?check=true", "/segments/S2/lines/10000", "/contacts/C1",
                "/logged-segments/1", "/interaction-templates/LETTER", "/setup/salespeople/JO", "/users/MARY",
                "/segments/NOPE",
            ]
    }

    /// The inline code in `html`: a `<script>` with a body, a `<style>` element, an `on…=` event handler
    /// attribute or a `javascript:` URL.
    static func inlineCode(_ html: String) -> [String] {
        matches(#"<script(?![^>]*\bsrc=)[^>]*>|<script[^>]*>[^<]+</script>"#, in: html)
            + matches(#"<style\b[^>]*>"#, in: html) + matches(#"<[^>]*\son[a-z]+\s*=[^>]*>"#, in: html)
            + matches(#"javascript:"#, in: html)
    }

    /// The first capture group of each match, or the whole match when the pattern has none.
    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? Regex(pattern) else { return ["bad pattern \(pattern)"] }
        return text.matches(of: regex).map { match in
            String(match.output.count > 1 ? match.output[1].substring ?? "" : match.output[0].substring ?? "")
        }
    }

    /// A temporary folder with these files (paths relative to it).
    static func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-web-\(UUID().uuidString)")
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return root
    }

    /// A logged segment and a segment in progress, then every page of the route table (and the pages with
    /// parameters) as an admin sees them; the browser stays signed in for more.
    static func visitEveryPage(_ api: API, _ services: RapportServices) async throws -> (Browser, [Browser.Page]) {
        try await seedLoggableSegment(api)
        #expect(try await api.post("/api/v1/segments/S1/log", "{}").status == 201)
        try await api.segment("S2", #""description": "Second", "interactionTemplateCode": "LETTER""#)
        try await api.addContacts("S2", #"{"filters": {"contact": {"no": "C1|P11"}}}"#)
        var browser = try await signedIn(api, role: "admin")
        let paths = try pagePaths(services)
        #expect(paths.contains("/setup/mailing-groups"))
        #expect(paths.contains("/setup/audit-log"))
        var pages: [Browser.Page] = []
        for path in paths { pages.append(try await browser.follow(try await browser.request(.get, path))) }
        return (browser, pages)
    }
}
