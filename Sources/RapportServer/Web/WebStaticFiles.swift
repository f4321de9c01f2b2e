import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The web UI's stylesheet and scripts (`static/`), read once and served at `/static/<name>` to anyone (the
/// sign-in page needs them too). Pages link them with a hash of the content in the URL
/// (`/static/rapport.css?v=…`): a browser may keep that URL for a year and still fetches a new release's
/// file at once, because its URL is new.
struct WebStaticFiles: Sendable {
    struct File: Sendable {
        var body: ByteBuffer
        var contentType: String
        /// A hash of the content, the `v` of the file's URL.
        var version: String
    }

    /// The files this server knows how to label; another kind of file in `static/` stops the start-up.
    static let contentTypes = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "ico": "image/x-icon",
    ]

    let files: [String: File]

    init(directory: URL) throws(WebAssetError) {
        var files: [String: File] = [:]
        for file in try WebAssets.files(in: directory) {
            guard let contentType = Self.contentTypes[file.pathExtension] else {
                throw WebAssetError(
                    file: file.lastPathComponent, message: "static files are .css, .js, .svg, .png or .ico")
            }
            let data = try WebAssets.data(of: file)
            files[file.lastPathComponent] = File(
                body: ByteBuffer(bytes: data), contentType: contentType, version: Self.hash(data))
        }
        self.files = files
    }

    /// The URL a page links `name` with, its version included.
    func url(_ name: String) -> String {
        files[name].map { "/static/\(name)?v=\($0.version)" } ?? "/static/\(name)"
    }

    /// The file, cached for a year when asked for by its current version, revalidated otherwise (an old
    /// page's URL must not keep the new content for a year under its old version).
    func response(_ name: String, version: String?) -> Response {
        guard let file = files[name] else {
            return Response(
                status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "There is no file \(name).")))
        }
        let caching = version == file.version ? "public, max-age=31536000, immutable" : "no-cache"
        var headers: HTTPFields = [.contentType: file.contentType, .cacheControl: caching]
        // A script is run only if it is labelled as one.
        if let noSniff = Self.noSniff { headers[noSniff] = "nosniff" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: file.body))
    }

    /// `GET /static/{file}`, listed in the OpenAPI document beside the pages (tag `web`), without a session.
    func register(on table: APIRouteTable) {
        let mediaTypes = Set(files.values.map { String($0.contentType.prefix { $0 != ";" }) }).sorted()
        let version = APIOperation.QueryParameter(
            name: "v", schema: ResourceSchemas.type("string"),
            summary: "The hash of the file's content the page was made with.")
        let operation = APIOperation(
            method: .get, path: "/static/{file}", operationId: "web-static",
            summary: "A stylesheet or script of the web UI; cached for a year when `v` is the file's current hash.",
            tag: "web", role: nil, response: .binaryAny(mediaTypes), queryParameters: [version], isStaticFile: true)
        let files = self
        table.add(operation) { request, context in
            files.response(try context.parameters.require("file"), version: request.queryValue("v"))
        }
    }

    static let noSniff = HTTPField.Name("X-Content-Type-Options")

    /// FNV-1a (64 bits) of the content in hex: enough to tell two releases of a file apart, not a security hash.
    static func hash(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
