/// Compiles one WordprocessingML part (body, header, footer, notes) into literal byte chunks and field slots.
///
/// Every field the merge computes is cut out from its begin to its end, runs and all, and replaced by a slot that
/// writes one run (with the formatting of the field's first result run) at merge time. Structure inside the field
/// (paragraph marks, bookmarks) is kept so the XML stays balanced. Fields left to Word stay as they are, except that
/// merge fields nested in their instructions are replaced by their values as instruction text.
final class PartCompiler {
    let bytes: [UInt8]
    let names: WordNames
    private(set) var fields: [CompiledField] = []
    /// Names read by the merge, in document order, with repeats.
    private(set) var fieldNames: [String] = []
    /// Whether the part differs from the template at all (fields removed or replaced).
    private(set) var changed = false
    /// How many text boxes enclose the story being read: bounded, since each level is a recursion.
    var textBoxDepth = 0
    /// Word nests fields a few levels deep; a hostile part could nest thousands (each a recursion when compiled).
    static let maxNesting = 32

    init(bytes: [UInt8]) throws(DocumentError) {
        self.bytes = bytes
        names = try WordNames.detect(in: bytes)
    }

    /// Compiles the whole part.
    func compile() throws(DocumentError) -> CompiledPart {
        var scanner = XMLScanner(bytes: bytes)
        let (story, storyEnd) = try scanStory(&scanner)
        var segments = try compile(story)
        if storyEnd < bytes.count { segments.append(.bytes(storyEnd..<bytes.count)) }
        return CompiledPart(segments: segments, source: bytes, fields: fields, tags: RunTags(names))
    }

    /// Plans which items each field removes or replaces, then emits the story.
    func compile(_ story: Story) throws(DocumentError) -> [Segment] {
        var plan = Plan(removed: [Bool](repeating: false, count: story.items.count))
        for node in try story.fieldTree() { self.plan(node, story: story, context: .text, into: &plan) }
        return emit(story, plan)
    }

    private struct Plan {
        var removed: [Bool]
        var insertions: [Int: [Segment]] = [:]
    }

    private func plan(_ node: FieldNode, story: Story, context: FieldContext, into plan: inout Plan) {
        if let end = node.end, let program = FieldInstruction.program(for: node) {
            changed = true
            for index in node.begin...end {
                switch story.items[index].kind {
                case .child, .simpleOpen, .simpleClose: plan.removed[index] = true
                default: break
                }
            }
            program.collectNames(into: &fieldNames)
            if case .nothing = program { return }
            var properties: [UInt8] = []
            if let run = node.formattingRun, let range = story.runs[run].properties {
                properties = Array(bytes[range])
            }
            fields.append(CompiledField(program: program, properties: properties, context: context))
            plan.insertions[node.begin, default: []].append(.field(fields.count - 1))
            return
        }
        for case .field(let nested) in node.pieces {
            self.plan(nested, story: story, context: .instruction, into: &plan)
        }
        for nested in node.resultFields { self.plan(nested, story: story, context: context, into: &plan) }
    }

    /// Writes the story's items, skipping removed ones: a run losing some children is closed before them and
    /// reopened (same start tag and properties) after them.
    private func emit(_ story: Story, _ plan: Plan) -> [Segment] {
        var output: [Segment] = []
        output.reserveCapacity(16)
        let closeRun = Array("</\(names.tag("r"))>".utf8)
        var openRun: Int?
        func append(_ item: StoryItem) {
            if let nested = item.nested {
                output.append(contentsOf: nested)
                output.append(.bytes(item.nestedEnd..<item.range.upperBound))
            } else {
                output.append(.bytes(item.range))
            }
        }
        for (index, item) in story.items.enumerated() {
            if let insertion = plan.insertions[index] {
                if openRun != nil {
                    output.append(.literal(closeRun))
                    openRun = nil
                }
                output.append(contentsOf: insertion)
            }
            switch item.kind {
            case .structural:
                append(item)
            case .runOpen(let run):
                // A run without children is written whole; others are opened by their first kept child.
                if story.runs[run].childCount == 0 {
                    append(item)
                    openRun = run
                }
            case .child(let run, _):
                if plan.removed[index] {
                    if openRun == run {
                        output.append(.literal(closeRun))
                        openRun = nil
                    }
                } else {
                    if openRun != run {
                        output.append(.bytes(story.runs[run].open))
                        openRun = run
                    }
                    append(item)
                }
            case .runClose(let run):
                if openRun == run {
                    append(item)
                    openRun = nil
                }
            case .simpleOpen, .simpleClose:
                if !plan.removed[index] { append(item) }
            }
        }
        return output
    }
}
