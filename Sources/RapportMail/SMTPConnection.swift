import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import Synchronization

/// One SMTP connection kept open for many messages: greeted, secured and authenticated once, then one
/// transaction per message. MAIL, RCPT and DATA go in one write when the server offers PIPELINING.
public struct SMTPConnection {
    var session: SMTPSession
    /// Whether the server offered PIPELINING.
    public let isPipelining: Bool
    /// The message `sendPipelined` sent last, not yet settled: its final dot's answer is still to be read, or (without
    /// PIPELINING) it was accepted already.
    var unsettled = Unsettled.none

    enum Unsettled {
        case none
        case awaitingDot
        case accepted
    }

    /// Sends one message. `beforeCommit` runs once the whole body is written and before the final dot: after
    /// the dot the server has the message, so a caller that records "committed" there knows, even after a
    /// crash, whether the message went. A refused message (a 4xx or 5xx reply) throws `SMTPError` with its
    /// code and leaves the connection ready for the next one.
    public mutating func send(
        _ message: [UInt8], from sender: String, to recipient: String,
        beforeCommit: () async throws -> Void = {}
    ) async throws {
        try await send(message, from: sender, to: recipient) { writeDot in
            try await beforeCommit()
            try await writeDot()
        }
    }

    /// `send` where `commit` writes the final dot itself: it is given the write and must call it once (after
    /// recording "committed"), so that whoever records the commit of several connections' messages can write their
    /// dots at once, without waiting for each connection's task to wake.
    public mutating func send(
        _ message: [UInt8], from sender: String, to recipient: String,
        commit: (_ writeDot: @escaping @Sendable () async throws -> Void) async throws -> Void
    ) async throws {
        let commands = ["MAIL FROM:<\(sender)>", "RCPT TO:<\(recipient)>", "DATA"]
        let expected: [[Int]] = [[250], [250, 251], [354]]
        var failure: SMTPError?
        var isInData = false
        if isPipelining {
            try await session.outbound.write(ByteBuffer(string: commands.map { $0 + "\r\n" }.joined()))
            for codes in expected {
                let answer = try await session.reply()
                isInData = answer.code == 354
                if failure == nil { failure = SMTPSession.failure(answer, codes) }
            }
        } else {
            for (command, codes) in zip(commands, expected) {
                try await session.outbound.write(ByteBuffer(string: command + "\r\n"))
                failure = SMTPSession.failure(try await session.reply(), codes)
                if failure != nil { break }
            }
        }
        if let failure {
            try await abandon(inData: isInData)
            throw failure
        }
        try await session.outbound.write(SMTPSession.stuffed(message))
        try await commit(dotWriter)
        try SMTPSession.check(try await session.reply(), [250])
    }
}

extension SMTPConnection {
    /// `send` without waiting for the answer to the final dot where the server offers PIPELINING: the next
    /// message's MAIL, RCPT and DATA go right behind the dot and their answers come with the dot's, one round trip
    /// per message instead of two. `settle` is given the outcome of the message sent before (nil: accepted) as soon
    /// as it is known, always before this message's `commit`; `finish` settles the last one. `commit` is given
    /// the write of the final dot and must call it once, as in `send`. Without PIPELINING it is `send` then
    /// `settle`.
    public mutating func sendPipelined(
        _ message: [UInt8], from sender: String, to recipient: String,
        commit: (_ writeDot: @escaping @Sendable () async throws -> Void) async throws -> Void,
        settle: (SMTPError?) async throws -> Void
    ) async throws {
        guard isPipelining else {
            try await finish(settle)
            try await send(message, from: sender, to: recipient, commit: commit)
            unsettled = .accepted
            return
        }
        try await session.outbound.write(
            ByteBuffer(string: "MAIL FROM:<\(sender)>\r\nRCPT TO:<\(recipient)>\r\nDATA\r\n"))
        try await finish(settle)
        var failure: SMTPError?
        var isInData = false
        for codes in [[250], [250, 251], [354]] {
            let answer = try await session.reply()
            isInData = answer.code == 354
            if failure == nil { failure = SMTPSession.failure(answer, codes) }
        }
        if let failure {
            try await abandon(inData: isInData)
            throw failure
        }
        try await session.outbound.write(SMTPSession.stuffed(message))
        try await commit(dotWriter)
        unsettled = .awaitingDot
    }

