/// A Word mail-merge main document, compiled once and merged for any number of contacts.
///
/// Compiling reads the .docx defensively (see `DocumentError`), cuts every part holding merge fields (body, headers,
/// footers, footnotes, endnotes) into literal byte chunks and field slots, and drops Word's data-source link from
/// the settings. Merging a contact then concatenates chunks and escaped values, deflates only those parts, and
/// copies every other part's compressed bytes unchanged.
///
/// ```swift
/// let template = try MergeTemplate(docx: upload)
/// let missing = template.unknownFields(known: Set(values.keys))   // the document check
/// let letter = try template.merge(values)                          // a complete .docx
/// ```
/// Field names are matched case-insensitively; a field with no value shows as `«Name»`.
public struct MergeTemplate: Sendable {
    enum Entry: Sendable {
        case copy(
            name: String, method: ZIPMethod, crc32: UInt32, size: Int, data: ArraySlice<UInt8>, time: UInt16,
            date: UInt16)
        case merge(name: String, part: CompiledPart, time: UInt16, date: UInt16)
    }

    let entries: [Entry]
    /// Every value name the template reads, in document order (body, then the other parts by name), unique
    /// (case-insensitively), spelled as first seen. `ADDRESSBLOCK` reads `ContactMailAddress` and `GREETINGLINE`
    /// reads `FormalSalutation`.
    public let fieldNames: [String]
    /// The zlib level used for the parts deflated per contact.
    public let compressionLevel: Int32
    /// About how large a merged document is, to size buffers.
    let estimatedSize: Int

    /// Compiles a template.
    /// - Parameters:
    ///   - docx: the uploaded .docx (or .dotx) bytes.
    ///   - limits: size and ratio limits for the upload.
    ///   - compressionLevel: zlib level for merged parts: 6 is zlib's default; 1 is faster and a little larger.
    public init(
        docx: [UInt8], limits: DocumentLimits = DocumentLimits(), compressionLevel: Int32 = 6
    ) throws(DocumentError) {
        let package = try DocxPackage(bytes: docx, limits: limits)
        let archive = package.archive
        self.compressionLevel = compressionLevel
        // The settings first: their relationships part is edited according to them, in whatever order they come.
        var settingsIDs: Set<String> = []
        var editedSettings: [UInt8]?
        if let settings = archive.entry(named: "word/settings.xml") {
            let bytes = try package.contents(of: settings)
            if let (edited, ids) = try PackageEdits.removeMailMerge(bytes) {
                editedSettings = edited
                settingsIDs = ids
            }
        }
        var entries: [Entry] = []
        var namesByPart: [(part: String, names: [String])] = []
        var estimate = 0
        for entry in archive.entries where !entry.isDirectory {
            guard let method = ZIPMethod(rawValue: entry.method) else {
                throw .corrupt("\(entry.name) uses unsupported compression method \(entry.method)")
            }
            let time = entry.dosTime
            let date = entry.dosDate
            var replacement: [UInt8]?
            if entry.name == "word/settings.xml" {
                replacement = editedSettings
            } else if entry.name == "word/_rels/settings.xml.rels" {
                replacement = try PackageEdits.removeRelationships(settingsIDs, from: try package.contents(of: entry))
            } else if entry.name == DocxPackage.contentTypesName {
                replacement = try PackageEdits.contentTypes(try package.contents(of: entry))
            } else if Self.isMergePart(entry.name) {
                let bytes = try package.contents(of: entry)
                let compiler = try PartCompiler(bytes: Self.requireUTF8(bytes, entry.name))
                let part = try compiler.compile()
                namesByPart.append((entry.name, compiler.fieldNames))
                if compiler.changed {
                    entries.append(.merge(name: entry.name, part: part, time: time, date: date))
                    estimate += part.literals.count / 4 + 64
                    continue
                }
            } else if DocxPackage.isXML(entry.name) {
                _ = try package.contents(of: entry)  // screened, then copied as is
            } else if entry.flags & ZIPFormat.flagEncrypted != 0 {
                throw .corrupt("\(entry.name) is encrypted")
            }
            if let replacement {
                let compressed = try Self.deflate(replacement)
                entries.append(
                    .copy(
                        name: entry.name, method: .deflate, crc32: Zlib.crc32(replacement), size: replacement.count,
                        data: compressed[...], time: time, date: date))
                estimate += compressed.count + 128
            } else {
                entries.append(
                    .copy(
                        name: entry.name, method: method, crc32: entry.crc32, size: entry.uncompressedSize,
                        data: archive.rawData(of: entry), time: time, date: date))
                estimate += entry.compressedSize + 128
            }
        }
        self.entries = entries
        self.estimatedSize = estimate + 1024
        self.fieldNames = Self.orderedNames(namesByPart)
    }

