import Testing

@testable import RapportCore

/// The parser keeps its state across chunks, so any split of the input must give the same records.
@Suite struct CSVChunkBoundaryTests {
    static let tricky: [UInt8] =
        [0xEF, 0xBB, 0xBF]
        + Array(
            ("name,phone,note\r\n"
                + "\"Smith, Jane\",+45 70 00 10 00,\"She said \"\"hi\"\"\"\r\n"
                + "\n"
                + "Ada,,\"multi\r\nline\nnote\rend\"\n"
                + "\"\"\"\",\"\",\"a\"\"\"\"b\"\r"
                + "Émile 👩‍💻,مرحبا,東京\r\n"
                + "\r\n"
                + "x,y,").utf8)

    @Test(arguments: 1...7)
    func sameRecordsForEveryChunkSize(chunkSize: Int) throws {
        let reference = try csvRecords(Self.tricky)
        #expect(reference.count == 6)
        // The note of line 4 spans lines 4 to 7 (CRLF, LF and CR each end a line).
        #expect(reference.map(\.line) == [1, 2, 4, 8, 9, 11])
        #expect(reference[1].fields == ["Smith, Jane", "+45 70 00 10 00", "She said \"hi\""])
        #expect(reference[3].fields == ["\"", "", "a\"\"b"])
        #expect(reference[2].fields == ["Ada", "", "multi\r\nline\nnote\rend"])
        #expect(reference[4].fields == ["Émile 👩‍💻", "مرحبا", "東京"])
        #expect(reference[5].fields == ["x", "y", ""])
        #expect(try csvRecords(Self.tricky, chunkSize: chunkSize) == reference)
    }

    @Test(arguments: 1...7)
    func sameErrorsForEveryChunkSize(chunkSize: Int) {
        let inputs: [[UInt8]] = [
            Array("a\n\"open\nfield".utf8),
            Array("a\nb\"c\n".utf8),
            Array("a\n\"b\"\"\"c\n".utf8),
            Array("a\n\"x\r\ny".utf8) + [0xC3] + Array("\"\n".utf8),
        ]
        for input in inputs {
            let reference = csvError(input)
            #expect(reference != nil)
            #expect(csvError(input, chunkSize: chunkSize) == reference)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 13, 64])
    func randomDocumentsReadTheSameInAnyChunks(chunkSize: Int) throws {
        var generator = CSVSeededGenerator(seed: 0xC5F0 &+ UInt64(chunkSize))
        for _ in 0..<50 {
            let records = csvRandomRecords(using: &generator)
            var writer = CSVWriter(byteOrderMark: Bool.random(using: &generator))
            for record in records {
                writer.append(record)
            }
            let bytes = writer.take()
            #expect(try csvRecords(bytes, chunkSize: chunkSize) == csvRecords(bytes))
        }
    }
}
