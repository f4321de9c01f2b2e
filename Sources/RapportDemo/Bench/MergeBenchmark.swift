import Foundation
import RapportDocuments

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The merge benchmark, on the peer's files (`bench/mailmerge_baseline.py`: `letter_template.docx` and
/// `merge_data.csv`): the lead's benchmark command calls these and reports letters per second.
public enum MergeBenchmark {
    /// Merges `count` letters, one .docx file each (`00001.docx`...) in `outputFolder`, as the peer does.
    /// Rows of the CSV are reused cyclically when `count` exceeds them. The time covers compiling the template,
    /// merging and writing the files (not reading the CSV). Creating a file can block for hundreds of microseconds
    /// on a busy disk (far longer than merging a letter), so more threads than cores overlap those waits.
    public static func run(
        template: String, csv: String, count: Int, outputFolder: String, parallelism: Int = 4,
        compressionLevel: Int32 = 6
    ) throws -> (seconds: Double, letters: Int) {
        let docx = try readFile(template)
        let rows = try readCSV(csv)
        try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        let start = ContinuousClock.now
        let compiled = try MergeTemplate(docx: docx, compressionLevel: compressionLevel)
        let workers = max(1, parallelism)
        _ = try MergeTemplate.parallelMap(workers, parallelism: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) {
                let letter = try compiled.merge(rows[index % rows.count])
                try writeFile(outputFolder + "/" + paddedNumber(index + 1) + ".docx", letter)
            }
        }
        return (seconds(since: start), count)
    }

    /// Merges `count` letters into one archive streamed to `outputPath` (the "Segment <No>.zip" case).
    public static func runArchive(
        template: String, csv: String, count: Int, outputPath: String, parallelism: Int = 2,
        compressionLevel: Int32 = 6
    ) throws -> (seconds: Double, letters: Int) {
        let docx = try readFile(template)
        let rows = try readCSV(csv)
        let descriptor = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw DocumentError.corrupt("cannot create \(outputPath)") }
        defer { close(descriptor) }
        let start = ContinuousClock.now
        let compiled = try MergeTemplate(docx: docx, compressionLevel: compressionLevel)
        var archive = ZIPWriter { chunk in try writeAll(descriptor, chunk) }
        let letters = (0..<count).lazy.map { index in
            MergeLetter(name: paddedNumber(index + 1) + ".docx", values: rows[index % rows.count])
        }
        try compiled.mergeLetters(letters, into: &archive, parallelism: parallelism)
        try archive.finish()
        return (seconds(since: start), count)
    }

    // MARK: - Helpers

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocumentError.corrupt("cannot read \(path)")
        }
        return [UInt8](data)
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw DocumentError.corrupt("cannot create \(path)") }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { try writeAll(descriptor, $0) }
    }

    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let written = write(descriptor, base + offset, bytes.count - offset)
            guard written > 0 else { throw DocumentError.corrupt("cannot write a merged document") }
            offset += written
        }
    }

    /// The rows of a UTF-8 CSV with a header line, as name → value maps. Handles quoted fields (with `""` and line
    /// breaks inside); enough for the benchmark's file, not a general CSV reader.
    static func readCSV(_ path: String) throws -> [[String: String]] {
        let records = parseCSV(try readFile(path))
        guard let header = records.first, records.count > 1 else { throw DocumentError.corrupt("\(path) has no rows") }
        return records.dropFirst().map { record in
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() where index < record.count { row[name] = record[index] }
            return row
        }
    }

    static func parseCSV(_ bytes: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\n") {
                endField()
                records.append(record)
                record = []
            } else if byte != UInt8(ascii: "\r") {
                field.append(byte)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }

    static func paddedNumber(_ number: Int) -> String {
        let digits = String(number)
        return digits.count >= 5 ? digits : String(repeating: "0", count: 5 - digits.count) + digits
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
