import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Where and how to send mail (the setup's SMTP fields).
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        case none
        case startTls
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String
    public var password: String
    public var heloName: String
    /// The most one message may take, connection to QUIT: a server that stops answering must not hang delivery.
    public var timeout: Duration
    /// PEM certificates to trust instead of the system's (a company CA, or a test server's own certificate).
    public var trustedCertificatesPEM: [UInt8]?

    public init(
        host: String, port: Int, security: Security, username: String = "", password: String = "",
        heloName: String = "rapport.localdomain", timeout: Duration = .seconds(120)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.timeout = timeout
    }
}

/// Why a message was not accepted. Temporary failures (4xx, lost connections) are worth retrying.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int?
    public var message: String
    public var isTemporary: Bool

    public var description: String { code.map { "\($0) \(message)" } ?? message }
}

/// A small SMTP client: plain, STARTTLS or TLS; AUTH PLAIN or LOGIN; `send` is one message on its own connection,
/// `withConnection` (SMTPConnection) many messages on one.
public enum SMTPClient {
    public static func send(
        _ message: [UInt8], from sender: String, to recipient: String, settings: SMTPSettings,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(SMTPError) {
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    try await converse(message, from: sender, to: recipient, settings: settings, group: group)
                }
                tasks.addTask {
                    try await Task.sleep(for: settings.timeout)
                    throw SMTPError(code: nil, message: "The server did not answer in time.", isTemporary: true)
                }
                defer { tasks.cancelAll() }
                try await tasks.next()
            }
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError(code: nil, message: "Sending failed: \(error)", isTemporary: true)
        }
    }

    static func converse(
        _ message: [UInt8], from sender: String, to recipient: String, settings: SMTPSettings,
        group: any EventLoopGroup
    ) async throws(SMTPError) {
        do {
            try await withConnection(settings, group: group) { connection in
                try await connection.send(message, from: sender, to: recipient)
            }
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError(
                code: nil, message: "Connection to \(settings.host):\(settings.port) failed: \(error)",
                isTemporary: true)
        }
    }
}

/// The conversation on one connection.
struct SMTPSession {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Tells the idle timeout that a reply is awaited.
    let wait: ReplyWait

    /// Reads a (possibly multi-line) reply; returns its code and text lines.
    mutating func reply() async throws -> (code: Int, lines: [String]) {
        wait.set(true)
        defer { wait.set(false) }
        var lines: [String] = []
        while let buffer = try await inbound.next() {
            let line = String(buffer: buffer).trimmingCharacters(in: .newlines)
            lines.append(line.count > 4 ? String(line.dropFirst(4)) : "")
            let separator = line.count > 3 ? line[line.index(line.startIndex, offsetBy: 3)] : " "
            if separator != "-", let code = Int(line.prefix(3)) { return (code, lines) }
        }
        throw SMTPError(code: nil, message: "The server closed the connection.", isTemporary: true)
    }

    mutating func expect(_ codes: Int...) async throws {
        let answer = try await reply()
        try Self.check(answer, codes)
    }

    @discardableResult
    mutating func command(_ text: String, expect codes: Int...) async throws -> [String] {
        try await outbound.write(ByteBuffer(string: text + "\r\n"))
        let answer = try await reply()
        try Self.check(answer, codes)
        return answer.lines
    }

    static func check(_ answer: (code: Int, lines: [String]), _ codes: [Int]) throws {
        if let failure = failure(answer, codes) { throw failure }
    }

    /// The error of a reply that is not one of `codes`, or nil.
    static func failure(_ answer: (code: Int, lines: [String]), _ codes: [Int]) -> SMTPError? {
        guard !codes.contains(answer.code) else { return nil }
        return SMTPError(
            code: answer.code, message: answer.lines.joined(separator: " "),
            isTemporary: (400..<500).contains(answer.code))
    }

    mutating func authenticate(_ settings: SMTPSettings, capabilities: [String]) async throws {
        let auth = capabilities.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
        if auth.contains("PLAIN") || !auth.contains("LOGIN") {
            let token = Data(([0] + Array(settings.username.utf8) + [0] + Array(settings.password.utf8)))
                .base64EncodedString()
            try await command("AUTH PLAIN \(token)", expect: 235)
        } else {
            try await command("AUTH LOGIN", expect: 334)
            try await command(Data(settings.username.utf8).base64EncodedString(), expect: 334)
            try await command(Data(settings.password.utf8).base64EncodedString(), expect: 235)
        }
    }

    /// The message with dot-stuffing, ending with a line break, ready for the terminating dot.
    static func stuffed(_ message: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(message.count + message.count / 64 + 2)
        var atLineStart = true
        var start = 0
        // Runs of ordinary bytes are copied at once; a dot that starts a line is doubled.
        for index in message.indices {
            if atLineStart, message[index] == UInt8(ascii: ".") {
                buffer.writeBytes(message[start..<index])
                buffer.writeInteger(UInt8(ascii: "."))
                start = index
            }
            atLineStart = message[index] == 0x0A
        }
        buffer.writeBytes(message[start...])
        if !atLineStart { buffer.writeString("\r\n") }
        return buffer
    }
}
