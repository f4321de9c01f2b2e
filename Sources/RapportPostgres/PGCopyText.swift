import NIOCore
import RapportCore

/// Rows in the text format of `COPY … FROM STDIN`: values separated by tabs, one row a line, NULL as
/// `\N`, and in text the four bytes that would end a value or a row (backslash, tab, newline, carriage
/// return) written as backslash escapes, so `\N` typed by a user stays two characters. Rows are built
/// in a byte array (the standard library's appends are cheap even in a debug build, unlike per-byte
/// `ByteBuffer` writes) and handed to the connection as one buffer per chunk.
enum PGCopyText {
    /// Appends one row, with its line end.
    static func append(_ values: [SQLValue], to bytes: inout [UInt8]) {
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\t")) }
            switch value {
            case .null: bytes.append(contentsOf: #"\N"#.utf8)
            case .integer(let number): bytes.append(contentsOf: String(number).utf8)
            case .real(let number): bytes.append(contentsOf: String(number).utf8)
            case .text(let text): appendEscaped(text, to: &bytes)
            case .blob(let blob): appendHex(blob, to: &bytes)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends one row to a buffer (tests and one-off rows).
    static func append(_ values: [SQLValue], to buffer: inout ByteBuffer) {
        var bytes: [UInt8] = []
        append(values, to: &bytes)
        buffer.writeBytes(bytes)
    }

    static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        // Most values have nothing to escape: one copy of the bytes.
        guard utf8.contains(where: needsEscape) else {
            bytes.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            default: bytes.append(byte)
            }
        }
    }

    /// `bytea` in its hex input form, `\x…`, with the backslash escaped for COPY.
    static func appendHex(_ blob: [UInt8], to bytes: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: #"\\x"#.utf8)
        for byte in blob {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
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
