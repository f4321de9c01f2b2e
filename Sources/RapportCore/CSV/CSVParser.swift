/// The byte-level RFC 4180 state machine behind `CSVReader`.
///
/// It is fed the input one chunk at a time and keeps all of its state between chunks, so a record, a
/// field, a doubled quote or a CRLF may be split anywhere by a chunk boundary. Field bytes are turned
/// into `String`s straight from the chunk when a field lies inside one chunk; only fields that cross a
/// boundary, or contain doubled quotes, are gathered in `scratch` first.
struct CSVParser {
    /// Where the parser is within the grammar.
    enum State {
        /// Nothing of the current line seen yet: a line break here is a blank line, which is skipped.
        case recordStart
        /// A record (or blank line) just ended with CR; a following LF belongs to the same line break.
        case afterCarriageReturn
        /// At the start of a field after a comma.
        case fieldStart
        /// Inside an unquoted field.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Inside a quoted field right after a CR, so that a following LF is not counted as another line.
        case quotedAfterCarriageReturn
        /// Inside a quoted field, the last chunk ended on a quote: a quote next means an escaped quote,
        /// anything else means the field was closed. The field's content so far is in `scratch`.
        case quotedAfterQuote
        /// A quoted field was closed: only a comma, a line break or the end of the input may follow.
        case afterClosingQuote
    }

    /// What `parse` or `finish` stopped on.
    enum Step {
        /// The chunk was used up in the middle of a record (or between records).
        case needInput
        /// A record is complete; take it with `takeRecord()`.
        case record
        /// The input ended and there are no more records.
        case end
        /// The input is malformed; the parser must not be used again.
        case failure(CSVError)
    }

    /// The longest field accepted, in bytes (UTF-8, after removing quotes).
    let maximumFieldBytes: Int

    private(set) var state = State.recordStart
    /// The physical line the next byte is on.
    private(set) var line = 1
    /// The line on which the record being parsed started.
    private var recordLine = 1
    /// The line on which the field being parsed started, to place UTF-8 errors inside multi-line fields.
    private var fieldLine = 1
    private var fields: [String] = []
    /// Field bytes carried across a chunk boundary or collected around doubled quotes.
    private var scratch: [UInt8] = []

    /// Creates a parser at the start of the input.
    init(maximumFieldBytes: Int = 16 << 20) {
        self.maximumFieldBytes = maximumFieldBytes
    }

