import Foundation
import RapportCore

/// LibreOffice, headless, as a child process: .docx in, PDF out. Both the program and the time limit are
/// configurable (tests stand in a script for LibreOffice): a converter that hangs costs its request the time
/// limit and a clear error, never a stuck request or a blocked thread.
public struct PDFConverter: Sendable {
    /// The program, looked up on PATH unless it is a path: LibreOffice's `soffice`. It is called as
    /// `soffice --headless -env:UserInstallation=file://DIR/profile --convert-to pdf --outdir DIR DIR/document.docx`.
    public var command: String
    /// How long one conversion may run before the converter (and everything it started) is killed.
    public var timeLimit: Duration

    public init(command: String = "soffice", timeLimit: Duration = .seconds(60)) {
        self.command = command
        self.timeLimit = timeLimit
    }

    /// The PDF, or nil when the converter is not installed or could not convert the document. Throws `timedOut`
    /// when it runs past the limit, and `insufficientStorage` when its work folder cannot be written.
    func convert(_ docx: [UInt8], in temporaryDirectory: String) async throws(RapportError) -> [UInt8]? {
        let folder = URL(fileURLWithPath: temporaryDirectory).appendingPathComponent(
            "rapport-pdf-\(UUID().uuidString)"
        ).path
        do {
            let pdf = try await convert(docx, folder: folder)
            await Self.remove(folder)
            return pdf
        } catch {
            await Self.remove(folder)
            throw error
        }
    }

    private func convert(_ docx: [UInt8], folder: String) async throws(RapportError) -> [UInt8]? {
        try await BlockingWork.run { () throws(RapportError) in
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw FileFailure.translate(error, what: "the PDF converter's work folder")
            }
            try OutputFile.write(docx, to: folder + "/document.docx", what: "the document to convert")
        }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await ChildProcess.run(
                "/usr/bin/env",
                [
                    command, "--headless", "-env:UserInstallation=file://\(folder)/profile",
                    "--convert-to", "pdf", "--outdir", folder, folder + "/document.docx",
                ], timeLimit: timeLimit)
        } catch {
            return nil
        }
        switch outcome {
        case .timedOut:
            throw RapportError(
                .timedOut,
                "The PDF converter (\(command)) did not finish within \(Self.describe(timeLimit)) and was stopped; "
                    + "try again later.")
        case .exited(let status):
            guard status == 0 else { return nil }
            return await BlockingWork.run {
                FileManager.default.contents(atPath: folder + "/document.pdf").map { [UInt8]($0) }
            }
        }
    }

    /// Removes the work folder (with LibreOffice's profile, many files) off the cooperative pool.
    private static func remove(_ folder: String) async {
        await BlockingWork.run { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// `60 s`, `0.5 s`.
    static func describe(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%g s", seconds)
    }
}
