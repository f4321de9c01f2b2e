/// A story (a part, or a text box inside one) read as a flat list of items: structure outside runs, and the runs
/// cut into their children, so that a field's runs can be dropped while everything around them is kept byte for byte.
struct Story {
    var items: [StoryItem] = []
    var runs: [RunShape] = []
}

struct StoryItem {
    enum Kind {
        /// Bytes outside any run (paragraph and table tags, properties, bookmarks...); always kept.
        case structural(paragraphEnd: Bool)
        /// A run's start tag and its `w:rPr`; emitted only in front of kept children.
        case runOpen(run: Int)
        case runClose(run: Int)
        case child(run: Int, role: ChildRole)
        case simpleOpen(instruction: String)
        case simpleClose
    }

    enum ChildRole: Equatable {
        case fieldBegin, fieldSeparate, fieldEnd
        case instruction(String)
        case lineBreak, tab, content
    }

    var kind: Kind
    var range: Range<Int>
    /// For a child holding text boxes: its compiled contents, covering `range.lowerBound..<nestedEnd`.
    var nested: [Segment]?
    var nestedEnd = 0
}

struct RunShape {
    /// The start tag and properties: what to write again to reopen the run after a removed field.
    var open: Range<Int>
    var properties: Range<Int>?
    var childCount = 0
}

/// A piece of compiled output: bytes of the source part, synthesized bytes, or a field slot.
enum Segment {
    case bytes(Range<Int>)
    case literal([UInt8])
    case field(Int)
}

extension PartCompiler {
    /// Reads items up to the end tag that closes the element containing the story (or the end of the part), which
    /// is consumed. Returns the story and where its closing tag starts.
    func scanStory(_ scanner: inout XMLScanner) throws(DocumentError) -> (Story, Int) {
        var story = Story()
        var depth = 0
        func structural(_ token: XMLToken, paragraphEnd: Bool = false) {
            if let last = story.items.last, case .structural(let previous) = last.kind,
                last.range.upperBound == token.start
            {
                story.items[story.items.count - 1].range = last.range.lowerBound..<token.end
                story.items[story.items.count - 1].kind = .structural(paragraphEnd: previous || paragraphEnd)
            } else {
                story.items.append(
                    StoryItem(kind: .structural(paragraphEnd: paragraphEnd), range: token.start..<token.end))
            }
        }
        while let token = try scanner.next() {
            switch token.kind {
            case .startTag where scanner.nameEquals(token, names.run):
                try scanRun(token, &scanner, into: &story)
            case .startTag where scanner.nameEquals(token, names.deleted) || scanner.nameEquals(token, names.movedFrom):
                // Tracked deletions keep their own field characters; they are not part of the live field sequence.
                let end = try scanner.skipElement(token)
                structural(XMLToken(kind: .markup, start: token.start, end: end.end, nameStart: 0, nameEnd: 0))
            case .startTag where scanner.nameEquals(token, names.fieldSimple):
                let instruction = XMLText.attribute("instr", of: token, in: bytes) ?? ""
                story.items.append(
                    StoryItem(kind: .simpleOpen(instruction: instruction), range: token.start..<token.end))
                depth += 1
            case .emptyTag where scanner.nameEquals(token, names.fieldSimple):
                let instruction = XMLText.attribute("instr", of: token, in: bytes) ?? ""
                story.items.append(
                    StoryItem(kind: .simpleOpen(instruction: instruction), range: token.start..<token.end))
                story.items.append(StoryItem(kind: .simpleClose, range: token.end..<token.end))
            case .endTag where scanner.nameEquals(token, names.fieldSimple):
                story.items.append(StoryItem(kind: .simpleClose, range: token.start..<token.end))
                depth -= 1
            case .startTag:
                depth += 1
                structural(token)
            case .endTag:
                if depth == 0 { return (story, token.start) }
                depth -= 1
                structural(token, paragraphEnd: scanner.nameEquals(token, names.paragraph))
            default:
                structural(token)
            }
        }
        return (story, scanner.limit)
    }

