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

    /// Letters and digits only, lower-cased: PDF text extraction re-flows spaces and lines, and the
    /// fixtures' case switches change the case.
    static func squeezed(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    @Test(.enabled(if: available || ProcessInfo.processInfo.environment["CI"] != nil))
    func everyMergedFixtureConvertsToPDFWithItsValues() throws {
        let folder = try #require(TestSupport.fixturesFolder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".docx") }
            .sorted()
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
        try Self.run(
            [
                "soffice", "--headless", "-env:UserInstallation=file://\(work)/profile", "--convert-to", "pdf",
                "--outdir", work,
            ] + names.map { "\(work)/\($0)" })
        for name in names {
            let pdf = "\(work)/\(name.dropLast(5)).pdf"
            #expect(FileManager.default.fileExists(atPath: pdf), "LibreOffice did not convert \(name)")
            // Reading order, not layout: table cells would interleave narrow columns.
            try Self.run(["pdftotext", pdf, pdf + ".txt"])
            let text = (try? String(contentsOfFile: pdf + ".txt", encoding: .utf8)) ?? ""
            let fields = try MergeTemplate(docx: try TestSupport.fixture(name)).fieldNames
            for field in fields {
                #expect(!text.contains("MERGEFIELD \(field)"), "\(name) shows the field code of \(field)")
            }
            // Every merged value that is visible in the body is in the PDF too, with its & < and quotes.
            let body = visible[name] ?? ""
            let shown = body.lowercased().components(separatedBy: "wert").dropFirst().map { $0.prefix { $0.isNumber } }
            for index in shown {
                #expect(
                    Self.squeezed(text).contains(Self.squeezed("Wert\(index)Zoë")), "\(name): value \(index) missing")
            }
            if !shown.isEmpty { #expect(text.lowercased().contains("& <co>"), "\(name): escaped characters lost") }
        }
    }
}
