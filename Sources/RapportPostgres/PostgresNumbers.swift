import NIOCore
import RapportCore

/// Numbers as SQLite gives them: `SUM` over integers is an integer (PostgreSQL makes it `numeric`),
/// anything with a fraction a double.
enum PostgresNumbers {
    static func number(_ text: String) -> SQLValue {
        if let integer = Int64(text) { return .integer(integer) }
        // "12.00" is whole.
        if let point = text.firstIndex(of: "."), text[text.index(after: point)...].allSatisfy({ $0 == "0" }),
            let integer = Int64(text[..<point])
        {
            return .integer(integer)
        }
        return Double(text).map { .real($0) } ?? .text(text)
    }

    /// The text of a binary `numeric`: base-10000 digits with a weight and a sign.
    static func numericText(_ buffer: inout ByteBuffer) -> String {
        guard let count = buffer.readInteger(as: Int16.self), let weight = buffer.readInteger(as: Int16.self),
            let sign = buffer.readInteger(as: UInt16.self), let scale = buffer.readInteger(as: UInt16.self)
        else { return "0" }
        if sign == 0xC000 { return "NaN" }
        var digits: [Int16] = []
        for _ in 0..<max(0, Int(count)) { digits.append(buffer.readInteger(as: Int16.self) ?? 0) }
        var integerPart = ""
        var fraction = ""
        for index in 0...max(Int(weight), 0) {
            let digit = index < digits.count && Int(weight) >= 0 ? Int(digits[index]) : 0
            integerPart += index == 0 ? String(digit) : String(format: "%04d", digit)
        }
        if Int(weight) < 0 { integerPart = "0" }
        let fractionStart = max(Int(weight) + 1, 0)
        if Int(weight) < -1 { fraction += String(repeating: "0000", count: -Int(weight) - 1) }
        if fractionStart < digits.count {
            for index in fractionStart..<digits.count { fraction += String(format: "%04d", Int(digits[index])) }
        }
        let trimmed = String(fraction.prefix(Int(scale)))
        let text = trimmed.isEmpty ? integerPart : integerPart + "." + trimmed
        return sign == 0x4000 ? "-" + text : text
    }
}
