/// One record (row) read from a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// The field values exactly as written: quotes removed and doubled quotes collapsed, nothing trimmed.
    public var fields: [String]
    /// The 1-based physical line on which the record starts; the header is line 1.
    ///
    /// Quoted fields may span several lines, so this is not the record's index: it is what a user
    /// sees in a text editor, which is what import error messages should point at.
    public var line: Int

    /// Creates a record from its field values and the line on which it starts.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
