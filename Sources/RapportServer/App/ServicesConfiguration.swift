import Foundation
import RapportCore
import RapportStorage

/// What the services need from the machine besides the database: a folder for temporary files, the PDF
/// converter and the clock. The composition root reads it from the environment; tests set it directly.
public struct ServicesConfiguration: Sendable {
    /// Where uploads and imports are received, downloads are built and PDFs are converted (`TMPDIR` by default).
    /// A full disk there is a 507 for the request at hand, never a crash.
    public var temporaryDirectory: String
    /// The program that turns .docx into PDF, and how long it may take.
    public var pdfConverter: PDFConverter
    /// The time as the services read it (tokens, sign-in lockouts); tests move it instead of waiting.
    public var clock: @Sendable () -> Date
    /// How many failed sign-ins lock a user ID, and for how long.
    public var signInPolicy: SignInPolicy
    /// How long a web session lasts after signing in (seconds).
    public var sessionLifetime: TimeInterval
    /// A running job whose instance has not written a heartbeat for this long (seconds) is taken for dead.
    public var jobHeartbeatLimit: TimeInterval
    /// SMTP connections the delivery worker opens at once for a batch of e-mails. Each carries message after
    /// message, pipelined; a relay that limits connections per client wants fewer.
    public var smtpConnections: Int

    public init(
        temporaryDirectory: String = NSTemporaryDirectory(), pdfConverter: PDFConverter = PDFConverter(),
        clock: @escaping @Sendable () -> Date = Date.init, signInPolicy: SignInPolicy = SignInPolicy(),
        sessionLifetime: TimeInterval = 8 * 3600, jobHeartbeatLimit: TimeInterval = 60, smtpConnections: Int = 16
    ) {
        self.temporaryDirectory = temporaryDirectory
        self.pdfConverter = pdfConverter
        self.clock = clock
        self.signInPolicy = signInPolicy
        self.sessionLifetime = sessionLifetime
        self.jobHeartbeatLimit = jobHeartbeatLimit
        self.smtpConnections = smtpConnections
    }

    /// `TMPDIR` (through `NSTemporaryDirectory`), `RAPPORT_PDF_CONVERTER` (the program, `soffice` by default),
    /// `RAPPORT_PDF_TIME_LIMIT` (seconds, 60 by default), `RAPPORT_JOB_HEARTBEAT_LIMIT` (seconds, 60 by default) and
    /// `RAPPORT_SMTP_CONNECTIONS` (1 to 64, 16 by default).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(RapportError) -> ServicesConfiguration {
        var configuration = ServicesConfiguration()
        if let command = environment["RAPPORT_PDF_CONVERTER"], !command.isEmpty {
            configuration.pdfConverter.command = command
        }
        if let text = environment["RAPPORT_PDF_TIME_LIMIT"] {
            guard let seconds = Double(text), seconds > 0, seconds <= 86_400 else {
                throw RapportError.validation(
                    "RAPPORT_PDF_TIME_LIMIT", "RAPPORT_PDF_TIME_LIMIT must be a number of seconds, not '\(text)'.")
            }
            configuration.pdfConverter.timeLimit = .milliseconds(Int64(seconds * 1000))
        }
        if let text = environment["RAPPORT_JOB_HEARTBEAT_LIMIT"] {
            guard let seconds = Double(text), seconds >= 2, seconds <= 86_400 else {
                throw RapportError.validation(
                    "RAPPORT_JOB_HEARTBEAT_LIMIT",
                    "RAPPORT_JOB_HEARTBEAT_LIMIT must be a number of seconds from 2 (twice the heartbeat), not '\(text)'."
                )
            }
            configuration.jobHeartbeatLimit = seconds
        }
        if let text = environment["RAPPORT_SMTP_CONNECTIONS"] {
            guard let count = Int(text), (1...64).contains(count) else {
                throw RapportError.validation(
                    "RAPPORT_SMTP_CONNECTIONS",
                    "RAPPORT_SMTP_CONNECTIONS must be a whole number of connections from 1 to 64, not '\(text)'.")
            }
            configuration.smtpConnections = count
        }
        return configuration
    }
}
