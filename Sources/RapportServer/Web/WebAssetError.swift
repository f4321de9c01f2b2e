/// A web template or static file that cannot be loaded when the application is built: the server does not
/// start without it.
public struct WebAssetError: Error, CustomStringConvertible {
    /// The file at fault (`worksheet.mustache`), or the folder when it cannot be read.
    public var file: String
    /// The line of a template that does not parse (1 is the first).
    public var line: Int?
    /// What is wrong, in the parser's words for a template.
    public var message: String

    public var description: String {
        "web file \(file)" + (line.map { ", line \($0)" } ?? "") + ": \(message)"
    }
}