    /// The template's field names that `known` lacks (compared case-insensitively), in `fieldNames` order.
    public func unknownFields(known: Set<String>) -> [String] {
        let folded = Set(known.map { $0.lowercased() })
        return fieldNames.filter { !folded.contains($0.lowercased()) }
    }

    /// Merges one contact into a complete .docx.
    /// - Parameters:
    ///   - values: field name → value; values may hold line breaks (`\n`), which become Word line breaks.
    ///   - locale: month and day names for `\@` date pictures, separators for `\#` number pictures.
    public func merge(_ values: [String: String], locale: MergeLocale = .english) throws -> [UInt8] {
        var writer = ZIPWriter(capacity: estimatedSize)
        try merge(values, locale: locale, into: &writer)
        return try writer.finish()
    }

    /// Merges one contact into a complete .docx, deflating with `compressors`' zlib streams: the same bytes as
    /// `merge(_:locale:)`, without setting up a zlib stream for every letter. For merging many letters on one
    /// thread.
    public func merge(
        _ values: [String: String], locale: MergeLocale = .english, reusing compressors: Compressors
    ) throws -> [UInt8] {
        var writer = ZIPWriter(capacity: estimatedSize, compressors: compressors)
        try merge(values, locale: locale, into: &writer)
        compressors.deflaters = writer.deflaters
        return try writer.finish()
    }

    /// Writes the merged document's parts into `writer`, each named `entryPrefix` + part name (so a caller can
    /// place the parts of a document inside a larger archive, or finish the writer to get the .docx).
    public func merge(
        _ values: [String: String], locale: MergeLocale = .english, into writer: inout ZIPWriter,
        entryPrefix: String = ""
    ) throws {
        var lookup = FieldValues(values)
        for entry in entries {
            switch entry {
            case .copy(let name, let method, let crc, let size, let data, let time, let date):
                try writer.addRawEntry(
                    name: entryPrefix + name, method: method, crc32: crc, uncompressedSize: size, data: data,
                    dosTime: time, dosDate: date)
            case .merge(let name, let part, let time, let date):
                let xml = part.render(&lookup, locale: locale)
                try xml.withUnsafeBytes {
                    try writer.addEntry(
                        name: entryPrefix + name, bytes: $0, method: .deflate, level: compressionLevel, dosTime: time,
                        dosDate: date)
                }
            }
        }
    }

    // MARK: - Helpers

    /// The parts that may hold merge fields: word/document.xml, header*.xml, footer*.xml, footnotes and endnotes.
    static func isMergePart(_ name: String) -> Bool {
        guard name.hasPrefix("word/"), name.hasSuffix(".xml") else { return false }
        let file = name.dropFirst(5).dropLast(4)
        if file.contains("/") { return false }
        if file == "document" || file == "footnotes" || file == "endnotes" { return true }
        for prefix in ["header", "footer"] where file.hasPrefix(prefix) {
            return file.dropFirst(prefix.count).allSatisfy { $0.isASCII && $0.isNumber }
        }
        return false
    }

    private static func requireUTF8(_ bytes: [UInt8], _ name: String) throws(DocumentError) -> [UInt8] {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw .corrupt("\(name) is UTF-16, which is not supported for merge parts")
        }
        return bytes
    }

    private static func deflate(_ bytes: [UInt8]) throws(DocumentError) -> [UInt8] {
        let deflater = try Deflater(level: 6)
        var result: Result<[UInt8], DocumentError> = .success([])
        bytes.withUnsafeBytes { buffer in
            do throws(DocumentError) { result = .success(try deflater.compress(buffer)) } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    /// Body first, then the other parts in name order (header2 before header10), names unique case-insensitively.
    private static func orderedNames(_ parts: [(part: String, names: [String])]) -> [String] {
        let sorted = parts.sorted { a, b in
            if a.part == DocxPackage.mainDocumentName || b.part == DocxPackage.mainDocumentName {
                return a.part == DocxPackage.mainDocumentName && b.part != DocxPackage.mainDocumentName
            }
            return naturalOrder(a.part, b.part)
        }
        var seen: Set<String> = []
        var result: [String] = []
        for part in sorted {
            for name in part.names where seen.insert(name.lowercased()).inserted { result.append(name) }
        }
        return result
    }

    /// Compares names with embedded numbers by value: `footer2` < `footer10`.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        func key(_ text: String) -> [(String, Int)] {
            var parts: [(String, Int)] = []
            var letters = ""
            var digits = ""
            for character in text {
                if character.isASCII && character.isNumber {
                    digits.append(character)
                } else {
                    if !digits.isEmpty {
                        parts.append((letters, Int(digits) ?? 0))
                        letters = ""
                        digits = ""
                    }
                    letters.append(character)
                }
            }
            parts.append((letters, Int(digits) ?? -1))
            return parts
        }
        let left = key(a)
        let right = key(b)
        for (x, y) in zip(left, right) where x != y {
            return x.0 != y.0 ? x.0 < y.0 : x.1 < y.1
        }
        return left.count < right.count
    }
}
