import Foundation
import RapportCore
import RapportStorage
import Testing

@testable import RapportServer

/// The PDF converter runs as a child process with a time limit; scripts stand in for LibreOffice.
@Suite("PDF conversion")
struct PDFConversionTests {
    static func configuration(_ script: TestScript, timeLimit: Duration = .seconds(30)) -> ServicesConfiguration {
        ServicesConfiguration(pdfConverter: PDFConverter(command: script.path, timeLimit: timeLimit))
    }

    @Test func aConvertedPDFIsAnsweredAndKept() async throws {
        // Called as `converter --headless -env:... --convert-to pdf --outdir DIR DIR/document.docx`.
        let script = try TestScript(#"printf '%%PDF-1.4 converted' > "$6/document.pdf""#)
        defer { script.remove() }
        try await withAPI(configuration: Self.configuration(script)) { api, services in
            try await logWithStoredDocuments(api, services)
            let pdf = try await api.binary("/api/v1/interaction-log-entries/2/document?format=pdf")
            #expect(pdf.status == 200)
            #expect(String(decoding: pdf.bytes, as: UTF8.self) == "%PDF-1.4 converted")
            #expect(pdf.headers.fields[.contentType] == "application/pdf")
            // Kept on the entry: the second request does not convert again.
            script.remove()
            let again = try await api.binary("/api/v1/interaction-log-entries/2/document?format=pdf")
            #expect(again.bytes == pdf.bytes)
        }
    }

    @Test func aConverterThatFailsIsNotFound() async throws {
        let script = try TestScript("exit 3")
        defer { script.remove() }
        try await withAPI(configuration: Self.configuration(script)) { api, services in
            try await logWithStoredDocuments(api, services)
            let failed = try await api.get("/api/v1/interaction-log-entries/2/document?format=pdf")
            #expect(failed.status == 404)
            #expect(failed.errorCode == "not_found")
        }
    }

    @Test func aHungConverterIsStoppedAtItsTimeLimitWithEverythingItStarted() async throws {
        // The converter starts a helper (as soffice starts soffice.bin), notes its pid, and hangs.
        let script = try TestScript(#"sleep 600 & echo $! > "$(dirname "$0")/helper.pid"; sleep 600"#)
        defer { script.remove() }
        try await withAPI(configuration: Self.configuration(script, timeLimit: .seconds(2))) { api, services in
            try await logWithStoredDocuments(api, services)
            let hung = try await api.get("/api/v1/interaction-log-entries/2/document?format=pdf")
            #expect(hung.status == 503)
            #expect(hung.errorCode == "timed_out")
            #expect(
                hung.json["error"]?["message"]?.string
                    == "The PDF converter (\(script.path)) did not finish within 2 s and was stopped; try again later.")

            // The server still answers, and nothing was kept on the entry.
            #expect(try await api.get("/health").status == 200)
            let entry = try await api.binary("/api/v1/interaction-log-entries/2/document")
            #expect(entry.status == 200)

            // The helper went with the converter: its whole process group was killed.
            let pidText = try String(contentsOfFile: script.folder + "/helper.pid", encoding: .utf8)
            let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(await Self.waitUntilGone(pid))
        }
    }

    /// Waits (up to a minute) until `pid` has ended: gone, or a zombie nobody reaps.
    static func waitUntilGone(_ pid: Int32) async -> Bool {
        for _ in 0..<600 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let state = stat.split(separator: ")").last?.split(separator: " ").first, state == "Z" { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func theEnvironmentConfiguresTheConverter() throws {
        let configured = try ServicesConfiguration.fromEnvironment([
            "RAPPORT_PDF_CONVERTER": "/opt/lo/soffice", "RAPPORT_PDF_TIME_LIMIT": "2.5",
        ])
        #expect(configured.pdfConverter.command == "/opt/lo/soffice")
        #expect(configured.pdfConverter.timeLimit == .milliseconds(2500))
        let defaults = try ServicesConfiguration.fromEnvironment([:])
        #expect(defaults.pdfConverter.command == "soffice")
        #expect(defaults.pdfConverter.timeLimit == .seconds(60))
        #expect(throws: RapportError.self) {
            try ServicesConfiguration.fromEnvironment(["RAPPORT_PDF_TIME_LIMIT": "soon"])
        }
    }
}
