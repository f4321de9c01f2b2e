/// Decoding of XML character data and attributes, and escaping of merged values.
enum XMLText {
    /// The value of the attribute whose local name (the part after any prefix) is `localName`, decoded.
    static func attribute(_ localName: String, of token: XMLToken, in bytes: [UInt8]) -> String? {
        let wanted = Array(localName.utf8)
        var found: String?
        forEachAttribute(of: token, in: bytes) { name, value in
            guard localNameMatches(name, wanted) else { return true }
            found = decode(value)
            return false
        }
        return found
    }

    /// Calls `body` with the raw name and value of each attribute of a start tag until it returns false.
    static func forEachAttribute(
        of token: XMLToken, in bytes: [UInt8], _ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Bool
    ) {
        var cursor = token.nameEnd
        let end = token.end - 1
        while cursor < end {
            while cursor < end && isSpace(bytes[cursor]) { cursor += 1 }
            let nameStart = cursor
            while cursor < end && bytes[cursor] != UInt8(ascii: "=") && !isSpace(bytes[cursor]) { cursor += 1 }
            let nameEnd = cursor
            while cursor < end && bytes[cursor] != UInt8(ascii: "\"") && bytes[cursor] != UInt8(ascii: "'") {
                cursor += 1
            }
            guard cursor < end else { return }
            let quote = bytes[cursor]
            let valueStart = cursor + 1
            cursor = valueStart
            while cursor < end && bytes[cursor] != quote { cursor += 1 }
            let valueEnd = min(cursor, end)
            cursor += 1
            if !body(bytes[nameStart..<nameEnd], bytes[valueStart..<valueEnd]) { return }
        }
    }

    /// Character data with the predefined entities and character references expanded. Anything else that looks like
    /// an entity is kept literally (entities are never declared: DTDs are refused).
    static func decode(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(slice.count)
        var index = slice.startIndex
        while index < slice.endIndex {
            let byte = slice[index]
            guard byte == UInt8(ascii: "&"),
                let semicolon = slice[index..<min(slice.endIndex, index + 12)].firstIndex(of: UInt8(ascii: ";"))
            else {
                output.append(byte)
                index += 1
                continue
            }
            let entity = String(decoding: slice[(index + 1)..<semicolon], as: UTF8.self)
            if let scalar = expand(entity) {
                output.append(contentsOf: String(Character(scalar)).utf8)
                index = semicolon + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func expand(_ entity: String) -> Unicode.Scalar? {
        switch entity {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard entity.hasPrefix("#") else { return nil }
            let digits = entity.dropFirst()
            let value =
                digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init)
        }
    }

    /// Appends `text` escaped for XML character data and attribute values. Characters XML 1.0 cannot carry (control
    /// characters other than tab and line breaks, U+FFFE, U+FFFF) are dropped, since they would corrupt the part.
    static func appendEscaped(_ text: Substring.UTF8View, to output: inout [UInt8]) {
        var pending = text.startIndex
        var index = text.startIndex
        func flush(upTo end: Substring.UTF8View.Index) {
            if pending < end { output.append(contentsOf: text[pending..<end]) }
        }
        while index < text.endIndex {
            let byte = text[index]
            let replacement: StaticString?
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&apos;"
            case 0..<0x20 where byte != 0x09 && byte != 0x0A && byte != 0x0D: replacement = ""
            case 0xEF:
                // U+FFFE and U+FFFF are EF BF BE / EF BF BF in UTF-8.
                let second = text.index(after: index)
                if second < text.endIndex, text[second] == 0xBF, text.index(after: second) < text.endIndex,
                    text[text.index(after: second)] >= 0xBE
                {
                    flush(upTo: index)
                    index = text.index(second, offsetBy: 2)
                    pending = index
                    continue
                }
                replacement = nil
            default: replacement = nil
            }
            if let replacement {
                flush(upTo: index)
                replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                index = text.index(after: index)
                pending = index
            } else {
                index = text.index(after: index)
            }
        }
        flush(upTo: text.endIndex)
    }

    static func escaped(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        appendEscaped(Substring(text).utf8, to: &output)
        return output
    }

    private static func localNameMatches(_ name: ArraySlice<UInt8>, _ wanted: [UInt8]) -> Bool {
        if name.elementsEqual(wanted) { return true }
        guard name.count > wanted.count, name[name.endIndex - wanted.count - 1] == UInt8(ascii: ":") else {
            return false
        }
        return name[(name.endIndex - wanted.count)...].elementsEqual(wanted)
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