    /// Reads one `w:r` element into a run-open item, one item per child element and a run-close item.
    private func scanRun(_ open: XMLToken, _ scanner: inout XMLScanner, into story: inout Story) throws(DocumentError) {
        let runIndex = story.runs.count
        var properties: Range<Int>?
        var children: [(start: Int, role: StoryItem.ChildRole, nested: [Segment]?, nestedEnd: Int)] = []
        var closeTag: XMLToken?
        while let token = try scanner.next() {
            switch token.kind {
            case .endTag:
                closeTag = token
            case .startTag, .emptyTag:
                let empty = token.kind == .emptyTag
                if children.isEmpty, properties == nil, scanner.nameEquals(token, names.runProperties) {
                    properties = token.start..<(empty ? token.end : try scanner.skipElement(token).end)
                    continue
                }
                var role = StoryItem.ChildRole.content
                var nested: [Segment]?
                var nestedEnd = 0
                if scanner.nameEquals(token, names.fieldChar) {
                    switch XMLText.attribute("fldCharType", of: token, in: bytes) {
                    case "begin": role = .fieldBegin
                    case "separate": role = .fieldSeparate
                    case "end": role = .fieldEnd
                    default: role = .content
                    }
                    if !empty { _ = try scanner.skipElement(token) }
                } else if scanner.nameEquals(token, names.instructionText) {
                    var text = ""
                    if !empty {
                        let end = try scanner.skipElement(token)
                        text = XMLText.decode(bytes[token.end..<end.start])
                    }
                    role = .instruction(text)
                } else if scanner.nameEquals(token, names.lineBreak) || scanner.nameEquals(token, names.carriageReturn)
                {
                    role = .lineBreak
                    if !empty { _ = try scanner.skipElement(token) }
                } else if scanner.nameEquals(token, names.tab) {
                    role = .tab
                    if !empty { _ = try scanner.skipElement(token) }
                } else if !empty {
                    (nested, nestedEnd) = try scanChildContents(token, &scanner)
                }
                children.append((token.start, role, nested, nestedEnd))
            default:
                continue  // whitespace, comments: carried inside the neighbouring ranges
            }
            if closeTag != nil { break }
        }
        guard let closeTag else { throw .corrupt("a run (w:r) is not closed") }
        let openEnd = children.first?.start ?? closeTag.start
        story.runs.append(RunShape(open: open.start..<openEnd, properties: properties, childCount: children.count))
        story.items.append(StoryItem(kind: .runOpen(run: runIndex), range: open.start..<openEnd))
        for (index, child) in children.enumerated() {
            let end = index + 1 < children.count ? children[index + 1].start : closeTag.start
            story.items.append(
                StoryItem(
                    kind: .child(run: runIndex, role: child.role), range: child.start..<end, nested: child.nested,
                    nestedEnd: child.nestedEnd))
        }
        story.items.append(StoryItem(kind: .runClose(run: runIndex), range: closeTag.start..<closeTag.end))
    }

    /// Skips a run child, compiling any text box (`w:txbxContent`) inside it as a story of its own.
    /// Returns the compiled segments up to the last text box, or nil when there is none.
    private func scanChildContents(
        _ open: XMLToken, _ scanner: inout XMLScanner
    ) throws(DocumentError) -> ([Segment]?, Int) {
        var depth = 1
        var segments: [Segment] = []
        var literalStart = open.start
        var found = false
        while let token = try scanner.next() {
            switch token.kind {
            case .startTag where scanner.nameEquals(token, names.textBoxContent):
                segments.append(.bytes(literalStart..<token.end))
                textBoxDepth += 1
                defer { textBoxDepth -= 1 }
                guard textBoxDepth <= Self.maxNesting else { throw .corrupt("text boxes are nested too deeply") }
                let (story, storyEnd) = try scanStory(&scanner)
                segments.append(contentsOf: try compile(story))
                literalStart = storyEnd
                found = true
            case .startTag:
                depth += 1
            case .endTag:
                depth -= 1
                if depth == 0 { return (found ? segments : nil, literalStart) }
            default:
                break
            }
        }
        throw .corrupt("an element inside a run is not closed")
    }
}
