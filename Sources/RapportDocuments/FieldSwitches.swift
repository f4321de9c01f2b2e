/// The switches of a merge field: `\*` case formats, `\@` date picture, `\#` number picture, `\b` text before and
/// `\f` text after. `\* MERGEFORMAT`/`CHARFORMAT` (keep formatting), `\m` and `\v` need nothing from a merge.
struct FieldFormat: Sendable {
    enum Case: Sendable {
        case upper, lower, firstCapital, capitals
    }

    var letterCase: Case?
    var datePicture: String?
    var numberPicture: String?
    var textBefore: String?
    var textAfter: String?

    init() {}

    /// Reads the switches following a field's arguments. Returns nil when a switch argument is itself a field
    /// (Word allows it; the engine leaves such a field to Word).
    init?(switches tokens: ArraySlice<InstructionToken>) {
        var index = tokens.startIndex
        while index < tokens.endIndex {
            let token = tokens[index]
            index += 1
            guard let name = token.switchName else { continue }
            guard let letter = name.first else { continue }
            var argument: String?
            if name.count > 1 {
                argument = String(name.dropFirst())  // `\*Upper`, written without the blank
            } else if "*@#bf".contains(letter), index < tokens.endIndex {
                guard let text = tokens[index].plainText else { return nil }
                argument = text
                index += 1
            }
            switch (letter, argument) {
            case ("*", let format?):
                switch format.lowercased() {
                case "upper": letterCase = .upper
                case "lower": letterCase = .lower
                case "firstcap": letterCase = .firstCapital
                case "caps": letterCase = .capitals
                default: break  // MERGEFORMAT, CHARFORMAT, and number formats (Arabic, Roman...) left as is
                }
            case ("@", let picture?): datePicture = picture
            case ("#", let picture?): numberPicture = picture
            case ("b", let text?): textBefore = text
            case ("f", let text?): textAfter = text
            default: break
            }
        }
    }

    var isEmpty: Bool {
        letterCase == nil && datePicture == nil && numberPicture == nil && textBefore == nil && textAfter == nil
    }

    /// The value as the field shows it. Pictures apply only to values they can read (a date `yyyy-MM-dd`, a number);
    /// other values pass through unchanged. `\b` and `\f` appear only around a non-empty value.
    func apply(to value: String, locale: MergeLocale) -> String {
        if isEmpty { return value }
        var result = value
        if let datePicture, let date = DatePicture.parse(value, locale: locale) {
            result = DatePicture.format(date, picture: datePicture, locale: locale)
        } else if let numberPicture, let number = NumberPicture.parse(value) {
            result = NumberPicture.format(number, picture: numberPicture, locale: locale)
        }
        switch letterCase {
        case .upper: result = result.uppercased()
        case .lower: result = result.lowercased()
        case .firstCapital: result = Self.capitalizingFirst(result.lowercased())
        case .capitals: result = Self.capitalizingWords(result.lowercased())
        case nil: break
        }
        guard !result.isEmpty else { return result }
        return (textBefore ?? "") + result + (textAfter ?? "")
    }

    private static func capitalizingFirst(_ text: String) -> String {
        guard let index = text.firstIndex(where: { $0.isLetter }) else { return text }
        return text[..<index] + text[index].uppercased() + text[text.index(after: index)...]
    }

    private static func capitalizingWords(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var atWordStart = true
        for character in text {
            if character.isWhitespace || character == "-" {
                atWordStart = true
                result.append(character)
            } else if atWordStart && character.isLetter {
                result += character.uppercased()
                atWordStart = false
            } else {
                result.append(character)
                if character.isLetter || character.isNumber { atWordStart = false }
            }
        }
        return result
    }
}

/// Comparison of `IF` operands as Word does: numerically when both sides are numbers, else as text, where `=` and
/// `<>` accept `*` and `?` wildcards in the right operand.
enum FieldCondition {
    static func holds(_ left: String, _ comparison: Comparison, _ right: String) -> Bool {
        if let a = NumberPicture.parse(left), let b = NumberPicture.parse(right) {
            let order = a.compare(b)
            switch comparison {
            case .equal: return order == 0
            case .notEqual: return order != 0
            case .less: return order < 0
            case .greater: return order > 0
            case .lessOrEqual: return order <= 0
            case .greaterOrEqual: return order >= 0
            }
        }
        switch comparison {
        case .equal: return matches(left, right)
        case .notEqual: return !matches(left, right)
        case .less: return left < right
        case .greater: return left > right
        case .lessOrEqual: return left <= right
        case .greaterOrEqual: return left >= right
        }
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        guard pattern.contains("*") || pattern.contains("?") else { return text == pattern }
        return wildcard(Array(text), Array(pattern))
    }

    /// Glob matching with `*` (any run) and `?` (one character), iterative with backtracking to the last star.
    private static func wildcard(_ text: [Character], _ pattern: [Character]) -> Bool {
        var t = 0
        var p = 0
        var star = -1
        var resume = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
                t += 1
                p += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
