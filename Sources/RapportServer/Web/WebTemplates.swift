import Foundation
import Mustache

/// The web UI's Mustache templates: `templates/*.mustache`, each registered under its file name without
/// the extension (the page frame `layout`, the partials such as `field`, and one per page). Mustache escapes
/// every `{{value}}`, so user text is always shown as text; `{{{content}}}` is only ever a page this library
/// rendered.
struct WebTemplates: Sendable {
    let library: MustacheLibrary

    /// Reads and parses every template of `directory`. A template that does not parse is an error naming its
    /// file and line, so the server stops at start-up rather than showing a page without it.
    init(directory: URL) throws(WebAssetError) {
        var library = MustacheLibrary()
        for file in try WebAssets.files(in: directory, endingIn: ".mustache") {
            guard var text = String(data: try WebAssets.data(of: file), encoding: .utf8) else {
                throw WebAssetError(file: file.lastPathComponent, message: "the file is not UTF-8 text")
            }
            // The file's last newline is the editor's, not the page's: a partial such as `csrf` stays inline.
            if text.hasSuffix("\n") { text.removeLast() }
            do {
                try library.register(text, named: file.deletingPathExtension().lastPathComponent)
            } catch let error as MustacheTemplate.ParserError {
                throw WebAssetError(
                    file: file.lastPathComponent, line: error.context.lineNumber,
                    message: "\(error.error) at column \(error.context.columnNumber) in \"\(error.context.line)\"")
            } catch {
                throw WebAssetError(file: file.lastPathComponent, message: "\(error)")
            }
        }
        guard library.getTemplate(named: "layout") != nil else {
            throw WebAssetError(file: directory.path, message: "the page frame layout.mustache is missing")
        }
        self.library = library
    }
}
