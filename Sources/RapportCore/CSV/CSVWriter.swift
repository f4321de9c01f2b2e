/// Writes CSV (RFC 4180) records as UTF-8 bytes, with CRLF line breaks.
///
/// A field is quoted when it contains a comma, a quote, a CR or an LF, or starts or ends with a space (which
/// some readers would trim); quotes inside are doubled. A record made of one empty field is written as `""`
/// so that it does not read back as a skipped blank line.
///
/// The writer does not guard against spreadsheet formulas: exports pass each cell through
/// `CSVFormulaGuard.escape(_:)` first. To stream a large export, hand the bytes on every few dozen KiB:
///
///     var writer = CSVWriter(byteOrderMark: true)
///     for contact in contacts {
///         writer.append(contact.csvFields.map(CSVFormulaGuard.escape))
///         if writer.bytes.count >= 64 * 1024 {
///             try await send(writer.take())
///         }
///     }
///     try await send(writer.take())
public struct CSVWriter: Sendable {
    /// The bytes written and not yet taken.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    ///
    /// - Parameter byteOrderMark: Whether to start the output with a UTF-8 byte order mark, which Excel needs
    ///   to recognise a CSV file as UTF-8 rather than a legacy code page.
    public init(byteOrderMark: Bool = false) {
        if byteOrderMark {
            bytes.append(contentsOf: CSVByte.byteOrderMark)
        }
    }

    /// Appends one record.
    public mutating func append(_ fields: [String]) {
        CSVWriter.appendRecord(fields, to: &bytes)
    }

    /// Returns the bytes written so far and empties the writer, keeping it ready for more records.
    public mutating func take() -> [UInt8] {
        let taken = bytes
        bytes = []
        bytes.reserveCapacity(taken.count)
        return taken
    }

    /// Appends one record, ending with CRLF, to `buffer`: the building block for writers that manage their
    /// own buffers.
    public static func appendRecord(_ fields: [String], to buffer: inout [UInt8]) {
        if fields.count == 1 && fields[0].isEmpty {
            buffer.append(CSVByte.quote)
            buffer.append(CSVByte.quote)
        } else {
            for (index, field) in fields.enumerated() {
                if index > 0 {
                    buffer.append(CSVByte.comma)
                }
                appendField(field, to: &buffer)
            }
        }
        buffer.append(CSVByte.carriageReturn)
        buffer.append(CSVByte.lineFeed)
    }

    /// Appends one field, quoted if it needs to be.
    static func appendField(_ field: String, to buffer: inout [UInt8]) {
        var field = field
        // A no-op for native strings, which are contiguous UTF-8; bridged ones are made so first.
        field.withUTF8 { utf8 in
            guard needsQuotes(utf8) else {
                buffer.append(contentsOf: utf8)
                return
            }
            buffer.append(CSVByte.quote)
            var spanStart = 0
            for index in utf8.indices where utf8[index] == CSVByte.quote {
                // Write up to and including the quote, then start the next span on it: that doubles it.
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[spanStart...index]))
                spanStart = index
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[spanStart...]))
            buffer.append(CSVByte.quote)
        }
    }

    private static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == CSVByte.space || last == CSVByte.space {
            return true
        }
        return utf8.contains { byte in
            byte == CSVByte.comma || byte == CSVByte.quote || byte == CSVByte.lineFeed
                || byte == CSVByte.carriageReturn
        }
    }
}
