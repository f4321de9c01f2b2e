/// A time of day as the API writes it (`HH:MM`, 24-hour): BC's Time of Interaction.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// Parses `HH:MM`, refusing `24:00`, `7:05` and anything else that is not a time.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Reads a field value, naming the field when it is not a time.
    public static func parse(_ text: String, field: String) throws(RapportError) -> TimeOfDay {
        guard let time = TimeOfDay(text) else {
            throw RapportError.validation(field, "\(field) must be a time as HH:MM, not '\(text)'.")
        }
        return time
    }

    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
    }
}
