import Foundation
import RapportCore
import Testing

@testable import RapportDocuments

/// Every merged fixture opens in LibreOffice: converted to PDF, its text holds the merged values and no field
/// codes. Needs LibreOffice (`soffice`) and poppler-utils (`pdftotext`): without them the tests are skipped and
/// say so, except under `RAPPORT_REQUIRE_TOOLS=1` (set by `scripts/test`, which installs both), where they fail.
@Suite("LibreOffice reads merged documents")
struct LibreOfficeTests {
    static let isAvailable = ["soffice", "pdftotext"].allSatisfy { tool in
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }
    static let isRequired = ProcessInfo.processInfo.environment["RAPPORT_REQUIRE_TOOLS"] == "1"
    static let missing: Comment = "needs LibreOffice (soffice) and poppler-utils (pdftotext)"

    /// Runs a program to its end; a failure to start or a non-zero exit fails the test with what it printed.
    ///
    /// The wait is on a thread of its own: LibreOffice takes many seconds, and a cooperative thread blocked
    /// that long stalls the tests running beside it (this machine has two).
    static func run(_ arguments: [String]) async throws {
        let (status, printed) = try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result { () throws -> (Int32, String) in
                        let process = Process()
                        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                        process.arguments = arguments
                        let output = Pipe()
                        process.standardOutput = output
                        process.standardError = output
                        try process.run()
                        let printed = output.fileHandleForReading.readDataToEndOfFile()
                        return (process.waitForExit(), String(decoding: printed, as: UTF8.self))
                    })
            }.start()
        }
        try #require(status == 0, "\(arguments[0]) exited with \(status): \(printed)")
    }

    /// Letters and digits only, lower-cased: PDF text extraction re-flows spaces and lines, and the
    /// fixtures' case switches change the case.
    static func squeezed(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    @Test(.enabled(if: isAvailable || isRequired, missing))
    func everyMergedGeneratedFixtureConvertsToPDFWithItsValues() async throws {
        var fixtures: [(String, [UInt8])] = []
        for name in GeneratedFixtures.all.keys.sorted() { fixtures.append((name, try GeneratedFixtures.docx(name))) }
        try await Self.convert(fixtures)
    }

    @Test(
        .enabled(if: isAvailable || isRequired, missing),
        .enabled(if: TestSupport.sharedFixturesFolder != nil, TestSupport.noSharedFixtures))
    func everyMergedWordFixtureConvertsToPDFWithItsValues() async throws {
        let folder = try #require(TestSupport.sharedFixturesFolder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".docx") }
        try await Self.convert(try names.sorted().map { ($0, try TestSupport.fixture($0)) })
    }

    /// Merges each template with a value per field, converts them all in one LibreOffice run, and reads the PDFs.
    static func convert(_ fixtures: [(name: String, docx: [UInt8])]) async throws {
        try #require(isAvailable, "soffice or pdftotext is not installed, and RAPPORT_REQUIRE_TOOLS=1 requires them")
        let work = NSTemporaryDirectory() + "rapport-lo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        var visible: [String: String] = [:]
        var fields: [String: [String]] = [:]
        for (name, docx) in fixtures {
            let template = try MergeTemplate(docx: docx)
            fields[name] = template.fieldNames
            var values: [String: String] = [:]
            for (index, field) in template.fieldNames.enumerated() { values[field] = "Wert\(index)Zoë & <Co> \"q\"" }
            let merged = try template.merge(values)
            try Data(merged).write(to: URL(fileURLWithPath: "\(work)/\(name)"))
            visible[name] = TestSupport.visibleText(try TestSupport.part("word/document.xml", of: merged))
        }
        try await run(
            [
                "soffice", "--headless", "-env:UserInstallation=file://\(work)/profile", "--convert-to", "pdf",
                "--outdir", work,
            ] + fixtures.map { "\(work)/\($0.name)" })
        for (name, _) in fixtures {
            let pdf = "\(work)/\(name.dropLast(5)).pdf"
            try #require(FileManager.default.fileExists(atPath: pdf), "LibreOffice did not convert \(name)")
            // Reading order, not layout: table cells would interleave narrow columns.
            try await run(["pdftotext", pdf, pdf + ".txt"])
            let text = try String(contentsOfFile: pdf + ".txt", encoding: .utf8)
            for field in fields[name] ?? [] {
                #expect(!text.contains("MERGEFIELD \(field)"), "\(name) shows the field code of \(field)")
            }
            // Every merged value that is visible in the body is in the PDF too, with its & < and quotes.
            let body = visible[name] ?? ""
            let shown = body.lowercased().components(separatedBy: "wert").dropFirst().map { $0.prefix { $0.isNumber } }
            for index in shown {
                #expect(
                    squeezed(text).contains(squeezed("Wert\(index)Zoë")), "\(name): value \(index) missing")
            }
            if !shown.isEmpty { #expect(text.lowercased().contains("& <co>"), "\(name): escaped characters lost") }
        }
    }
}
