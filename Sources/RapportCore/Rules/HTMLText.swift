/// Text written into HTML, as element content or a quoted attribute value.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` written as entities.
    ///
    /// The five are replaced byte by byte in the UTF-8, where they are always themselves (no byte of a multi-byte
    /// character is ASCII). Walking Characters instead, as Swift's Mustache does, misses a quote followed by a
    /// combining mark (`"` + U+0301 is one Character, and not `"`), which then closed the attribute it was written
    /// in: a name could carry its own attributes into the page. Text with none of the five comes back as it is.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: isSpecial) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        } ?? text
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
