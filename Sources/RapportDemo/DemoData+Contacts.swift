import RapportCore

extension DemoData {
    /// The columns of `contactsCSV`, in order: the contacts export format of the API contract.
    public static var contactsCSVHeader: [String] { DemoContact.csvHeader }

    /// Demo contacts as a CSV file for `POST /contacts/import` (UTF-8, CRLF, no byte order mark, every cell
    /// passed through `CSVFormulaGuard.escape`, as an export writes it).
    ///
    /// Each company is followed by its persons, all numbered `CT000001`, `CT000002`... in file order. Persons
    /// share their company's address, language, salesperson and territory; about 2% work for no company.
    /// Industry groups and business relations are on companies only, job responsibilities on persons only.
    /// A few companies and their first persons carry names chosen to be awkward: quotes, a leading
    /// apostrophe or `@`, `&` and `<`, emoji, Arabic and Hebrew script, and a 300-character name.
    ///
    /// - Parameters:
    ///   - companies: How many companies to make.
    ///   - personsPerCompany: How many persons each company gets, drawn from this range.
    ///   - seed: The same seed gives the same bytes, on every platform.
    public static func contactsCSV(
        companies: Int = defaultCompanies,
        personsPerCompany: ClosedRange<Int> = defaultPersonsPerCompany,
        seed: UInt64 = defaultSeed
    ) -> [UInt8] {
        let contacts = DemoContactGenerator(companies: companies, personsPerCompany: personsPerCompany, seed: seed)
            .contacts()
        var writer = CSVWriter()
        writer.append(DemoContact.csvHeader.map(CSVFormulaGuard.escape))
        for contact in contacts {
            writer.append(contact.csvFields.map(CSVFormulaGuard.escape))
        }
        return writer.take()
    }

    /// Demo contacts one at a time, as the rows of `contactsCSV` (cells in `contactsCSVHeader` order, before the
    /// formula guard), for files too big to build in memory: the benchmark's million contacts. Makes `companies`
    /// companies with their persons, or stops after `limit` contacts; the same arguments give the same rows.
    public static func forEachContact(
        companies: Int, personsPerCompany: ClosedRange<Int> = defaultPersonsPerCompany, seed: UInt64 = defaultSeed,
        limit: Int = .max, _ body: ([String]) throws -> Void
    ) throws {
        var count = 0
        do {
            try DemoContactGenerator(companies: companies, personsPerCompany: personsPerCompany, seed: seed).forEach {
                guard count < limit else { throw EnoughContacts() }
                count += 1
                try body($0.csvFields)
            }
        } catch is EnoughContacts {
            return
        }
    }

    /// Ends `forEachContact` once it has made as many contacts as it was asked for.
    private struct EnoughContacts: Error {}
}
