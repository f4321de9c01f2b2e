import RapportCore

/// SplitMix64: small, fast and the same on every platform, unlike the system generator.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random stored values and random filter texts for one field type, drawn from small pools so that filters hit.
struct FilterCaseGenerator {
    let type: FilterValueType
    var random: SeededGenerator

    init(type: FilterValueType, seed: UInt64) {
        self.type = type
        random = SeededGenerator(state: seed)
    }

    /// Case pairs, folding traps (ß/SS, dotted and dotless i, final sigma, Kelvin sign), emoji, RTL, combining
    /// marks, and the characters LIKE and the filter syntax treat specially.
    private static let alphabet: [String] = [
        "a", "A", "b", "B", "s", "S", "ß", "ẞ", "i", "I", "ı", "İ", "σ", "ς", "Σ", "\u{212A}", "k", "é", "e", "\u{301}",
        "😀", "👍🏽", "ع", "م", "ש", "ל", "%", "_", "\\", "'", "|", "&", "*", "?", "(", "<", "=", "@", ".", " ", "-",
    ]
    private static let words = [
        "Straße", "STRASSE", "strasse", "Ab", "ab", "AB", "b", "a", "", "😀 hi", "مرحبا",
        "שלום", "café", "cafe\u{301}", "50%", "a_b", "it's", "A|B", "x..y", " lead", "trail ",
        "Jones & Co", "JONES & CO", "Smith", "SMITH", "blacksmith", "O'Hare", "[x]*?", "Ab😀", "עב", "éA",
    ]
    private static let dates = ["2023-12-31", "2024-01-01", "2024-02-29", "2024-09-30", "2024-10-05"]
    private static let decimals = ["-1.25", "0", "0.5", "2", "3.75", "10"]

    private mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &random) < percent
    }

    private mutating func pick<T>(_ values: [T]) -> T {
        values[Int.random(in: 0..<values.count, using: &random)]
    }

    private mutating func randomText(maxLength: Int) -> String {
        (0..<Int.random(in: 0...maxLength, using: &random)).map { _ in pick(Self.alphabet) }.joined()
    }

    /// A value as a column of this type stores it; NULL included.
    mutating func storedValue() -> SQLValue {
        if chance(12) {
            return .null
        }
        switch type {
        case .text:
            return .text(chance(50) ? pick(Self.words) : randomText(maxLength: 4))
        case .code:
            // Codes are stored upper-cased; blank codes are NULL or ''.
            return .text((chance(50) ? pick(Self.words) : randomText(maxLength: 3)).uppercased())
        case .integer:
            return .integer(Int64.random(in: -5...5, using: &random))
        case .decimal:
            return .real(Double(pick(Self.decimals)) ?? 0)
        case .date:
            return .text(pick(Self.dates))
        case .boolean:
            return .integer(Int64.random(in: 0...1, using: &random))
        case .enumeration(let options):
            // Stale and wrongly cased values too: only negative filters may select them.
            return .text(pick(options + ["", "fax", "EMAIL"]))
        }
    }

    /// A filter text: terms joined by `|` and `&`, with parentheses around compound operands.
    mutating func expression(depth: Int) -> String {
        guard depth > 0, chance(45) else {
            return term()
        }
        let separator = chance(50) ? "|" : "&"
        let children = (0..<Int.random(in: 2...3, using: &random)).map { _ in
            let child = expression(depth: depth - 1)
            return child.contains("|") || child.contains("&") ? "(" + child + ")" : child
        }
        return children.joined(separator: chance(30) ? " \(separator) " : separator)
    }

    private mutating func term() -> String {
        let textual = type == .text || type == .code || { if case .enumeration = type { true } else { false } }()
        let at = textual && chance(25) ? "@" : ""
        switch Int.random(in: 0..<10, using: &random) {
        case 0:
            return pick(["''", "<>''", ">''", "<=''"])
        case 1, 2:
            return at + value()
        case 3, 4:
            return at + pick(["=", "<>", "<", "<=", ">", ">="]) + value()
        case 5, 6:
            switch Int.random(in: 0..<3, using: &random) {
            case 0: return at + value() + ".." + value()
            case 1: return at + ".." + value()
            default: return at + value() + ".."
            }
        default:
            guard textual else {
                return value()
            }
            return at + (chance(25) ? "<>" : "") + pattern()
        }
    }

    /// A literal value, quoted when it has anything the parser would read as syntax.
    private mutating func value() -> String {
        switch type {
        case .text, .code:
            return literal(chance(60) ? pick(Self.words) : randomText(maxLength: 3), allowEmpty: false)
        case .integer:
            return String(Int.random(in: -6...6, using: &random))
        case .decimal:
            return pick(Self.decimals + ["1.0", "-0.5", "2e0"])
        case .date:
            return pick(Self.dates + ["2024-06-15"])
        case .boolean:
            return pick(["true", "FALSE", "yes", "No", "1", "0"])
        case .enumeration(let options):
            let option = pick(options)
            return chance(50) ? option.uppercased() : option
        }
    }

    private func literal(_ text: String, allowEmpty: Bool) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        if plain, !text.isEmpty {
            return text
        }
        if text.isEmpty, !allowEmpty {
            return "x"
        }
        // Double quotes scalar by scalar: String.replacingOccurrences works on Characters and would miss a quote
        // that a combining mark joins into one Character with the next scalar.
        var quoted = String.UnicodeScalarView(["'"])
        for scalar in text.unicodeScalars {
            quoted.append(contentsOf: scalar == "'" ? ["'", "'"] : [scalar])
        }
        quoted.append("'")
        return String(quoted)
    }

    /// A wildcard pattern with at least one `*` or `?`, literals never adjacent (two quoted pieces would merge).
    private mutating func pattern() -> String {
        var pieces: [String] = []
        var lastWasLiteral = false
        for index in 0..<Int.random(in: 1...4, using: &random) {
            let wantsLiteral = !lastWasLiteral && (index > 0 || chance(60)) && chance(60)
            if wantsLiteral {
                let source: String
                if case .enumeration(let options) = type {
                    let option = pick(options)
                    let start = Int.random(in: 0..<option.count, using: &random)
                    source = String(option.dropFirst(start).prefix(Int.random(in: 1...3, using: &random)))
                } else {
                    source = randomText(maxLength: 2)
                }
                pieces.append(literal(source, allowEmpty: false))
                lastWasLiteral = true
            } else {
                pieces.append(chance(60) ? "*" : "?")
                lastWasLiteral = false
            }
        }
        if !pieces.contains("*"), !pieces.contains("?") {
            pieces.append("*")
        }
        return pieces.joined()
    }
}
