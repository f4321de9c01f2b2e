import Foundation
import Mustache
import RapportCore

/// The web UI's Mustache templates: `templates/*.mustache`, each registered under its file name without
/// the extension (the page frame `layout`, the partials such as `field`, and one per page). Mustache escapes
/// every `{{value}}`, so user text is always shown as text; `{{{content}}}` is only ever a page this library
/// rendered.
///
/// Escaping is `HTMLText.escape`, not Mustache's own, which walks Characters and misses a quote followed by a
/// combining mark: each template is read with a content type of ours, named by a pragma before its first line.
struct WebTemplates: Sendable {
    let library: MustacheLibrary

    /// Put on a line of its own before each template's first: a standalone tag, so it and its line render nothing and
    /// the template's first line keeps its own standalone tags (a partial alone on it adds no newline). A parser error
    /// names the file's line, one less than the line with this one above it.
    static let contentTypePragma = "{{% CONTENT_TYPE: RAPPORT_HTML}}\n"

    struct HTMLTextContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }

    /// Reads and parses every template of `directory`. A template that does not parse is an error naming its
    /// file and line, so the server stops at start-up rather than showing a page without it.
    init(directory: URL) throws(WebAssetError) {
        MustacheContentTypes.register(HTMLTextContentType(), named: "RAPPORT_HTML")
        var library = MustacheLibrary()
        for file in try WebAssets.files(in: directory, endingIn: ".mustache") {
            guard var text = String(data: try WebAssets.data(of: file), encoding: .utf8) else {
                throw WebAssetError(file: file.lastPathComponent, message: "the file is not UTF-8 text")
            }
            // The file's last newline is the editor's, not the page's: a partial such as `csrf` stays inline.
            if text.hasSuffix("\n") { text.removeLast() }
            do {
                try library.register(
                    Self.contentTypePragma + text, named: file.deletingPathExtension().lastPathComponent)
            } catch let error as MustacheTemplate.ParserError {
                throw WebAssetError(
                    file: file.lastPathComponent, line: error.context.lineNumber - 1,
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
