/// Why a .docx (or ZIP) was refused or could not be produced.
///
/// Uploads are hostile until proven otherwise: every check that fails on an uploaded template ends in one of
/// these cases, with a message fit to show to the user who uploaded it.
public enum DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not a ZIP archive (no end-of-central-directory record).
    case notAZip
    /// A ZIP archive, but not a Word document: `[Content_Types].xml` or `word/document.xml` is missing, or it is a
    /// macro-enabled document.
    case notADocx
    /// An entry name that could escape a folder when extracted (zip-slip): absolute, `..`, backslashes, drive letters.
    case unsafeEntryName(String)
    /// The archive expands to more than the limit, or an entry is compressed suspiciously well (zip bomb).
    case tooLarge(expanded: Int)
    /// An XML part declares a DTD or entities; they are refused, never resolved.
    case externalEntities
    /// The archive or one of its XML parts is damaged or uses something this reader does not support.
    case corrupt(String)
    /// The same name was added twice to a ZIP being written.
    case duplicateEntryName(String)

    /// A message fit to show to the user who uploaded the file.
    public var description: String {
        switch self {
        case .notAZip:
            return "The file is not a ZIP archive, so it cannot be a Word document (.docx)."
        case .notADocx:
            return "The file is not a Word document (.docx): word/document.xml or [Content_Types].xml is missing,"
                + " or it contains macros."
        case .unsafeEntryName(let name):
            return "The document contains an unsafe entry name \"\(name)\" (absolute path, \"..\" or backslash)."
        case .tooLarge(let expanded):
            return "The document is too large when uncompressed (\(expanded) bytes) or compressed suspiciously well."
        case .externalEntities:
            return "The document contains XML with a DOCTYPE or ENTITY declaration, which is not allowed."
        case .corrupt(let reason):
            return "The document is damaged: \(reason)."
        case .duplicateEntryName(let name):
            return "The archive already contains an entry named \"\(name)\"."
        }
    }
}

/// Limits applied when opening an uploaded .docx.
public struct DocumentLimits: Sendable, Equatable {
    /// The most the archive may expand to, summing the declared uncompressed sizes of all entries.
    public var maxExpandedSize: Int
    /// An entry larger than `ratioCheckMinimumSize` may not expand more than this many times.
    public var maxCompressionRatio: Int
    /// Below this uncompressed size, the compression ratio is not checked (small XML compresses very well).
    public var ratioCheckMinimumSize: Int
    /// The most entries an archive may have.
    public var maxEntries: Int

    /// - Parameters: see the properties; the defaults are 200 MiB, 200, 1 MiB and 10,000 entries.
    public init(
        maxExpandedSize: Int = 200 << 20,
        maxCompressionRatio: Int = 200,
        ratioCheckMinimumSize: Int = 1 << 20,
        maxEntries: Int = 10_000
    ) {
        self.maxExpandedSize = maxExpandedSize
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckMinimumSize = ratioCheckMinimumSize
        self.maxEntries = maxEntries
    }
}
