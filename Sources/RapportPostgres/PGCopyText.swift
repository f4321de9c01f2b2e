import NIOCore
import RapportCore

/// Rows in the text format of `COPY … FROM STDIN`: values separated by tabs, one row a line, NULL as
/// `\N`, and in text the four bytes that would end a value or a row (backslash, tab, newline, carriage
/// return) written as backslash escapes, so `\N` typed by a user stays two characters.
enum PGCopyText {
    /// Appends one row, with its line end.
    static func append(_ values: [SQLValue], to buffer: inout ByteBuffer) {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null: buffer.writeStaticString("\\N")
            case .integer(let number): buffer.writeString(String(number))
            case .real(let number): buffer.writeString(String(number))
            case .text(let text): appendEscaped(text, to: &buffer)
            case .blob(let bytes): appendHex(bytes, to: &buffer)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    static func appendEscaped(_ text: String, to buffer: inout ByteBuffer) {
        let utf8 = text.utf8
        // Most values have nothing to escape: one copy of the bytes.
        guard utf8.contains(where: needsEscape) else {
            buffer.writeString(text)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// `bytea` in its hex input form, `\x…`, with the backslash escaped for COPY.
    static func appendHex(_ bytes: [UInt8], to buffer: inout ByteBuffer) {
        let digits: StaticString = "0123456789abcdef"
        buffer.writeStaticString("\\\\x")
        digits.withUTF8Buffer { digit in
            for byte in bytes {
                buffer.writeInteger(digit[Int(byte >> 4)])
                buffer.writeInteger(digit[Int(byte & 0x0F)])
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// The `line`-th row (from 1) of `buffer` as text, for an error message; nil when there is none.
    static func line(_ line: Int, of buffer: ByteBuffer) -> String? {
        guard line > 0 else { return nil }
        let lines = buffer.readableBytesView.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard line <= lines.count else { return nil }
        return String(decoding: lines[lines.startIndex + line - 1], as: UTF8.self)
    }
}