    /// Consumes bytes of `chunk` from index `start` until a record is complete, the chunk is used up or the
    /// input turns out to be malformed. Returns the index of the first byte not consumed.
    mutating func parse(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> (next: Int, step: Step) {
        let end = chunk.count
        var index = start
        // Where the unconsumed content of the current field begins in this chunk; earlier bytes of the field
        // are already in `scratch`.
        var spanStart = start
        while index < end {
            switch state {
            case .afterCarriageReturn:
                if chunk[index] == CSVByte.lineFeed {
                    index += 1
                }
                state = .recordStart

            case .recordStart:
                let byte = chunk[index]
                if byte == CSVByte.lineFeed {
                    line += 1
                    index += 1
                } else if byte == CSVByte.carriageReturn {
                    line += 1
                    index += 1
                    state = .afterCarriageReturn
                } else {
                    // Not consumed: `fieldStart` reads the byte as the start of the first field.
                    recordLine = line
                    state = .fieldStart
                }

            case .fieldStart:
                let byte = chunk[index]
                switch byte {
                case CSVByte.quote:
                    fieldLine = line
                    index += 1
                    spanStart = index
                    state = .quoted
                case CSVByte.comma:
                    fields.append("")
                    index += 1
                case CSVByte.lineFeed, CSVByte.carriageReturn:
                    fields.append("")
                    return (endRecord(lineBreak: byte, at: index), .record)
                default:
                    fieldLine = line
                    spanStart = index
                    index += 1
                    state = .unquoted
                }

            case .unquoted:
                // The hot loop: most bytes of a typical file are plain field content.
                while index < end {
                    let byte = chunk[index]
                    if byte > CSVByte.comma
                        || (byte != CSVByte.comma && byte != CSVByte.quote
                            && byte != CSVByte.lineFeed && byte != CSVByte.carriageReturn)
                    {
                        index += 1
                    } else {
                        break
                    }
                }
                guard index < end else { break }
                let byte = chunk[index]
                if byte == CSVByte.quote {
                    return (index, .failure(.strayQuote(line: line)))
                }
                if let error = emitField(chunk, from: spanStart, to: index) {
                    return (index, .failure(error))
                }
                if byte == CSVByte.comma {
                    index += 1
                    state = .fieldStart
                } else {
                    return (endRecord(lineBreak: byte, at: index), .record)
                }

            case .quoted:
                while index < end {
                    let byte = chunk[index]
                    if byte == CSVByte.quote || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                        break
                    }
                    index += 1
                }
                guard index < end else { break }
                let byte = chunk[index]
                if byte == CSVByte.lineFeed {
                    line += 1
                    index += 1
                } else if byte == CSVByte.carriageReturn {
                    line += 1
                    index += 1
                    state = .quotedAfterCarriageReturn
                } else if index + 1 < end {
                    if chunk[index + 1] == CSVByte.quote {
                        // A doubled quote: keep one of the two.
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[spanStart...index]))
                        index += 2
                        spanStart = index
                    } else {
                        if let error = emitField(chunk, from: spanStart, to: index) {
                            return (index, .failure(error))
                        }
                        index += 1
                        state = .afterClosingQuote
                    }
                } else {
                    // The chunk ends on the quote: the next byte decides whether it closes the field.
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[spanStart..<index]))
                    index += 1
                    spanStart = index
                    state = .quotedAfterQuote
                }

            case .quotedAfterCarriageReturn:
                // The LF of a CRLF is field content like the CR, but the pair is one line break.
                if chunk[index] == CSVByte.lineFeed {
                    index += 1
                }
                state = .quoted

            case .quotedAfterQuote:
                if chunk[index] == CSVByte.quote {
                    scratch.append(CSVByte.quote)
                    index += 1
                    spanStart = index
                    state = .quoted
                } else {
                    if let error = emitField(chunk, from: index, to: index) {
                        return (index, .failure(error))
                    }
                    state = .afterClosingQuote
                }

            case .afterClosingQuote:
                let byte = chunk[index]
                switch byte {
                case CSVByte.comma:
                    index += 1
                    state = .fieldStart
                case CSVByte.lineFeed, CSVByte.carriageReturn:
                    return (endRecord(lineBreak: byte, at: index), .record)
                default:
                    return (index, .failure(.textAfterClosingQuote(line: line)))
                }
            }
        }
        switch state {
        case .unquoted, .quoted, .quotedAfterCarriageReturn:
            // The field goes on in the next chunk, which is read into the same buffer: keep its bytes.
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[spanStart..<end]))
            if scratch.count > maximumFieldBytes {
                // Only a quote left open can make a field this long; without this limit it would take the
                // rest of the file into memory before the end of the input reports it.
                return (end, .failure(.fieldTooLong(line: fieldLine, limit: maximumFieldBytes)))
            }
        case .recordStart, .afterCarriageReturn, .fieldStart, .quotedAfterQuote, .afterClosingQuote:
            break
        }
        return (end, .needInput)
    }

    /// Ends the input: completes a record that lacks a final line break, or reports an unclosed quote.
    mutating func finish() -> Step {
        switch state {
        case .recordStart, .afterCarriageReturn:
            return .end
        case .fieldStart:
            // The input ended right after a comma: the record's last field is empty.
            fields.append("")
        case .unquoted, .quotedAfterQuote:
            let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            if let error = emitField(empty, from: 0, to: 0) {
                return .failure(error)
            }
        case .afterClosingQuote:
            break
        case .quoted, .quotedAfterCarriageReturn:
            return .failure(.unclosedQuote(line: fieldLine))
        }
        state = .recordStart
        return .record
    }

    /// Hands over the record completed by the last `.record` step.
    mutating func takeRecord() -> CSVRecord {
        let record = CSVRecord(fields: fields, line: recordLine)
        // Files have the same number of fields on every line, so size the next record's array up front.
        fields = []
        fields.reserveCapacity(record.fields.count)
        return record
    }

    /// Ends the record at the line break `byte` found at `index`; returns the index after it.
    private mutating func endRecord(lineBreak byte: UInt8, at index: Int) -> Int {
        line += 1
        state = byte == CSVByte.carriageReturn ? .afterCarriageReturn : .recordStart
        return index + 1
    }

    /// Appends the field made of `scratch` followed by `chunk[start..<end]`, or returns why it is not UTF-8.
    private mutating func emitField(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> CSVError? {
        let bytes = UnsafeBufferPointer(rebasing: chunk[start..<end])
        if scratch.isEmpty {
            guard let value = CSVUTF8.string(bytes) else {
                return .invalidUTF8(line: CSVUTF8.lineOfFirstInvalidByte(in: bytes, firstLine: fieldLine))
            }
            fields.append(value)
        } else {
            scratch.append(contentsOf: bytes)
            let value = scratch.withUnsafeBufferPointer(CSVUTF8.string)
            guard let value else {
                return .invalidUTF8(line: CSVUTF8.lineOfFirstInvalidByte(in: scratch, firstLine: fieldLine))
            }
            fields.append(value)
            scratch.removeAll(keepingCapacity: true)
        }
        return nil
    }
}
