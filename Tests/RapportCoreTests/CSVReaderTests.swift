import Foundation
import Testing

@testable import RapportCore

@Suite struct CSVReaderTests {
    @Test func readsHeaderAndRecordsWithLineNumbers() throws {
        let records = try csvRecords("name,email\nAda,ada@example.com\nGrace,grace@example.com\n")
        #expect(
            records == [
                CSVRecord(fields: ["name", "email"], line: 1),
                CSVRecord(fields: ["Ada", "ada@example.com"], line: 2),
                CSVRecord(fields: ["Grace", "grace@example.com"], line: 3),
            ])
    }

    @Test func stripsByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name,city\nÅse,Århus\n".utf8)
        let records = try csvRecords(bytes)
        #expect(records.map(\.fields) == [["name", "city"], ["Åse", "Århus"]])
        #expect(records.first?.fields.first?.unicodeScalars.first == "n")
    }

    @Test func keepsByteOrderMarkLikeBytesAfterTheStart() throws {
        // Only the first three bytes can be a byte order mark; U+FEFF later on is content.
        #expect(try csvFields("a,\u{FEFF}b\n") == [["a", "\u{FEFF}b"]])
        // A lone byte order mark is an empty file; a file starting like one is not cut.
        #expect(try csvRecords([0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(try csvFields("\u{FEFE}x") == [["\u{FEFE}x"]])
    }

    @Test func readsWithoutByteOrderMark() throws {
        #expect(try csvFields("name\nBo\n") == [["name"], ["Bo"]])
    }

    @Test func acceptsLFAndCRLFAndMixedLineEnds() throws {
        let expected = [["a", "b"], ["c", "d"], ["e", "f"]]
        #expect(try csvFields("a,b\nc,d\ne,f\n") == expected)
        #expect(try csvFields("a,b\r\nc,d\r\ne,f\r\n") == expected)
        #expect(try csvFields("a,b\r\nc,d\ne,f\r\n") == expected)
        #expect(try csvRecords("a,b\r\nc,d\r\ne,f\r\n").map(\.line) == [1, 2, 3])
    }

    @Test func acceptsLoneCRAsLineEnd() throws {
        // Old Mac spreadsheet exports end lines with CR alone.
        #expect(try csvRecords("a,b\rc,d\r").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try csvRecords("a,b\rc,d\r").map(\.line) == [1, 2])
    }

    @Test func readsFinalRecordWithoutLineEnd() throws {
        #expect(try csvFields("a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try csvFields("a,b\n\"c\",\"d\"") == [["a", "b"], ["c", "d"]])
        #expect(try csvFields("only") == [["only"]])
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try csvRecords("").isEmpty)
        #expect(try csvRecords("\n\r\n\n").isEmpty)
    }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let text = "name,note\n\"Smith, Jane\",\"She said \"\"hi\"\"\"\n\"a\nb\",\"c\r\nd\"\n\"e\rf\",\"\"\"\"\n"
        #expect(
            try csvFields(text) == [
                ["name", "note"],
                ["Smith, Jane", "She said \"hi\""],
                ["a\nb", "c\r\nd"],
                ["e\rf", "\""],
            ])
    }

    @Test func recordsAfterMultiLineFieldsHaveTheirPhysicalLine() throws {
        let text = "id,note\n1,\"line one\nline two\r\nline three\"\n2,plain\n3,\"x\ry\"\n4,end\n"
        let records = try csvRecords(text)
        #expect(records.map(\.fields.first) == ["id", "1", "2", "3", "4"])
        #expect(records.map(\.line) == [1, 2, 5, 6, 8])
    }

    @Test func emptyFields() throws {
        #expect(try csvFields(",\n,,x\n\"\",a\n") == [["", ""], ["", "", "x"], ["", "a"]])
    }

    @Test func trailingCommaMeansTrailingEmptyField() throws {
        #expect(try csvFields("a,b,\n") == [["a", "b", ""]])
        #expect(try csvFields("a,b,") == [["a", "b", ""]])
        #expect(try csvFields("a,b,\r\nc,d,\r\n") == [["a", "b", ""], ["c", "d", ""]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try csvRecords("name\n\nAda\r\n\r\n\nGrace\n\n")
        #expect(
            records == [
                CSVRecord(fields: ["name"], line: 1),
                CSVRecord(fields: ["Ada"], line: 3),
                CSVRecord(fields: ["Grace"], line: 6),
            ])
    }

    @Test func lineWithOnlyQuotesOrSpacesIsNotBlank() throws {
        #expect(try csvFields("a\n\"\"\n \nb\n") == [["a"], [""], [" "], ["b"]])
    }

    @Test func valuesAreNotTrimmed() throws {
        #expect(try csvFields("  a , b\t,\" c \"\n") == [["  a ", " b\t", " c "]])
    }

    @Test func readsUnicodeAndMarkupCharacters() throws {
        let fields = [
            "👩‍💻 Ada 🇩🇰", "مرحبا بالعالم", "שלום עולם", "東京都渋谷区", "한국어", "<b>&amp;</b> & <", "e\u{301}",
        ]
        let text = fields.joined(separator: ",") + "\n"
        let read = try csvFields(text)
        #expect(read == [fields])
        // The exact bytes come back, not merely canonically equivalent text.
        #expect(read.first?.map { Array($0.utf8) } == fields.map { Array($0.utf8) })
    }

    @Test func invalidUTF8ReportsItsLine() {
        // 0xE6 is "æ" in Latin-1: the typical Excel export in a legacy code page.
        let latin1: [UInt8] = Array("name,city\nAda,London\nS".utf8) + [0xE6] + Array("ren,Aarhus\n".utf8)
        #expect(csvError(latin1) == CSVError(line: 3, message: "invalid UTF-8 (the file must be UTF-8)"))

        let inQuotes: [UInt8] = Array("a\n\"x\ny\r\nz".utf8) + [0xFF] + Array("\",b\n".utf8)
        #expect(csvError(inQuotes)?.line == 4)

        let truncated: [UInt8] = Array("a\nb,".utf8) + [0xE2, 0x82]
        #expect(csvError(truncated)?.line == 2)
    }

    @Test func invalidUTF8OfEveryShapeIsCaught() {
        let bad: [[UInt8]] = [
            [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x28, 0xA1], [0xF4, 0x90, 0x80, 0x80],
            // A 4-byte sequence cut after 3 bytes is replaced by one 3-byte U+FFFD: same length, other bytes.
            [0xF0, 0x9F, 0x98, 0x41], [0x80, 0x41], [0x41, 0xF0, 0x9F, 0x98],
        ]
        for bytes in bad {
            #expect(csvError(Array("x\n\"q\",".utf8) + bytes + [0x0A])?.line == 2, "\(bytes)")
            #expect(csvError(Array("x\n\"".utf8) + bytes + Array("\",1\n".utf8))?.line == 2, "\(bytes)")
        }
    }

    @Test func replacementCharacterWrittenInTheFileIsValid() throws {
        #expect(try csvFields("\u{FFFD},a\u{FFFD}b\n") == [["\u{FFFD}", "a\u{FFFD}b"]])
    }

    @Test func unclosedQuoteReportsTheLineItOpensOn() {
        let error = csvError("name,note\nAda,\"never\nclosed\n")
        #expect(error?.line == 2)
        #expect(error?.message.hasPrefix("unclosed quote") == true)
    }

    @Test func strayQuoteInUnquotedField() {
        let error = csvError("name\nab\"c\n")
        #expect(error?.line == 2)
        #expect(error?.message.hasPrefix("unexpected quote") == true)
        #expect(csvError(" \"a\"\n")?.line == 1)
    }

    @Test func textAfterClosingQuote() {
        let error = csvError("name\n\"ab\"c\n")
        #expect(error?.line == 2)
        #expect(error?.message.hasPrefix("unexpected text after a closing quote") == true)
        #expect(csvError("\"multi\nline\" x\n")?.line == 2)
    }

    @Test func errorsAreSticky() {
        var reader = CSVReader(string: "a\n\"b\"c\nd\n")
        #expect(throws: Never.self) { _ = try reader.next() }
        let first = #expect(throws: CSVError.self) { _ = try reader.next() }
        let second = #expect(throws: CSVError.self) { _ = try reader.next() }
        #expect(first == second)
    }

    @Test func fieldTooLongStopsAnUnclosedQuote() {
        var parser = CSVParser(maximumFieldBytes: 8)
        let bytes = Array("a,\"0123456789".utf8)
        let step = bytes.withUnsafeBufferPointer { parser.parse($0, from: 0) }
        guard case .failure(let error) = step.step else {
            Issue.record("expected a failure, got \(step.step)")
            return
        }
        #expect(error.line == 1)
    }

    @Test func endOfInputIsRepeatable() throws {
        var reader = CSVReader(string: "a")
        #expect(try reader.next()?.fields == ["a"])
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [1, 2, 3, 5, 1 << 20])
    func readsFromFilePath(chunkSize: Int) throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name,note\r\nAda,\"two\r\nlines\"\r\nBo,😀\r\n".utf8)
        let path = try csvTemporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }

        var reader = try CSVReader(path: path, chunkSize: chunkSize)
        var records: [CSVRecord] = []
        while let record = try reader.next() {
            records.append(record)
        }
        #expect(
            records == [
                CSVRecord(fields: ["name", "note"], line: 1),
                CSVRecord(fields: ["Ada", "two\r\nlines"], line: 2),
                CSVRecord(fields: ["Bo", "😀"], line: 4),
            ])
    }

    @Test func publicFileInitializerReads() throws {
        let path = try csvTemporaryFile(Array("a,b\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try CSVReader(path: path)
        #expect(try reader.next() == CSVRecord(fields: ["a", "b"], line: 1))
        #expect(try reader.next() == nil)
    }

    @Test func missingFileThrows() {
        #expect(throws: CSVError.self) { _ = try CSVReader(path: "/nonexistent/rapport/contacts.csv") }
        let error = #expect(throws: CSVError.self) { _ = try CSVReader(path: "/nonexistent/rapport/contacts.csv") }
        #expect(error?.line == 0)
    }
}
