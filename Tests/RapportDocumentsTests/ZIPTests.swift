import Testing

@testable import RapportDocuments

/// The ZIP reader and streaming writer on their own.
@Suite("ZIP")
struct ZIPTests {
    static let text = Array(String(repeating: "Hello, ZIP! Ærø 😀 ", count: 500).utf8)

    /// Writes one entry of each kind: deflated, stored, copied raw, streamed deflated, streamed stored, empty.
    func writeSample(_ writer: inout ZIPWriter) throws {
        try writer.addEntry(name: "deflated.txt", bytes: Self.text)
        try writer.addEntry(name: "stored/ünïcode ✓.txt", bytes: Self.text, method: .stored)
        var source = ZIPWriter()
        try source.addEntry(name: "inner.xml", bytes: Self.text, level: 9)
        let sourceReader = try ZIPReader(bytes: try source.finish())
        try writer.copyEntry(sourceReader.entries[0], from: sourceReader, as: "copied.xml")
        try writer.beginEntry(name: "streamed.bin")
        for _ in 0..<3 { try Self.text.withUnsafeBytes { try writer.write($0) } }
        try writer.finishEntry()
        try writer.beginEntry(name: "streamed-stored.bin", method: .stored)
        try Self.text.withUnsafeBytes { try writer.write($0) }
        try writer.finishEntry()
        try writer.addEntry(name: "empty", bytes: [])
    }

    func checkSample(_ bytes: [UInt8]) throws {
        let reader = try ZIPReader(bytes: bytes)
        #expect(
            reader.entries.map(\.name) == [
                "deflated.txt", "stored/ünïcode ✓.txt", "copied.xml", "streamed.bin", "streamed-stored.bin", "empty",
            ])
        let expected = [Self.text, Self.text, Self.text, Self.text + Self.text + Self.text, Self.text, []]
        for (entry, contents) in zip(reader.entries, expected) {
            #expect(try reader.contents(of: entry) == contents, "\(entry.name)")
            #expect(entry.flags & (1 << 11) != 0)
        }
        #expect(reader.entries[0].method == 8 && reader.entries[1].method == 0)
        #expect(reader.entries[0].compressedSize < Self.text.count / 10)
        #expect(reader.entries[3].flags & (1 << 3) != 0)  // data descriptor
    }

    @Test("round trip of every kind of entry")
    func roundTrip() throws {
        var writer = ZIPWriter()
        try writeSample(&writer)
        try checkSample(try writer.finish())
    }

    @Test("forced ZIP64 round trip")
    func zip64() throws {
        var writer = ZIPWriter()
        writer.forceZIP64 = true
        try writeSample(&writer)
        let bytes = try writer.finish()
        try checkSample(bytes)
        let end = bytes.count - 22
        #expect(Array(bytes[end..<(end + 4)]) == [0x50, 0x4B, 0x05, 0x06])
        #expect(Array(bytes[(end - 20)..<(end - 16)]) == [0x50, 0x4B, 0x06, 0x07])  // ZIP64 locator
        #expect(Array(bytes[(end + 16)..<(end + 20)]) == [0xFF, 0xFF, 0xFF, 0xFF])  // offset only in ZIP64
        #expect(Array(bytes[4..<6]) == [45, 0])  // version needed 4.5
    }

    @Test("more than 65,535 entries switch to ZIP64 end records by themselves")
    func manyEntries() throws {
        var writer = ZIPWriter()
        for index in 0..<70_000 {
            try writer.addEntry(name: "e\(index)", bytes: [UInt8(index & 0xFF)], method: .stored)
        }
        let bytes = try writer.finish()
        let reader = try ZIPReader(bytes: bytes)
        #expect(reader.entries.count == 70_000)
        #expect(try reader.contents(of: reader.entries[69_999]) == [UInt8(69_999 & 0xFF)])
    }

    @Test("a sink receives exactly the bytes an in-memory writer returns, in chunks")
    func sink() throws {
        var memory = ZIPWriter()
        try writeSample(&memory)
        let expected = try memory.finish()
        var received: [UInt8] = []
        var chunks = 0
        var streamed = ZIPWriter { chunk in
            received.append(contentsOf: chunk)
            chunks += 1
        }
        streamed.flushThreshold = 64
        try writeSample(&streamed)
        #expect(try streamed.finish().isEmpty)
        #expect(received == expected && chunks > 3)
    }

    @Test("misuse is reported, not crashed on")
    func misuse() throws {
        var writer = ZIPWriter()
        try writer.addEntry(name: "a", bytes: [1])
        #expect(throws: DocumentError.duplicateEntryName("a")) { try writer.addEntry(name: "a", bytes: [2]) }
        #expect(throws: DocumentError.self) { try writer.finishEntry() }
        try writer.beginEntry(name: "b")
        #expect(throws: DocumentError.self) { try writer.addEntry(name: "c", bytes: [3]) }
        #expect(throws: DocumentError.self) { try writer.finish() }
        try writer.finishEntry()
        try writer.finish()
        #expect(throws: DocumentError.self) { try writer.addEntry(name: "d", bytes: [4]) }
    }
}
