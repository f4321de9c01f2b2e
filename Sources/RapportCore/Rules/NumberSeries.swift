/// BC's number-series increment rule: the first number is `startingNo`; after that the digits at the
/// end of `lastNoUsed` count up keeping their width (`SEG00009` → `SEG00010`).
public enum NumberSeries {
    public static let maxLength = 20

    /// The number after `lastNoUsed` (or `startingNo` when nothing was used yet).
    public static func next(
        startingNo: String, lastNoUsed: String, seriesCode: String
    )
        throws(RapportError) -> String
    {
        if lastNoUsed.isEmpty {
            guard !startingNo.isEmpty else {
                throw RapportError.validation(
                    "startingNo", "Number series \(seriesCode) has no starting number.")
            }
            return startingNo
        }
        return try increment(lastNoUsed, seriesCode: seriesCode)
    }

    /// Increments the trailing digits of `number`, keeping their width unless they all were 9s.
    public static func increment(_ number: String, seriesCode: String) throws(RapportError) -> String {
        let characters = Array(number)
        var end = characters.count
        while end > 0, !characters[end - 1].isASCIIDigit { end -= 1 }
        var start = end
        while start > 0, characters[start - 1].isASCIIDigit { start -= 1 }
        guard start < end else {
            throw RapportError.validation(
                "lastNoUsed", "Number series \(seriesCode): '\(number)' has no digits to increment.")
        }
        var digits = characters[start..<end].compactMap(\.wholeNumberValue)
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 9 {
                digits[index] += 1
                break
            }
            digits[index] = 0
            index -= 1
        }
        if index < 0 { digits.insert(1, at: 0) }
        let result = String(characters[..<start]) + digits.map(String.init).joined() + String(characters[end...])
        guard result.count <= maxLength else {
            throw RapportError.validation(
                "lastNoUsed", "Number series \(seriesCode) has run out of numbers after '\(number)'.")
        }
        return result
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
