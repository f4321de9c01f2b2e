/// A field found in a story: a complex field (`w:fldChar` begin, instruction runs, separate, result runs, end) or a
/// simple one (`w:fldSimple`), with the fields nested in its instruction or its result.
final class FieldNode {
    let isSimple: Bool
    /// Item indices of the begin character (or `w:fldSimple` start tag) and the end; `end` is nil when the story
    /// ends before the field does.
    let begin: Int
    var end: Int?
    let beginRun: Int?
    var pieces: [InstructionPiece] = []
    var inResult: Bool
    var instructionRun: Int?
    var resultRun: Int?
    var resultFields: [FieldNode] = []

    init(isSimple: Bool, begin: Int, beginRun: Int?) {
        self.isSimple = isSimple
        self.begin = begin
        self.beginRun = beginRun
        inResult = isSimple
    }

    /// The run whose formatting the merged value takes: the first result run, else the instruction's.
    var formattingRun: Int? { resultRun ?? instructionRun ?? beginRun }
}

/// The instruction of a field: text, interleaved with nested fields (`IF { MERGEFIELD x } = "1" ...`).
enum InstructionPiece {
    case text(String)
    case field(FieldNode)
}

extension Story {
    /// Pairs the field characters of the story into a tree, as Word does: a stack of open fields, where instruction
    /// text belongs to the innermost field still reading its instruction. Stray separators and ends are ignored.
    func fieldTree() throws(DocumentError) -> [FieldNode] {
        var topLevel: [FieldNode] = []
        var stack: [FieldNode] = []
        func attach(_ node: FieldNode) {
            if let parent = stack.last {
                if parent.inResult { parent.resultFields.append(node) } else { parent.pieces.append(.field(node)) }
            } else {
                topLevel.append(node)
            }
            stack.append(node)
        }
        var tooDeep = false
        for (index, item) in items.enumerated() {
            switch item.kind {
            case .child(let run, let role):
                switch role {
                case .fieldBegin:
                    attach(FieldNode(isSimple: false, begin: index, beginRun: run))
                    tooDeep = tooDeep || stack.count > PartCompiler.maxNesting
                case .fieldSeparate:
                    if let top = stack.last, !top.isSimple, !top.inResult { top.inResult = true }
                case .fieldEnd:
                    if let top = stack.last, !top.isSimple {
                        top.end = index
                        stack.removeLast()
                    }
                case .instruction(let text):
                    if let top = stack.last, !top.inResult {
                        top.pieces.append(.text(text))
                        if top.instructionRun == nil { top.instructionRun = run }
                    }
                case .lineBreak, .tab, .content:
                    if let top = stack.last, top.inResult, top.resultRun == nil { top.resultRun = run }
                }
            case .simpleOpen(let instruction):
                let node = FieldNode(isSimple: true, begin: index, beginRun: nil)
                node.pieces = [.text(instruction)]
                attach(node)
                tooDeep = tooDeep || stack.count > PartCompiler.maxNesting
            case .simpleClose:
                // Complex fields left open inside the simple field stay unterminated (and so are kept as they are).
                while let top = stack.last {
                    stack.removeLast()
                    if top.isSimple {
                        top.end = index
                        break
                    }
                }
            case .structural(let paragraphEnd):
                // A quoted IF text may run over several paragraphs.
                if paragraphEnd, let top = stack.last, !top.inResult { top.pieces.append(.text("\n")) }
            case .runOpen, .runClose:
                break
            }
        }
        if tooDeep { throw .corrupt("fields are nested too deeply") }
        return topLevel
    }
}
