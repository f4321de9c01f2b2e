/// A CSV file that could not be read: malformed quoting, bytes that are not UTF-8, or an I/O failure.
public struct CSVError: Error, Equatable, Sendable {
    /// The 1-based physical line the problem is on, or 0 when it concerns the file as a whole
    /// (it could not be opened or read).
    public var line: Int
    /// A human-readable description, suitable for showing to the person importing the file.
    public var message: String

    /// Creates an error for `line` with `message`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

extension CSVError {
    static func invalidUTF8(line: Int) -> CSVError {
        CSVError(line: line, message: "invalid UTF-8 (the file must be UTF-8)")
    }

    static func unclosedQuote(line: Int) -> CSVError {
        CSVError(line: line, message: "unclosed quote: the quoted field starting on this line never ends")
    }

    static func strayQuote(line: Int) -> CSVError {
        CSVError(
            line: line,
            message: "unexpected quote in an unquoted field (quote the whole field and double the quotes inside)"
        )
    }

    static func fieldTooLong(line: Int, limit: Int) -> CSVError {
        CSVError(line: line, message: "field longer than \(limit >> 20) MiB (is a quote left open?)")
    }

    static func textAfterClosingQuote(line: Int) -> CSVError {
        CSVError(line: line, message: "unexpected text after a closing quote (expected a comma or a line end)")
    }
}
