import Foundation

/// The web UI's files besides its Swift code, resources of this target: `templates/` (Mustache) and
/// `static/` (the stylesheet and scripts). They are read once, when the application is built.
struct WebAssets: Sendable {
    let templates: WebTemplates
    let staticFiles: WebStaticFiles

    /// Loads `templates/` and `static/` from `directory`, or from the program's resource bundle when it is nil.
    init(directory: URL? = nil) throws(WebAssetError) {
        let root = directory ?? Self.bundled
        templates = try WebTemplates(directory: root.appendingPathComponent("templates"))
        staticFiles = try WebStaticFiles(directory: root.appendingPathComponent("static"))
    }

    /// The resource bundle SwiftPM builds beside the executable (`Rapport_RapportServer.resources` on Linux).
    static var bundled: URL { Bundle.module.resourceURL ?? Bundle.module.bundleURL }

    /// The visible files of `directory` whose names end in `suffix`, in name order; a folder that cannot be
    /// read or has none is an error (a server without its pages would only show blank ones).
    static func files(in directory: URL, endingIn suffix: String = "") throws(WebAssetError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw WebAssetError(file: directory.path, message: "the folder cannot be read")
        }
        let files = names.filter { !$0.hasPrefix(".") && $0.hasSuffix(suffix) }.sorted()
        guard !files.isEmpty else {
            throw WebAssetError(file: directory.path, message: "the folder has no \(suffix) files")
        }
        return files.map { directory.appendingPathComponent($0) }
    }

    static func data(of file: URL) throws(WebAssetError) -> Data {
        do {
            return try Data(contentsOf: file)
        } catch {
            throw WebAssetError(file: file.lastPathComponent, message: "the file cannot be read")
        }
    }
}
