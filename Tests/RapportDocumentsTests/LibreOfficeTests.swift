import Foundation
import Testing

@testable import RapportDocuments

/// Every merged fixture opens in LibreOffice: converted to PDF, its text holds the merged values and no field
/// codes. CI installs LibreOffice and poppler-utils; on a machine without them the test does not run.
@Suite("LibreOffice reads merged documents")
struct LibreOfficeTests {
    static let available = ["soffice", "pdftotext"].allSatisfy { tool in
        ["/usr/bin/", "/usr/local/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + tool) }
    }

    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    /// Letters and digits only: PDF text extraction re-flows spaces and lines.
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    @Test(.enabled(if: available || ProcessInfo.processInfo.environment["CI"] != nil))
    func everyMergedFixtureConvertsToPDFWithItsValues() throws {
        let folder = try #require(TestSupport.fixturesFolder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".docx") }.sorted()
        let work = NSTemporaryDirectory() + "rapport-lo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        var visible: [String: String] = [:]
        for name in names {
            let template = try MergeTemplate(docx: try TestSupport.fixture(name))
            var values: [String: String] = [:]
            for (index, field) in template.fieldNames.enumerated() { values[field] = "Wert\(index)Zoë & <Co> \"q\"" }
            let merged = try template.merge(values)
            try Data(merged).write(to: URL(fileURLWithPath: "\(work)/\(name)"))
            visible[name] = TestSupport.visibleText(try TestSupport.part("word/document.xml", of: merged))
        }
        try Self.run(["soffice", "--headless", "-env:UserInstallation=file://\(work)/profile", "--convert-to", "pdf",
                      "--outdir", work] + names.map { "\(work)/\($0)" })
        for name in names {
            let pdf = "\(work)/\(name.dropLast(5)).pdf"
            #expect(FileManager.default.fileExists(atPath: pdf), "LibreOffice did not convert \(name)")
            try Self.run(["pdftotext", "-layout", pdf, pdf + ".txt"])
            let text = (try? String(contentsOfFile: pdf + ".txt", encoding: .utf8)) ?? ""
            #expect(!text.contains("MERGEFIELD"), "\(name) shows a field code")
            // Every merged value that is visible in the body is in the PDF too, with its & < and quotes.
            let body = visible[name] ?? ""
            let shown = body.components(separatedBy: "Wert").dropFirst().compactMap { $0.split(separator: "Z").first }
            for index in shown {
                #expect(Self.squeezed(text).contains(Self.squeezed("Wert\(index)Zoë")), "\(name): value \(index) missing")
            }
            if !shown.isEmpty { #expect(text.contains("& <Co>"), "\(name): escaped characters lost") }
        }
    }
}
