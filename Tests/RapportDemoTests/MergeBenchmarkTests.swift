import Foundation
import RapportDocuments
import Testing

@testable import RapportDemo

/// The benchmark entry points, on a tiny template and CSV (the real run uses the peer's files).
@Suite("Merge benchmark entry points")
struct MergeBenchmarkTests {
    @Test("the CSV reader handles quotes, doubled quotes and line breaks in fields")
    func csv() {
        let text = "\u{FEFF}Name,City\r\n\"Smith, Ada\",\"Say \"\"hi\"\"\nthere\"\nBob,Oslo"
        #expect(
            MergeBenchmark.parseCSV(Array(text.utf8)) == [
                ["Name", "City"], ["Smith, Ada", "Say \"hi\"\nthere"], ["Bob", "Oslo"],
            ])
    }

    @Test("one file per letter, and one archive of letters")
    func files() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-bench-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("template.docx").path
        #expect(FileManager.default.createFile(atPath: template, contents: Data(try BenchLetter.docx())))
        let csv = folder.appendingPathComponent("data.csv").path
        let header = BenchDemoData.mergeColumns.joined(separator: ",")
        let rows = ["CT1,Ada,1 Road,LS1,Leeds,Dear Ada,Jo,2 June 2025", "CT2,\"Bob & Co\",,,,,,"]
        #expect(
            FileManager.default.createFile(atPath: csv, contents: Data(([header] + rows).joined(separator: "\n").utf8)))

        let letters = folder.appendingPathComponent("letters").path
        let run = try MergeBenchmark.run(template: template, csv: csv, count: 5, outputFolder: letters)
        #expect(run.letters == 5 && run.seconds > 0)
        let third = [UInt8](try #require(FileManager.default.contents(atPath: letters + "/00003.docx")))
        #expect(try documentXML(third).contains(">Ada<"))

        let archivePath = folder.appendingPathComponent("letters.zip").path
        let archived = try MergeBenchmark.runArchive(template: template, csv: csv, count: 4, outputPath: archivePath)
        #expect(archived.letters == 4)
        let reader = try ZIPReader(bytes: [UInt8](try #require(FileManager.default.contents(atPath: archivePath))))
        #expect(reader.entries.map(\.name) == ["00001.docx", "00002.docx", "00003.docx", "00004.docx"])
        let second = try reader.contents(of: reader.entries[1])
        #expect(try documentXML(second).contains(">Bob &amp; Co<"))
    }

    private func documentXML(_ docx: [UInt8]) throws -> String {
        let reader = try ZIPReader(bytes: docx)
        return String(
            decoding: try reader.contents(of: try #require(reader.entry(named: "word/document.xml"))), as: UTF8.self)
    }
}
