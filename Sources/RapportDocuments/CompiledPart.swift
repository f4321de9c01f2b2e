/// A field slot of a compiled part: what to compute, and the run formatting to write it with.
struct CompiledField: Sendable {
    var program: FieldProgram
    /// The `w:rPr` element of the field's first result run, verbatim (empty when it had none).
    var properties: [UInt8]
    var context: FieldContext
}

/// The elements written around merged values, in the part's namespace prefix.
struct RunTags: Sendable {
    let runOpen: [UInt8]
    let runClose: [UInt8]
    let textOpen: [UInt8]
    let textClose: [UInt8]
    let instructionOpen: [UInt8]
    let instructionClose: [UInt8]
    let lineBreak: [UInt8]
    let tab: [UInt8]

    init(_ names: WordNames) {
        func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }
        runOpen = bytes("<\(names.tag("r"))>")
        runClose = bytes("</\(names.tag("r"))>")
        textOpen = bytes("<\(names.tag("t")) xml:space=\"preserve\">")
        textClose = bytes("</\(names.tag("t"))>")
        instructionOpen = bytes("<\(names.tag("instrText")) xml:space=\"preserve\">")
        instructionClose = bytes("</\(names.tag("instrText"))>")
        lineBreak = bytes("<\(names.tag("br"))/>")
        tab = bytes("<\(names.tag("tab"))/>")
    }
}

/// A part compiled once per template: merging it for a contact is concatenating literal chunks and the escaped
/// values of the field slots.
struct CompiledPart: Sendable {
    enum Piece: Sendable {
        case literal(Range<Int>)
        case field(Int)
    }

    /// All literal bytes, in order; pieces refer to ranges of it.
    let literals: [UInt8]
    let pieces: [Piece]
    let fields: [CompiledField]
    let tags: RunTags

    init(segments: [Segment], source: [UInt8], fields: [CompiledField], tags: RunTags) {
        var literals: [UInt8] = []
        literals.reserveCapacity(source.count)
        var pieces: [Piece] = []
        func appendLiteral<C: Collection<UInt8>>(_ bytes: C) {
            guard !bytes.isEmpty else { return }
            let start = literals.count
            literals.append(contentsOf: bytes)
            if case .literal(let previous)? = pieces.last, previous.upperBound == start {
                pieces[pieces.count - 1] = .literal(previous.lowerBound..<literals.count)
            } else {
                pieces.append(.literal(start..<literals.count))
            }
        }
        for segment in segments {
            switch segment {
            case .bytes(let range): appendLiteral(source[range])
            case .literal(let bytes): appendLiteral(bytes)
            case .field(let index): pieces.append(.field(index))
            }
        }
        self.literals = literals
        self.pieces = pieces
        self.fields = fields
        self.tags = tags
    }

    /// The part's XML for one contact.
    func render(_ values: inout FieldValues, locale: MergeLocale) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(literals.count + 256 * fields.count)
        literals.withUnsafeBufferPointer { literal in
            for piece in pieces {
                switch piece {
                case .literal(let range):
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: literal[range]))
                case .field(let index):
                    let field = fields[index]
                    let value = field.program.evaluate(&values, locale: locale)
                    appendRun(value, field, to: &output)
                }
            }
        }
        return output
    }

    /// One run with the field's formatting: text split at line breaks (`w:br`) and tabs (`w:tab`), escaped.
    private func appendRun(_ value: String, _ field: CompiledField, to output: inout [UInt8]) {
        guard !value.isEmpty else { return }
        output.append(contentsOf: tags.runOpen)
        output.append(contentsOf: field.properties)
        let utf8 = Substring(value).utf8
        if field.context == .instruction {
            output.append(contentsOf: tags.instructionOpen)
            XMLText.appendEscaped(utf8, to: &output)
            output.append(contentsOf: tags.instructionClose)
        } else {
            var start = utf8.startIndex
            var index = start
            func flushText() {
                guard start < index else { return }
                output.append(contentsOf: tags.textOpen)
                XMLText.appendEscaped(utf8[start..<index], to: &output)
                output.append(contentsOf: tags.textClose)
            }
            while index < utf8.endIndex {
                let byte = utf8[index]
                guard byte == 0x0A || byte == 0x0D || byte == 0x09 else {
                    index = utf8.index(after: index)
                    continue
                }
                flushText()
                var next = utf8.index(after: index)
                if byte == 0x09 {
                    output.append(contentsOf: tags.tab)
                } else {
                    output.append(contentsOf: tags.lineBreak)
                    if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                }
                index = next
                start = next
            }
            flushText()
        }
        output.append(contentsOf: tags.runClose)
    }
}
