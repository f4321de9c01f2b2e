import RapportCore
import RapportDemo
import Testing

/// `forEachContact`, which the benchmark uses for a million contacts, gives the rows of `contactsCSV`.
@Suite struct DemoContactStreamTests {
    @Test func streamedRowsAreTheRowsOfTheContactsFile() throws {
        var writer = CSVWriter()
        writer.append(DemoData.contactsCSVHeader.map(CSVFormulaGuard.escape))
        try DemoData.forEachContact(companies: 40, seed: 7) { writer.append($0.map(CSVFormulaGuard.escape)) }
        #expect(writer.take() == DemoData.contactsCSV(companies: 40, seed: 7))
    }

    @Test func aLimitStopsAfterThatManyContacts() throws {
        var numbers: [String] = []
        try DemoData.forEachContact(companies: 40, limit: 25) { numbers.append($0[0]) }
        #expect(numbers.count == 25)
        #expect(numbers.first == "CT000001" && numbers.last == "CT000025")
    }
}
