/// The words and separators used by `\@` date pictures and `\#` number pictures.
///
/// English (Word's en-US behaviour) by default; pass another to render a letter's dates in the contact's language.
public struct MergeLocale: Sendable, Equatable {
    /// January...December.
    public var monthNames: [String]
    /// Jan...Dec (the `MMM` picture).
    public var abbreviatedMonthNames: [String]
    /// Sunday...Saturday (the `dddd` picture).
    public var dayNames: [String]
    /// Sun...Sat (the `ddd` picture).
    public var abbreviatedDayNames: [String]
    public var decimalSeparator: String
    public var groupingSeparator: String

    /// - Parameters: 12 month names, 12 abbreviations, 7 day names and 7 abbreviations starting on Sunday. Arrays of
    ///   the wrong length fall back to English for that picture.
    public init(
        monthNames: [String], abbreviatedMonthNames: [String], dayNames: [String], abbreviatedDayNames: [String],
        decimalSeparator: String = ".", groupingSeparator: String = ","
    ) {
        self.monthNames = monthNames
        self.abbreviatedMonthNames = abbreviatedMonthNames
        self.dayNames = dayNames
        self.abbreviatedDayNames = abbreviatedDayNames
        self.decimalSeparator = decimalSeparator
        self.groupingSeparator = groupingSeparator
    }

    /// Word's en-US month and day names, `.` and `,`.
    public static let english = MergeLocale(
        monthNames: [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ],
        abbreviatedMonthNames: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        dayNames: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        abbreviatedDayNames: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])

    func month(_ number: Int, abbreviated: Bool) -> String {
        let names = abbreviated ? abbreviatedMonthNames : monthNames
        let fallback = abbreviated ? Self.english.abbreviatedMonthNames : Self.english.monthNames
        let list = names.count == 12 ? names : fallback
        return list[(number - 1) % 12]
    }

    func day(_ weekday: Int, abbreviated: Bool) -> String {
        let names = abbreviated ? abbreviatedDayNames : dayNames
        let fallback = abbreviated ? Self.english.abbreviatedDayNames : Self.english.dayNames
        let list = names.count == 7 ? names : fallback
        return list[weekday % 7]
    }
}
