import RapportCore

/// One CSV row read into the values the staging tables take.
struct StagedContact {
    var row: Int
    /// The contact table's columns in `ContactImportStaging.contactColumns` order (NULL where the file is silent).
    var values: [SQLValue]
    /// Link table → codes.
    var links: [(table: String, codes: [String])]
    var answers: [(code: String, lineNo: Int64)]
}

/// The header of an import file: which contact fields it carries, and how to read a row.
struct ContactImportColumns {
    /// The header's names, column by column.
    let names: [String]
    let fields: [FieldSpec?]
    let present: Set<String>
    /// Where each header column's value goes in `StagedContact.values`, worked out once for the file.
    let slots: [Int?]

    init(header: [String]) throws(RapportError) {
        var problems: [Problem] = []
        var names: [String] = []
        var fields: [FieldSpec?] = []
        var present: Set<String> = []
        for (index, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            names.append(name)
            guard let field = Catalog.contacts.field(named: name) else {
                problems.append(
                    Problem(row: 1, field: name, message: "Column \(index + 1) '\(name)' is not a contact field."))
                fields.append(nil)
                continue
            }
            if !present.insert(name).inserted {
                problems.append(Problem(row: 1, field: name, message: "Column '\(name)' appears twice."))
            }
            // Read-only columns (companyName) come with exports and are ignored on the way back in.
            fields.append(field.isWritable ? field : nil)
        }
        for required in ["no", "type"] where !present.contains(required) {
            problems.append(Problem(row: 1, field: required, message: "The header has no '\(required)' column."))
        }
        if !problems.isEmpty {
            throw RapportError(
                .validationFailed, "The header row is not usable; nothing was imported.",
                field: "file", details: problems)
        }
        self.names = names
        self.fields = fields
        self.present = present
        let positions = Dictionary(
            ContactImportStaging.contactColumns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        slots = fields.map { field in field.flatMap { positions[$0.column] } }
    }

    func isPresent(_ name: String) -> Bool { present.contains(name) }

    /// Reads a row with the same rules the API applies to the same fields.
    func parse(_ record: CSVRecord, folds: inout CaseFoldMemo) throws(RapportError) -> StagedContact {
        guard record.fields.count == fields.count else {
            throw RapportError.validation(
                "row", "Expected \(fields.count) fields, found \(record.fields.count).")
        }
        // Every cell, read-only columns too: the file is refused as a whole, as the API refuses such text.
        for (name, cell) in zip(names, record.fields) {
            try TextInput.refuseNUL(cell, field: name)
        }
        var staged = StagedContact(
            row: record.line, values: Array(repeating: .null, count: Slot.count), links: [], answers: [])
        for (index, field) in fields.enumerated() {
            guard let field else { continue }
            let text = CSVFormulaGuard.unescape(record.fields[index])
            switch field.kind {
            case .codeList(let link):
                staged.links.append(
                    (link.table, try ContactCSVFormat.codes(text, field: field, maxLength: link.target.maxLength)))
            case .children:
                staged.answers = try ContactCSVFormat.answers(text, field: field)
            default:
                let value = try ContactCSVFormat.value(text, field: field)
                if let slot = slots[index] { staged.values[slot] = value }
            }
        }
        try Self.complete(&staged.values)
        for (column, fold) in Slot.folds {
            if case .text(let text) = staged.values[column] { staged.values[fold] = .text(folds.fold(text)) }
        }
        return staged
    }

    /// The row-level contact rules: a number, the company link, a person's built name.
    private static func complete(_ values: inout [SQLValue]) throws(RapportError) {
        let no = values[Slot.no].textValue ?? ""
        guard !no.isEmpty else { throw RapportError.validation("no", "no is required.") }
        guard let type = values[Slot.type].textValue else {
            throw RapportError.validation("type", "type is required.")
        }
        if type == "company" {
            values[Slot.companyNo] = .text(no)
        } else {
            if values[Slot.companyNo].nonBlankText == nil {
                values[Slot.companyNo] = .null
            } else if values[Slot.companyNo].textValue == no {
                throw RapportError.validation("companyNo", "A person cannot be their own company.")
            }
            if (values[Slot.name].textValue ?? "").isEmpty {
                values[Slot.name] = .text(
                    ContactName.build(
                        firstName: values[Slot.firstName].textValue ?? "",
                        middleName: values[Slot.middleName].textValue ?? "",
                        surname: values[Slot.surname].textValue ?? ""))
            }
        }
    }
}

/// Positions in `StagedContact.values` of the columns the row rules read.
private enum Slot {
    static let columns = ContactImportStaging.contactColumns
    static let count = columns.count
    static let no = position("no")
    static let type = position("type")
    static let companyNo = position("company_no")
    static let name = position("name")
    static let firstName = position("first_name")
    static let middleName = position("middle_name")
    static let surname = position("surname")
    /// Each folded column and its `_fold` shadow.
    static let folds: [(column: Int, fold: Int)] = Catalog.contacts.fields.filter { $0.isColumn && $0.isFolded }
        .compactMap { field in
            guard let column = columns.firstIndex(of: field.column),
                let fold = columns.firstIndex(of: field.column + "_fold")
            else { return nil }
            return (column, fold)
        }

    static func position(_ column: String) -> Int { columns.firstIndex(of: column) ?? 0 }
}
