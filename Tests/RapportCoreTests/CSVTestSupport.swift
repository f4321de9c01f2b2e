import Foundation

@testable import RapportCore

/// Reads every record of `bytes`, handing them to the parser `chunkSize` bytes at a time.
func csvRecords(_ bytes: [UInt8], chunkSize: Int = CSVReader.defaultChunkSize) throws(CSVError) -> [CSVRecord] {
    var reader = CSVReader(data: bytes, chunkSize: chunkSize)
    var records: [CSVRecord] = []
    while let record = try reader.next() {
        records.append(record)
    }
    return records
}

/// Reads every record of `text`, handing them to the parser `chunkSize` bytes at a time.
func csvRecords(_ text: String, chunkSize: Int = CSVReader.defaultChunkSize) throws(CSVError) -> [CSVRecord] {
    try csvRecords(Array(text.utf8), chunkSize: chunkSize)
}

/// The fields of every record of `text`, for tests that do not look at line numbers.
func csvFields(_ text: String, chunkSize: Int = CSVReader.defaultChunkSize) throws(CSVError) -> [[String]] {
    try csvRecords(text, chunkSize: chunkSize).map(\.fields)
}

/// The error reading `bytes` ends with, or nil if it reads cleanly.
func csvError(_ bytes: [UInt8], chunkSize: Int = CSVReader.defaultChunkSize) -> CSVError? {
    do {
        _ = try csvRecords(bytes, chunkSize: chunkSize)
        return nil
    } catch {
        return error
    }
}

/// The error reading `text` ends with, or nil if it reads cleanly.
func csvError(_ text: String, chunkSize: Int = CSVReader.defaultChunkSize) -> CSVError? {
    csvError(Array(text.utf8), chunkSize: chunkSize)
}

/// Writes `bytes` to a new file in the temporary directory and returns its path; the caller removes it.
func csvTemporaryFile(_ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-csv-\(UUID().uuidString).csv")
    try Data(bytes).write(to: url)
    return url.path
}

/// SplitMix64: a small seeded generator, so property tests fail the same way every run.
struct CSVSeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Pieces that stress quoting, line breaks, formula escaping and multi-byte UTF-8.
let csvPool: [String] = [
    ",", "\"", "\r", "\n", "\r\n", "'", "=", "+", "-", "@", "\t", " ", "a", "Z", "0", "9",
    "😀", "👩‍💻", "🇩🇰", "é", "e\u{301}", "ø", "مرحبا", "שלום", "東京", "<", "&", ";",
]

/// Random records of one to six fields of zero to eight pieces each.
func csvRandomRecords(using generator: inout CSVSeededGenerator) -> [[String]] {
    let width = Int.random(in: 1...6, using: &generator)
    return (0..<Int.random(in: 1...8, using: &generator)).map { _ in
        (0..<width).map { _ in
            (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                csvPool.randomElement(using: &generator) ?? ""
            }.joined()
        }
    }
}
