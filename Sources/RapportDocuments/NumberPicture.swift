/// Word's `\#` number pictures (`#,##0.00`, `0`, `$#,##0`, `0.00%`, `#,##0.00;(#,##0.00);-`) applied to values
/// such as `1234.5` or `-3`. Arithmetic is on decimal digits, so `2.675` rounds to `2.68` as written.
///
/// Differences from Word, on purpose: `#` placeholders never pad with blanks, and `%` is a literal (as in Word).
enum NumberPicture {
    /// A decimal number as digits, without leading zeros in `integer`.
    struct Number: Equatable {
        var negative: Bool
        var integer: [UInt8]
        var fraction: [UInt8]

        var isZero: Bool { integer.allSatisfy { $0 == 0 } && fraction.allSatisfy { $0 == 0 } }

        /// -1, 0 or 1.
        func compare(_ other: Number) -> Int {
            if isZero && other.isZero { return 0 }
            if negative != other.negative { return negative ? -1 : 1 }
            let magnitude = Self.compareMagnitude(self, other)
            return negative ? -magnitude : magnitude
        }

        private static func compareMagnitude(_ a: Number, _ b: Number) -> Int {
            let left = a.integer.drop { $0 == 0 }
            let right = b.integer.drop { $0 == 0 }
            if left.count != right.count { return left.count < right.count ? -1 : 1 }
            for (x, y) in zip(left, right) where x != y { return x < y ? -1 : 1 }
            for index in 0..<max(a.fraction.count, b.fraction.count) {
                let x = index < a.fraction.count ? a.fraction[index] : 0
                let y = index < b.fraction.count ? b.fraction[index] : 0
                if x != y { return x < y ? -1 : 1 }
            }
            return 0
        }
    }

    /// Reads `[-+]digits[.digits]`, allowing `,` or blanks as thousands separators in the integer part.
    static func parse(_ text: String) -> Number? {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, XMLText.isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, XMLText.isSpace(last) { bytes.removeLast() }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        var integer: [UInt8] = []
        var fraction: [UInt8] = []
        var inFraction = false
        var sawDigit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inFraction { fraction.append(byte - 0x30) } else { integer.append(byte - 0x30) }
                sawDigit = true
            case UInt8(ascii: "."):
                guard !inFraction else { return nil }
                inFraction = true
            case UInt8(ascii: ","), UInt8(ascii: " "):
                guard !inFraction, sawDigit else { return nil }
            default:
                return nil
            }
        }
        guard sawDigit else { return nil }
        return Number(negative: negative, integer: Array(integer.drop { $0 == 0 }), fraction: fraction)
    }

    static func format(_ number: Number, picture: String, locale: MergeLocale) -> String {
        let sections = split(picture)
        guard var layout = Layout(sections[0]) else { return sections[0].filter { $0 != "'" } }
        var minus = number.negative
        if number.negative, sections.count > 1, let negative = Layout(sections[1]) {
            layout = negative
            minus = false
        }
        var rounded = round(number, to: layout.fractionPlaces)
        if rounded.isZero {
            minus = false
            if sections.count > 2 {
                guard let zero = Layout(sections[2]) else { return sections[2].filter { $0 != "'" } }
                layout = zero
                rounded = round(number, to: layout.fractionPlaces)
            }
        }
        var integer = rounded.integer
        while integer.count < layout.integerMinimum { integer.insert(0, at: 0) }
        var digits = ""
        for (index, digit) in integer.enumerated() {
            let remaining = integer.count - index
            if layout.grouping && index > 0 && remaining % 3 == 0 { digits += locale.groupingSeparator }
            digits.append(Character(Unicode.Scalar(digit + 0x30)))
        }
        // Optional (#) fraction places are dropped when they are trailing zeros.
        while rounded.fraction.count > layout.fractionMinimum && rounded.fraction.last == 0 {
            rounded.fraction.removeLast()
        }
        if !rounded.fraction.isEmpty {
            digits += locale.decimalSeparator + String(rounded.fraction.map { Character(Unicode.Scalar($0 + 0x30)) })
        }
        return (minus ? "-" : "") + layout.prefix + digits + layout.suffix
    }

    /// Rounds half away from zero to `places` fraction digits.
    static func round(_ number: Number, to places: Int) -> Number {
        var result = number
        var fraction = number.fraction
        let roundUp = fraction.count > places && fraction[places] >= 5
        if fraction.count > places { fraction.removeLast(fraction.count - places) }
        while fraction.count < places { fraction.append(0) }
        if roundUp {
            var carry = true
            var index = fraction.count - 1
            while carry && index >= 0 {
                fraction[index] += 1
                carry = fraction[index] == 10
                if carry { fraction[index] = 0 }
                index -= 1
            }
            if carry {
                var integer = number.integer
                var position = integer.count - 1
                while carry && position >= 0 {
                    integer[position] += 1
                    carry = integer[position] == 10
                    if carry { integer[position] = 0 }
                    position -= 1
                }
                if carry { integer.insert(1, at: 0) }
                result.integer = integer
            }
        }
        result.fraction = fraction
        return result
    }

    /// Splits on `;` outside single quotes: positive; negative; zero.
    private static func split(_ picture: String) -> [String] {
        var sections: [String] = [""]
        var quoted = false
        for character in picture {
            if character == "'" { quoted.toggle() }
            if character == ";" && !quoted {
                sections.append("")
            } else {
                sections[sections.count - 1].append(character)
            }
        }
        return sections
    }

    /// One section of a picture: literal prefix, digit placeholders, literal suffix.
    struct Layout {
        var prefix = ""
        var suffix = ""
        var integerMinimum = 0
        var fractionPlaces = 0
        var fractionMinimum = 0
        var grouping = false

        init?(_ section: String) {
            var sawPlaceholder = false
            var inFraction = false
            var quoted = false
            for character in section {
                if character == "'" {
                    quoted.toggle()
                    continue
                }
                let placeholder = !quoted && (character == "0" || character == "#" || character == "x")
                if placeholder {
                    sawPlaceholder = true
                    suffix = ""
                    if inFraction {
                        fractionPlaces += 1
                        if character == "0" { fractionMinimum = fractionPlaces }
                    } else if character == "0" {
                        integerMinimum += 1
                    }
                } else if !quoted && character == "." && !inFraction {
                    inFraction = true
                } else if !quoted && character == "," && sawPlaceholder && !inFraction {
                    grouping = true
                } else if sawPlaceholder {
                    suffix.append(character)
                } else {
                    prefix.append(character)
                }
            }
            guard sawPlaceholder else { return nil }
        }
    }
}
