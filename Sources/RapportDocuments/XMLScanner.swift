/// One lexical piece of an XML document, as byte offsets into it.
struct XMLToken {
    enum Kind {
        case startTag, emptyTag, endTag, text
        /// Comments, processing instructions and the XML declaration: kept verbatim, never interpreted.
        case markup
        /// `<![CDATA[...]]>`: character data.
        case cdata
    }

    var kind: Kind
    /// From `<` (or the first text byte) to one past `>` (or the last text byte).
    var start: Int
    var end: Int
    /// The element name, for tags.
    var nameStart: Int
    var nameEnd: Int
}

/// A forgiving, allocation-free XML tokenizer over bytes.
///
/// It does not build a tree or check well-formedness beyond what it needs to find tags; it refuses DTDs and entity
/// declarations (`DocumentError.externalEntities`) and never expands anything but the five predefined entities and
/// character references.
struct XMLScanner {
    let bytes: [UInt8]
    private(set) var position: Int
    let limit: Int

    init(bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        position = range?.lowerBound ?? 0
        limit = range?.upperBound ?? bytes.count
    }

    mutating func next() throws(DocumentError) -> XMLToken? {
        guard position < limit else { return nil }
        let start = position
        guard bytes[start] == UInt8(ascii: "<") else {
            var end = start
            while end < limit && bytes[end] != UInt8(ascii: "<") { end += 1 }
            position = end
            return XMLToken(kind: .text, start: start, end: end, nameStart: start, nameEnd: start)
        }
        guard start + 1 < limit else { throw .corrupt("an XML part ends inside a tag") }
        switch bytes[start + 1] {
        case UInt8(ascii: "?"):
            return try markup(from: start, until: "?>", kind: .markup)
        case UInt8(ascii: "!"):
            if matches("<!--", at: start) { return try markup(from: start, until: "-->", kind: .markup) }
            if matches("<![CDATA[", at: start) { return try markup(from: start, until: "]]>", kind: .cdata) }
            // <!DOCTYPE, <!ENTITY, <!ELEMENT...: the door to entity expansion and external fetches.
            throw .externalEntities
        case UInt8(ascii: "/"):
            let nameStart = start + 2
            var cursor = nameStart
            while cursor < limit && !isNameEnd(bytes[cursor]) { cursor += 1 }
            let nameEnd = cursor
            while cursor < limit && bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
            guard cursor < limit else { throw .corrupt("an XML end tag is not closed") }
            position = cursor + 1
            return XMLToken(kind: .endTag, start: start, end: position, nameStart: nameStart, nameEnd: nameEnd)
        default:
            let nameStart = start + 1
            var cursor = nameStart
            while cursor < limit && !isNameEnd(bytes[cursor]) { cursor += 1 }
            let nameEnd = cursor
            var quote: UInt8 = 0
            while cursor < limit {
                let byte = bytes[cursor]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                cursor += 1
            }
            guard cursor < limit else { throw .corrupt("an XML start tag is not closed") }
            position = cursor + 1
            let empty = bytes[cursor - 1] == UInt8(ascii: "/")
            return XMLToken(
                kind: empty ? .emptyTag : .startTag, start: start, end: position, nameStart: nameStart,
                nameEnd: nameEnd)
        }
    }

    /// Skips to the end of the element opened by `token` (a start tag), returning the matching end tag.
    mutating func skipElement(_ token: XMLToken) throws(DocumentError) -> XMLToken {
        var depth = 1
        while let next = try next() {
            switch next.kind {
            case .startTag: depth += 1
            case .endTag:
                depth -= 1
                if depth == 0 { return next }
            default: break
            }
        }
        throw .corrupt("an XML element is not closed")
    }

    func name(_ token: XMLToken) -> ArraySlice<UInt8> {
        bytes[token.nameStart..<token.nameEnd]
    }

    func nameEquals(_ token: XMLToken, _ name: [UInt8]) -> Bool {
        token.nameEnd - token.nameStart == name.count && bytes[token.nameStart..<token.nameEnd].elementsEqual(name)
    }

    private func matches(_ literal: StaticString, at offset: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= limit else { return false }
        return literal.withUTF8Buffer { pattern in
            for index in 0..<count where bytes[offset + index] != pattern[index] { return false }
            return true
        }
    }

    private mutating func markup(
        from start: Int, until terminator: StaticString, kind: XMLToken.Kind
    ) throws(DocumentError) -> XMLToken {
        var cursor = start + 2
        while cursor < limit {
            if matches(terminator, at: cursor) {
                position = cursor + terminator.utf8CodeUnitCount
                return XMLToken(kind: kind, start: start, end: position, nameStart: start, nameEnd: start)
            }
            cursor += 1
        }
        throw .corrupt("an XML comment, CDATA section or processing instruction is not closed")
    }

    @inline(__always) private func isNameEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
