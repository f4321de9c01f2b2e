import Testing

@testable import RapportCore

@Suite struct CSVWriterTests {
    private func written(_ records: [[String]], byteOrderMark: Bool = false) -> String {
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        for record in records {
            writer.append(record)
        }
        return String(decoding: writer.take(), as: UTF8.self)
    }

    @Test func plainFieldsAreNotQuotedAndRecordsEndWithCRLF() {
        #expect(written([["name", "email"], ["Ada", "ada@example.com"]]) == "name,email\r\nAda,ada@example.com\r\n")
    }

    @Test func quotesFieldsThatNeedIt() {
        #expect(
            written([["a,b", "say \"hi\"", "x\ny", "x\ry", "x\r\ny"]])
                == "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"x\ry\",\"x\r\ny\"\r\n")
        #expect(written([[" lead", "trail ", "in side", "\""]]) == "\" lead\",\"trail \",in side,\"\"\"\"\r\n")
    }

    @Test func emptyFields() {
        #expect(written([["", "a", ""]]) == ",a,\r\n")
        // A lone empty field must not look like a blank line, which the reader skips.
        #expect(written([[""]]) == "\"\"\r\n")
    }

    @Test func unicodeIsWrittenAsIs() {
        #expect(written([["😀", "שלום", "東京", "<&>"]]) == "😀,שלום,東京,<&>\r\n")
    }

    @Test func byteOrderMarkIsWrittenOnce() {
        var writer = CSVWriter(byteOrderMark: true)
        writer.append(["a"])
        #expect(writer.take() == [0xEF, 0xBB, 0xBF, 0x61, 0x0D, 0x0A])
        writer.append(["b"])
        #expect(writer.take() == [0x62, 0x0D, 0x0A])
        #expect(writer.bytes.isEmpty)
    }

    @Test func appendRecordToOwnBuffer() {
        var buffer: [UInt8] = []
        CSVWriter.appendRecord(["1", "two, three"], to: &buffer)
        CSVWriter.appendRecord(["4"], to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "1,\"two, three\"\r\n4\r\n")
    }

    @Test func roundTripOfTrickyValues() throws {
        var generator = CSVSeededGenerator(seed: 20_240_611)
        for _ in 0..<300 {
            let records = csvRandomRecords(using: &generator)
            var writer = CSVWriter(byteOrderMark: Bool.random(using: &generator))
            for record in records {
                writer.append(record.map(CSVFormulaGuard.escape))
            }
            let read = try csvRecords(writer.take()).map { $0.fields.map(CSVFormulaGuard.unescape) }
            #expect(read == records)
            // Compare bytes too: String equality would accept canonically equivalent text.
            #expect(read.map { $0.map { Array($0.utf8) } } == records.map { $0.map { Array($0.utf8) } })
        }
    }
}
