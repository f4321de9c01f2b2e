/// One word of a field instruction: plain, quoted, or containing nested fields (`"Dear { MERGEFIELD Name }"`).
struct InstructionToken {
    enum Piece {
        case literal(String)
        case field(FieldNode)
    }

    var pieces: [Piece]
    var quoted: Bool

    /// The token's text when it holds no nested field.
    var plainText: String? {
        var text = ""
        for piece in pieces {
            guard case .literal(let literal) = piece else { return nil }
            text += literal
        }
        return text
    }

    /// An unquoted `\x` switch, returning what follows the backslash.
    var switchName: Substring? {
        guard !quoted, let text = plainText, text.hasPrefix("\\"), text.count > 1 else { return nil }
        return text.dropFirst()
    }
}

/// Parses field instructions into programs. A field the engine cannot compute (PAGE, REF, an IF that depends on
/// one...) yields nil and is left for Word.
enum FieldInstruction {
    /// Splits an instruction into words the way Word does: blanks separate words, double quotes group them (with
    /// `\"` and `\\` escapes inside quotes), and a nested field is part of the word it touches.
    static func tokenize(_ pieces: [InstructionPiece]) -> [InstructionToken] {
        var tokens: [InstructionToken] = []
        var current: [InstructionToken.Piece] = []
        var text = ""
        var active = false
        var quoted = false
        var inQuote = false
        func finishToken() {
            if !text.isEmpty { current.append(.literal(text)) }
            if active || !current.isEmpty { tokens.append(InstructionToken(pieces: current, quoted: quoted)) }
            current = []
            text = ""
            active = false
            quoted = false
        }
        for piece in pieces {
            switch piece {
            case .field(let node):
                if !text.isEmpty { current.append(.literal(text)) }
                text = ""
                current.append(.field(node))
                active = true
            case .text(let string):
                var iterator = string.makeIterator()
                while let character = iterator.next() {
                    if inQuote {
                        if character == "\"" {
                            inQuote = false
                            finishToken()
                        } else if character == "\\" {
                            // Only \" and \\ are escapes; other backslashes are literal (paths, pictures).
                            let next = iterator.next()
                            if next != "\"" && next != "\\" { text.append(character) }
                            if let next { text.append(next) }
                        } else {
                            text.append(character)
                        }
                    } else if character == "\"" {
                        if active || !current.isEmpty || !text.isEmpty { finishToken() }
                        inQuote = true
                        quoted = true
                        active = true
                    } else if character.isWhitespace {
                        if active || !current.isEmpty || !text.isEmpty { finishToken() }
                    } else {
                        text.append(character)
                        active = true
                    }
                }
            }
        }
        if active || !current.isEmpty || !text.isEmpty { finishToken() }
        return tokens
    }

    /// The program of a field, or nil when the field is not the merge's business and stays as Word wrote it.
    static func program(for node: FieldNode) -> FieldProgram? {
        guard node.end != nil else { return nil }
        let tokens = tokenize(node.pieces)
        guard let keyword = tokens.first?.plainText?.uppercased() else { return nil }
        let arguments = tokens.dropFirst()
        switch keyword {
        case "MERGEFIELD":
            guard let nameToken = arguments.first, nameToken.switchName == nil,
                let name = nameToken.plainText?.trimmingBlanks(), !name.isEmpty
            else { return nil }
            guard let format = FieldFormat(switches: arguments.dropFirst()) else { return nil }
            return .value(MergeValue(name: name, key: name.lowercased(), format: format))
        case "ADDRESSBLOCK":
            // Its switches (\f format, \l language, \c, \e, \d) describe Word's own composition: not ours to apply.
            return .value(MergeValue(name: "ContactMailAddress", key: "contactmailaddress", format: FieldFormat()))
        case "GREETINGLINE":
            return .value(MergeValue(name: "FormalSalutation", key: "formalsalutation", format: FieldFormat()))
        case "NEXT", "NEXTIF", "NEXTRECORD", "SKIPIF", "MERGEREC", "MERGESEQ":
            return .nothing
        case "IF":
            return condition(arguments)
        default:
            return nil
        }
    }

    private static func condition(_ arguments: ArraySlice<InstructionToken>) -> FieldProgram? {
        var operands: [InstructionToken] = []
        var switches: [InstructionToken] = []
        var takingArgument = false
        for token in arguments {
            if takingArgument {
                switches.append(token)
                takingArgument = false
            } else if let name = token.switchName {
                switches.append(token)
                takingArgument = name.count == 1 && name.first.map { "*@#bf".contains($0) } == true
            } else {
                operands.append(token)
            }
        }
        guard operands.count >= 3, !operands[1].quoted, let symbol = operands[1].plainText,
            let comparison = Comparison(rawValue: symbol)
        else { return nil }
        guard let left = text(operands[0]), let right = text(operands[2]),
            let whenTrue = operands.count > 3 ? text(operands[3]) : [],
            let whenFalse = operands.count > 4 ? text(operands[4]) : [],
            let format = FieldFormat(switches: switches[...])
        else { return nil }
        return .condition(
            Condition(
                left: left, comparison: comparison, right: right, whenTrue: whenTrue, whenFalse: whenFalse,
                format: format))
    }

    /// A token as field text; nil when it holds a field the engine cannot compute (the whole IF is then Word's).
    private static func text(_ token: InstructionToken) -> FieldText? {
        var result: FieldText = []
        for piece in token.pieces {
            switch piece {
            case .literal(let literal):
                result.append(.literal(literal))
            case .field(let node):
                guard let program = program(for: node) else { return nil }
                result.append(.field(program))
            }
        }
        return result
    }
}

extension String {
    func trimmingBlanks() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