    /// After a refused MAIL, RCPT or DATA: a server that took the pipelined DATA after the refusal waits for a
    /// body, so it is ended empty; then the transaction is reset, and the connection is ready for the next message.
    mutating func abandon(inData isInData: Bool) async throws {
        if isInData {
            try await session.outbound.write(ByteBuffer(string: ".\r\n"))
            _ = try await session.reply()
        }
        try await session.command("RSET", expect: 250)
    }

    /// Writes the final dot of the message under way (the body is written already).
    var dotWriter: @Sendable () async throws -> Void {
        let outbound = session.outbound
        return { try await outbound.write(ByteBuffer(string: ".\r\n")) }
    }

    /// Reads the answer to the last final dot `sendPipelined` wrote, if any, and gives `settle` its outcome.
    public mutating func finish(_ settle: (SMTPError?) async throws -> Void) async throws {
        let last = unsettled
        unsettled = .none
        switch last {
        case .none: return
        case .accepted: try await settle(nil)
        case .awaitingDot: try await settle(SMTPSession.failure(try await session.reply(), [250]))
        }
    }
}

extension SMTPClient {
    /// Opens a connection to `settings`' server, greets it (EHLO, STARTTLS, AUTH as set), runs `body` with it and
    /// ends with QUIT. A server silent for `settings.timeout` ends the connection with a temporary error.
    public static func withConnection<Result>(
        _ settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ body: (inout SMTPConnection) async throws -> Result
    ) async throws -> Result {
        // Loading the trust roots is costly: only a connection that will use TLS makes a context.
        let tls = settings.security == .none ? nil : try Self.tlsContext(settings)
        let readTimeout = TimeAmount.nanoseconds(
            settings.timeout.components.seconds * 1_000_000_000 + settings.timeout.components.attoseconds
                / 1_000_000_000)
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        let wait = ReplyWait()
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(15))
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if settings.security == .tls, let tls {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tls, serverHostname: settings.host))
                        }
                        // Any read or write restarts the clock; it counts only while a reply is awaited.
                        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(allTimeout: readTimeout))
                        try channel.pipeline.syncOperations.addHandler(CloseWhenIdle(wait: wait))
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError(
                code: nil, message: "Connection to \(settings.host):\(settings.port) failed: \(error)",
                isTemporary: true)
        }
        return try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(inbound: inbound.makeAsyncIterator(), outbound: outbound, wait: wait)
            try await session.expect(220)
            var capabilities = try await session.command("EHLO \(settings.heloName)", expect: 250)
            if settings.security == .startTls, let tls {
                try await session.command("STARTTLS", expect: 220)
                // The TLS handler is made and added on the channel's event loop: it is not Sendable.
                let host = settings.host
                try await channel.channel.eventLoop.submit {
                    try channel.channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: tls, serverHostname: host), position: .first)
                }.get()
                capabilities = try await session.command("EHLO \(settings.heloName)", expect: 250)
            }
            if !settings.username.isEmpty {
                try await session.authenticate(settings, capabilities: capabilities)
            }
            var connection = SMTPConnection(
                session: session, isPipelining: capabilities.contains { $0.uppercased() == "PIPELINING" })
            let result = try await body(&connection)
            _ = try? await connection.session.command("QUIT", expect: 221)
            return result
        }
    }
}

extension SMTPClient {
    /// A TLS client context trusting the system's roots, or `settings`' own certificates when given.
    static func tlsContext(_ settings: SMTPSettings) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let pem = settings.trustedCertificatesPEM {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(pem))
        }
        return try NIOSSLContext(configuration: configuration)
    }
}

/// Whether the client is waiting for the server's reply. A connection idle while the client is busy elsewhere (a
/// slow merge, a starved process) is not a silent server, and is kept.
final class ReplyWait: Sendable {
    private let waiting = Mutex(false)
    var isWaiting: Bool { waiting.withLock { $0 } }
    func set(_ value: Bool) { waiting.withLock { $0 = value } }
}

/// Closes a connection whose server has said nothing for the timeout while a reply is awaited: the read waiting on
/// it ends.
final class CloseWhenIdle: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let wait: ReplyWait

    init(wait: ReplyWait) {
        self.wait = wait
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            if wait.isWaiting { context.close(promise: nil) }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
