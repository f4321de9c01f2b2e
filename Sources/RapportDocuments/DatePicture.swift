/// Word's `\@` date-time pictures (`dd/MM/yyyy`, `d MMMM yyyy`, `dddd, MMMM d`, `HH:mm`...) applied to values given
/// as `yyyy-MM-dd` (optionally followed by `Thh:mm[:ss]` or ` hh:mm[:ss]`), or already written as `d MMMM yyyy` in
/// the locale's or English month names (how Rapport renders `DocumentDate` when there is no picture).
enum DatePicture {
    struct Value: Equatable {
        var year, month, day: Int
        var hour = 0, minute = 0, second = 0
    }

    static func parse(_ text: String, locale: MergeLocale = .english) -> Value? {
        if let iso = parseISO(text) { return iso }
        // "2 June 2025"
        let words = text.split(whereSeparator: { $0 == " " || $0 == "." || $0 == "," })
        guard words.count == 3, let day = Int(words[0]), let year = Int(words[2]), words[2].count == 4 else {
            return nil
        }
        let month = words[1].lowercased()
        for names in [
            locale.monthNames, locale.abbreviatedMonthNames, MergeLocale.english.monthNames,
            MergeLocale.english.abbreviatedMonthNames,
        ] {
            guard let index = names.firstIndex(where: { $0.lowercased() == month }) else { continue }
            guard day >= 1, day <= daysIn(month: index + 1, year: year) else { return nil }
            return Value(year: year, month: index + 1, day: day)
        }
        return nil
    }

    private static func parseISO(_ text: String) -> Value? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var value = Value(year: year, month: month, day: day)
        if bytes.count == 10 { return value }
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), let hour = number(11, 2), let minute = number(14, 2), hour < 24,
            minute < 60
        else { return nil }
        value.hour = hour
        value.minute = minute
        if bytes.count >= 19, bytes[16] == UInt8(ascii: ":"), let second = number(17, 2), second < 60 {
            value.second = second
        }
        return value
    }

    static func format(_ value: Value, picture: String, locale: MergeLocale) -> String {
        let characters = Array(picture)
        var result = ""
        var index = 0
        func run(of character: Character) -> Int {
            var count = 0
            while index + count < characters.count && characters[index + count] == character { count += 1 }
            return count
        }
        func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                // Quoted literal text.
                index += 1
                while index < characters.count && characters[index] != "'" {
                    result.append(characters[index])
                    index += 1
                }
                index += 1
                continue
            }
            if let marker = ampm(characters, at: index) {
                let morning = value.hour < 12
                result += marker.upper ? (morning ? "AM" : "PM") : (morning ? "am" : "pm")
                if marker.short { result = String(result.dropLast()) }
                index += marker.length
                continue
            }
            let count = run(of: character)
            switch character {
            case "d", "D":
                switch count {
                case 1: result += "\(value.day)"
                case 2: result += twoDigits(value.day)
                case 3: result += locale.day(weekday(value), abbreviated: true)
                default: result += locale.day(weekday(value), abbreviated: false)
                }
            case "M":
                switch count {
                case 1: result += "\(value.month)"
                case 2: result += twoDigits(value.month)
                case 3: result += locale.month(value.month, abbreviated: true)
                default: result += locale.month(value.month, abbreviated: false)
                }
            case "y", "Y":
                result += count <= 2 ? twoDigits(value.year % 100) : "\(value.year)"
            case "h":
                let hour = value.hour % 12 == 0 ? 12 : value.hour % 12
                result += count == 1 ? "\(hour)" : twoDigits(hour)
            case "H":
                result += count == 1 ? "\(value.hour)" : twoDigits(value.hour)
            case "m":
                result += count == 1 ? "\(value.minute)" : twoDigits(value.minute)
            case "s", "S":
                result += count == 1 ? "\(value.second)" : twoDigits(value.second)
            default:
                result += String(repeating: character, count: count)
            }
            index += count
        }
        return result
    }

    /// `AM/PM`, `am/pm`, `A/P`, `a/p` at `index`.
    private static func ampm(_ characters: [Character], at index: Int) -> (length: Int, upper: Bool, short: Bool)? {
        for (pattern, upper, short) in [
            ("AM/PM", true, false), ("am/pm", false, false), ("A/P", true, true),
            ("a/p", false, true),
        ] {
            let expected = Array(pattern)
            if index + expected.count <= characters.count,
                Array(characters[index..<(index + expected.count)]) == expected
            {
                return (expected.count, upper, short)
            }
        }
        return nil
    }

    /// 0 = Sunday (Sakamoto's method).
    static func weekday(_ value: Value) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let year = value.month < 3 ? value.year - 1 : value.year
        return (year + year / 4 - year / 100 + year / 400 + offsets[value.month - 1] + value.day) % 7
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
