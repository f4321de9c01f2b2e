import RapportCore
import RapportDemo

@testable import RapportServer

/// The demo contacts file read back the way the import reads it: records split by `CSVReader`, every cell
/// passed through `CSVFormulaGuard.unescape`.
struct DemoContactsTable {
    var header: [String]
    /// One dictionary per data row, column name → unescaped cell.
    var rows: [[String: String]]

    init(_ bytes: [UInt8]) throws {
        var reader = CSVReader(data: bytes)
        var records: [[String]] = []
        while let record = try reader.next() {
            records.append(record.fields.map(CSVFormulaGuard.unescape))
        }
        header = records.first ?? []
        rows = records.dropFirst().map { fields in
            Dictionary(uniqueKeysWithValues: zip(records[0], fields).map { ($0, $1) })
        }
    }

    /// The rows whose `type` is `company` or `person`.
    func rows(ofType type: String) -> [[String: String]] {
        rows.filter { $0["type"] == type }
    }

    /// The codes of a `;`-joined column, over all rows.
    func codes(in column: String) -> Set<String> {
        Set(rows.flatMap { ($0[column] ?? "").split(separator: ";").map(String.init) })
    }
}

/// The default demo contacts, generated once for all tests that only read them.
let demoDefaultContactsCSV = DemoData.contactsCSV()

/// The default demo master data as the file the benchmark writes, generated once (`null` if it could not be
/// made, which every test reading it then reports).
let demoMasterData: JSONValue = (try? JSONValue.parse(MasterDataFile.write(DemoData.masterData()))) ?? .null

extension JSONValue {
    /// The member `key` of an object, or nil.
    subscript(demoKey key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The elements of an array, or none.
    var demoItems: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The string value, or nil.
    var demoText: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

/// The `field` values of every body in the master-data array `key`.
func demoMasterCodes(_ key: String, field: String = "code") -> Set<String> {
    Set((demoMasterData[demoKey: key]?.demoItems ?? []).compactMap { $0[demoKey: field]?.demoText })
}
