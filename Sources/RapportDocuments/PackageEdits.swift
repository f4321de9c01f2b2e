/// The edits made once to a template's package parts so that merged documents open as plain letters.
enum PackageEdits {
    static let templateMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    static let documentMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

    /// `[Content_Types].xml`: refuses macro-enabled documents, and turns a .dotx template into a document.
    static func contentTypes(_ bytes: [UInt8]) throws(DocumentError) -> [UInt8]? {
        let text = String(decoding: bytes, as: UTF8.self)
        if text.lowercased().contains("macroenabled") || text.contains("vbaProject") { throw .notADocx }
        guard text.contains(templateMainType) else { return nil }
        return Array(text.replacing(templateMainType, with: documentMainType).utf8)
    }

    /// `word/settings.xml` without its `w:mailMerge` element (the link to Word's data source, which makes Word ask
    /// about SQL commands on opening). Returns the edited part and the relationship ids the element referred to.
    static func removeMailMerge(_ bytes: [UInt8]) throws(DocumentError) -> (bytes: [UInt8], ids: Set<String>)? {
        let names = try WordNames.detect(in: bytes)
        var scanner = XMLScanner(bytes: bytes)
        while let token = try scanner.next() {
            guard token.kind == .startTag || token.kind == .emptyTag, scanner.nameEquals(token, names.mailMerge) else {
                continue
            }
            let end = token.kind == .emptyTag ? token.end : try scanner.skipElement(token).end
            var ids: Set<String> = []
            var inner = XMLScanner(bytes: bytes, range: token.start..<end)
            while let element = try inner.next() {
                guard element.kind == .startTag || element.kind == .emptyTag else { continue }
                XMLText.forEachAttribute(of: element, in: bytes) { name, value in
                    let attribute = String(decoding: name, as: UTF8.self)
                    if attribute.hasSuffix(":id"), !attribute.hasPrefix(names.prefix + ":") {
                        ids.insert(XMLText.decode(value))
                    }
                    return true
                }
            }
            return (Array(bytes[..<token.start]) + bytes[end...], ids)
        }
        return nil
    }

    /// `word/_rels/settings.xml.rels` without the external relationships (data sources) listed in `ids`.
    static func removeRelationships(_ ids: Set<String>, from bytes: [UInt8]) throws(DocumentError) -> [UInt8]? {
        var scanner = XMLScanner(bytes: bytes)
        var output: [UInt8] = []
        var copied = 0
        while let token = try scanner.next() {
            guard token.kind == .startTag || token.kind == .emptyTag,
                scanner.name(token).elementsEqual("Relationship".utf8),
                let id = XMLText.attribute("Id", of: token, in: bytes), ids.contains(id),
                XMLText.attribute("TargetMode", of: token, in: bytes) == "External"
            else { continue }
            let end = token.kind == .emptyTag ? token.end : try scanner.skipElement(token).end
            output.append(contentsOf: bytes[copied..<token.start])
            copied = end
        }
        guard copied > 0 else { return nil }
        output.append(contentsOf: bytes[copied...])
        return output
    }
}
