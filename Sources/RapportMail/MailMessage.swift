import Foundation

/// One e-mail to one recipient, ready to be rendered as MIME.
public struct MailMessage: Sendable, Equatable {
    public struct Attachment: Sendable, Equatable {
        public var fileName: String
        public var mediaType: String
        public var bytes: [UInt8]

        public init(fileName: String, mediaType: String, bytes: [UInt8]) {
            self.fileName = fileName
            self.mediaType = mediaType
            self.bytes = bytes
        }
    }

    public var from: String
    public var to: String
    public var subject: String
    public var html: String
    public var text: String
    public var attachment: Attachment?

    public init(from: String, to: String, subject: String, html: String, text: String, attachment: Attachment? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.html = html
        self.text = text
        self.attachment = attachment
    }
}

/// Renders a message as MIME: ASCII headers (non-ASCII text as RFC 2047 encoded words), an HTML body
/// with a plain-text alternative, and the attachment in base64.
public enum MIME {
    public static func render(_ message: MailMessage, date: Date = Date(), messageID: String) -> [UInt8] {
        let boundary = "rapport-" + messageID.filter { $0.isLetter || $0.isNumber }
        let alternative = boundary + "-alt"
        var lines: [String] = [
            "From: \(message.from)",
            "To: \(message.to)",
            "Subject: \(encodedWord(message.subject))",
            "Date: \(rfc5322(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        let body = [
            "Content-Type: multipart/alternative; boundary=\"\(alternative)\"", "",
            "--\(alternative)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "",
            base64Lines(Array(message.text.utf8)),
            "--\(alternative)", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", "",
            base64Lines(Array(message.html.utf8)),
            "--\(alternative)--",
        ]
        if let attachment = message.attachment {
            lines +=
                ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"] + body + [
                    "--\(boundary)",
                    "Content-Type: \(attachment.mediaType); name=\"\(asciiFileName(attachment.fileName))\"",
                    "Content-Transfer-Encoding: base64",
                    "Content-Disposition: attachment; filename=\"\(asciiFileName(attachment.fileName))\"; "
                        + "filename*=UTF-8''\(percentEncoded(attachment.fileName))",
                    "", base64Lines(attachment.bytes), "--\(boundary)--",
                ]
        } else {
            lines += body
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// `=?UTF-8?B?...?=` for text that is not plain ASCII; plain text as it is.
    public static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        // Encoded words are at most 75 characters: split the UTF-8 on character boundaries.
        var words: [String] = []
        var chunk = ""
        for character in text {
            if (chunk + String(character)).utf8.count > 45 {
                words.append("=?UTF-8?B?\(Data(chunk.utf8).base64EncodedString())?=")
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk.utf8).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[index..<end])
            index = end
        }
        return lines.joined(separator: "\r\n")
    }

    static func asciiFileName(_ name: String) -> String {
        String(
            name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" }
        )
    }

    static func percentEncoded(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))) ?? ""
    }

    /// `Sun, 06 Dec 2026 02:51:07 +0000`, computed from the day number (civil-from-days, H. Hinnant): making a
    /// DateFormatter per message cost more than the rest of the message.
    static func rfc5322(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        // 1970-01-01 was a Thursday.
        let weekday = weekdays[Int(((days % 7) + 11) % 7)]
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(day)) \(months[Int(month - 1)]) \(year) "
            + "\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60)) +0000"
    }
}
