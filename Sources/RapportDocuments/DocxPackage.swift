/// An uploaded .docx opened defensively: the ZIP structure, entry names, declared sizes and compression ratios are
/// checked before anything is inflated, and every XML part is refused if it declares a DTD or entities.
struct DocxPackage {
    let archive: ZIPReader
    let limits: DocumentLimits

    static let contentTypesName = "[Content_Types].xml"
    static let mainDocumentName = "word/document.xml"

    init(bytes: [UInt8], limits: DocumentLimits) throws(DocumentError) {
        archive = try ZIPReader(bytes: bytes, maxEntries: limits.maxEntries)
        self.limits = limits
        var seen: Set<String> = []
        var expanded = 0
        for entry in archive.entries {
            try Self.checkName(entry.name)
            // Part names are case-insensitive in OPC: two spellings of one name would be ambiguous.
            guard seen.insert(entry.name.lowercased()).inserted else {
                throw .corrupt("the entry \(entry.name) appears twice")
            }
            let (sum, overflow) = expanded.addingReportingOverflow(entry.uncompressedSize)
            guard !overflow, sum <= limits.maxExpandedSize else { throw .tooLarge(expanded: overflow ? Int.max : sum) }
            expanded = sum
            if entry.uncompressedSize > limits.ratioCheckMinimumSize,
                entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio
            {
                throw .tooLarge(expanded: entry.uncompressedSize)
            }
        }
        guard seen.contains(Self.contentTypesName.lowercased()), seen.contains(Self.mainDocumentName) else {
            throw .notADocx
        }
    }

    /// Zip-slip: a name that could land outside the extraction folder, on any platform.
    static func checkName(_ name: String) throws(DocumentError) {
        let bytes = Array(name.utf8)
        let unsafe =
            bytes.isEmpty || bytes.first == UInt8(ascii: "/") || bytes.contains(UInt8(ascii: "\\"))
            || bytes.contains(0)
            || (bytes.count >= 2 && bytes[1] == UInt8(ascii: ":"))  // C:...
            || name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
        if unsafe { throw .unsafeEntryName(name) }
    }

    /// Whether an entry is XML that must be screened for DTDs (OPC parts are XML unless they are media).
    static func isXML(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".xml") || lower.hasSuffix(".rels") || lower.hasSuffix(".vml")
    }

    /// The entry's contents; for XML parts, also screened for DTDs and entity declarations.
    func contents(of entry: ZIPEntry) throws(DocumentError) -> [UInt8] {
        let bytes = try archive.contents(of: entry)
        if Self.isXML(entry.name) { try Self.screen(bytes) }
        return bytes
    }

    /// Refuses `<!DOCTYPE` and `<!ENTITY` anywhere in the part (also in UTF-16 parts), without parsing it.
    static func screen(_ bytes: [UInt8]) throws(DocumentError) {
        var text = bytes
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let bigEndian = bytes[0] == 0xFE
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
                units.append(UInt16(high) << 8 | UInt16(low))
                index += 2
            }
            text = Array(String(decoding: units, as: UTF16.self).utf8)
        }
        var index = 0
        let count = text.count
        while index + 2 < count {
            if text[index] == UInt8(ascii: "<") && text[index + 1] == UInt8(ascii: "!") {
                let rest = text[(index + 2)..<min(count, index + 9)].map { $0 & 0xDF }  // ASCII upper case
                if rest.starts(with: Array("DOCTYPE".utf8)) || rest.starts(with: Array("ENTITY".utf8)) {
                    throw .externalEntities
                }
            }
            index += 1
        }
    }
}
