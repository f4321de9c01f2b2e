import Foundation
import RapportCore
import Testing

@testable import RapportMail
@testable import RapportServer

@Suite("SMTP and MIME")
struct SMTPClientTests {
    static func message(to recipient: String) -> MailMessage {
        MailMessage(
            from: "news@rapport.example", to: recipient, subject: "Spring news for Zoë & <friends> 🌷",
            html: "<p>Dear Zoë &amp; co</p>", text: "Dear Zoë & co",
            attachment: .init(
                fileName: "Spring news ☀️.docx", mediaType: "application/octet-stream", bytes: [1, 2, 3, 46]))
    }

    @Test func aMessageArrivesWithEncodedHeadersBodyAndAttachment() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        let settings = SMTPSettings(host: "127.0.0.1", port: sink.port, security: .none)
        let bytes = MIME.render(Self.message(to: "zoe@example.com"), messageID: "m1@rapport")
        try await SMTPClient.send(bytes, from: "news@rapport.example", to: "zoe@example.com", settings: settings)
        let messages = try sink.messages()
        #expect(messages.count == 1)
        let text = try #require(messages.first)
        #expect(text.contains("X-Envelope-To: zoe@example.com"))
        #expect(text.contains("Subject: =?UTF-8?B?"))
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("Content-Type: text/html; charset=utf-8"))
        #expect(text.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(text.contains("filename*=UTF-8''Spring%20news"))
        #expect(text.contains(Data([1, 2, 3, 46]).base64EncodedString()))
    }

    @Test func theDateHeaderIsWhatAFormatterWrites() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        for seconds in [0.0, 951_782_400, 951_868_799.5, 1_709_164_800, 1_796_525_467, 4_107_542_400, -86_401] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(MIME.rfc5322(date) == formatter.string(from: date), "\(seconds)")
        }
    }

    @Test func refusedAndTemporarilyFailingRecipientsAreTold() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        let settings = SMTPSettings(host: "127.0.0.1", port: sink.port, security: .none)
        let bytes = MIME.render(Self.message(to: "refuse@example.com"), messageID: "m2@rapport")
        do {
            try await SMTPClient.send(bytes, from: "a@b.c", to: "refuse@example.com", settings: settings)
            Issue.record("a refused recipient was accepted")
        } catch {
            #expect(error.code == 550)
            #expect(error.isTemporary == false)
        }
        do {
            try await SMTPClient.send(bytes, from: "a@b.c", to: "tempfail@example.com", settings: settings)
            Issue.record("a failing recipient was accepted")
        } catch {
            #expect(error.code == 451)
            #expect(error.isTemporary)
        }
        let closed = SMTPSettings(host: "127.0.0.1", port: 1, security: .none)
        do {
            try await SMTPClient.send(bytes, from: "a@b.c", to: "x@example.com", settings: closed)
            Issue.record("sending to a closed port succeeded")
        } catch {
            #expect(error.isTemporary)
        }
        #expect(try sink.messages().isEmpty)
    }

    @Test func authPlainIsUsedWhenAUserIsSet() async throws {
        let sink = try await SMTPSinkProcess.start(auth: "mailer:s3cret")
        defer { sink.stop() }
        let bytes = MIME.render(Self.message(to: "zoe@example.com"), messageID: "m3@rapport")
        let wrong = SMTPSettings(
            host: "127.0.0.1", port: sink.port, security: .none, username: "mailer", password: "nope",
            timeout: .seconds(3))
        do {
            try await SMTPClient.send(bytes, from: "a@b.c", to: "zoe@example.com", settings: wrong)
            Issue.record("a wrong password was accepted")
        } catch {
            // aiosmtpd answers 535, or (some versions) never answers: either way nothing is sent.
            #expect(error.code == 535 || error.isTemporary)
        }
        let right = SMTPSettings(
            host: "127.0.0.1", port: sink.port, security: .none, username: "mailer", password: "s3cret")
        try await SMTPClient.send(bytes, from: "a@b.c", to: "zoe@example.com", settings: right)
        #expect(try sink.messages().count == 1)
    }
}

/// STARTTLS and implicit TLS against aiosmtpd with a certificate made for the test and trusted explicitly.
@Suite("SMTP over TLS")
struct SMTPTLSTests {
    /// A self-signed certificate for localhost: (certificate path, key path, PEM bytes).
    static func certificate() throws -> (String, String, [UInt8]) {
        let folder = NSTemporaryDirectory() + "rapport-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard process.waitForExit() == 0, let pem = FileManager.default.contents(atPath: folder + "/cert.pem")
        else { throw SMTPSinkError(message: "openssl could not make a certificate") }
        return (folder + "/cert.pem", folder + "/key.pem", [UInt8](pem))
    }

    @Test(arguments: [SMTPSettings.Security.startTls, .tls])
    func messagesGoOutEncrypted(security: SMTPSettings.Security) async throws {
        let (cert, key, pem) = try await offPool { try Self.certificate() }
        let sink = try await SMTPSinkProcess.start(tls: [security == .startTls ? "--starttls" : "--tls", cert, key])
        defer { sink.stop() }
        let bytes = MIME.render(SMTPClientTests.message(to: "zoe@example.com"), messageID: "tls@rapport")
        // The default timeout (120 s): a busy test process may hold this task up for longer than a short one.
        var settings = SMTPSettings(host: "localhost", port: sink.port, security: security)
        // Without trusting the test certificate the connection is refused: verification is on.
        do {
            try await SMTPClient.send(bytes, from: "a@b.c", to: "zoe@example.com", settings: settings)
            Issue.record("an untrusted certificate was accepted")
        } catch {
            #expect(error.code == nil)
        }
        settings.trustedCertificatesPEM = pem
        try await SMTPClient.send(bytes, from: "a@b.c", to: "zoe@example.com", settings: settings)
        #expect(try sink.messages().count == 1)
    }
}
