import Foundation
import RapportCore
import RapportDocuments
import RapportStorage

/// The benchmark's data when `../shared/bench` is not beside the clone: the demo company (`RapportDemo`) grown
/// to the asked number of contacts, in the files the shared generator makes: `rapport_masterdata.json`,
/// `rapport_contacts.csv`, and for the merge `mailmerge/letter_template.docx` (`BenchLetter`) with
/// `mailmerge/merge_data.csv`. Deterministic; written a chunk at a time, so a million contacts never sit in memory.
public enum BenchDemoData {
    /// The merge fields of the letter, as the peer's data has them.
    public static let mergeColumns = [
        "ContactNo", "ContactName", "Address", "PostCode", "City", "FormalSalutation", "SalespersonName",
        "DocumentDate",
    ]

    /// Writes the files unless `folder` already holds them. The master data is written by the caller's
    /// `writeMasterData` (the file format belongs to the server's JSON edge); `say` reports progress.
    public static func generate(
        contacts: Int, into folder: String, mergeFolder: String, mergeRows: Int,
        writeMasterData: (MasterDataDocument) -> [UInt8], say: (String) -> Void
    ) throws {
        if FileManager.default.fileExists(atPath: folder + "/rapport_contacts.csv") { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: mergeFolder, withIntermediateDirectories: true)
        say("Generating \(contacts) demo contacts into \(folder) (../shared/bench is not beside this clone)...")
        let master = try DemoData.masterData()
        try OutputFile.write(
            writeMasterData(master), to: folder + "/rapport_masterdata.json", what: "the master data")
        var salespeople: [String: String] = [:]
        for person in master.sections.first(where: { $0.key == "salespeople" })?.records ?? [] {
            salespeople[person.complete.text("code")] = person.complete.text("name")
        }
        let contactsFile = try OutputFile(creating: folder + "/rapport_contacts.csv", what: "the contacts")
        let mergeFile = try OutputFile(creating: mergeFolder + "/merge_data.csv", what: "the merge data")
        var contactsCSV = CSVWriter()
        var mergeCSV = CSVWriter()
        contactsCSV.append(DemoData.contactsCSVHeader.map(CSVFormulaGuard.escape))
        mergeCSV.append(mergeColumns)
        let column = Dictionary(uniqueKeysWithValues: DemoData.contactsCSVHeader.enumerated().map { ($1, $0) })
        func cell(_ fields: [String], _ name: String) -> String { column[name].map { fields[$0] } ?? "" }
        var rows = 0
        // About 6.5 contacts a company with the demo's 3 to 8 persons each; the last company may be cut short.
        try DemoData.forEachContact(companies: contacts / 5 + 1, limit: contacts) { fields in
            contactsCSV.append(fields.map(CSVFormulaGuard.escape))
            if rows < mergeRows {
                let surname = cell(fields, "surname")
                let salutation =
                    cell(fields, "type") == "person" && !surname.isEmpty
                    ? "Dear \(cell(fields, "firstName")) \(surname)" : "Dear Sir or Madam"
                mergeCSV.append([
                    cell(fields, "no"), cell(fields, "name"), cell(fields, "address"), cell(fields, "postCode"),
                    cell(fields, "city"), salutation, salespeople[cell(fields, "salespersonCode")] ?? "", "2 June 2025",
                ])
            }
            rows += 1
            if contactsCSV.bytes.count > 1 << 20 { try contactsFile.write(contactsCSV.take()) }
        }
        try contactsFile.write(contactsCSV.take())
        try contactsFile.close()
        try mergeFile.write(mergeCSV.take())
        try mergeFile.close()
        try OutputFile.write(try BenchLetter.docx(), to: mergeFolder + "/letter_template.docx", what: "the letter")
        say("  \(rows) contacts, \(min(rows, mergeRows)) rows of merge data.")
    }
}
