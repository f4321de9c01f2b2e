import RapportCore

/// One CSV row read into the values the staging tables take.
struct StagedContact {
    var row: Int
    /// Column name → value, for the contact table's columns.
    var columns: [String: SQLValue]
    /// Link table → codes.
    var links: [String: [String]]
    var answers: [(code: String, lineNo: Int64)]
}

/// The header of an import file: which contact fields it carries, and how to read a row.
struct ContactImportColumns {
    /// The header's names, column by column.
    let names: [String]
    let fields: [FieldSpec?]
    let present: Set<String>

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
    }

    func isPresent(_ name: String) -> Bool { present.contains(name) }

    /// Reads a row with the same rules the API applies to the same fields.
    func parse(_ record: CSVRecord) throws(RapportError) -> StagedContact {
        guard record.fields.count == fields.count else {
            throw RapportError.validation(
                "row", "Expected \(fields.count) fields, found \(record.fields.count).")
        }
        // Every cell, read-only columns too: the file is refused as a whole, as the API refuses such text.
        for (name, cell) in zip(names, record.fields) {
            try TextInput.refuseNUL(cell, field: name)
        }
        var staged = StagedContact(row: record.line, columns: [:], links: [:], answers: [])
        var values = Record()
        for (index, field) in fields.enumerated() {
            guard let field else { continue }
            let text = CSVFormulaGuard.unescape(record.fields[index])
            switch field.kind {
            case .codeList(let link):
                staged.links[link.table] = try ContactCSVFormat.codes(
                    text, field: field, maxLength: link.target.maxLength)
            case .children:
                staged.answers = try ContactCSVFormat.answers(text, field: field)
            default:
                values[field.name] = try ContactCSVFormat.value(text, field: field)
            }
        }
        try complete(&values)
        for field in Catalog.contacts.fields where field.isColumn {
            guard let value = values.scalars[field.name] else { continue }
            staged.columns[field.column] = value
            if field.isFolded { staged.columns[field.column + "_fold"] = .text(CaseFold.fold(value.textValue ?? "")) }
        }
        return staged
    }

    /// The row-level contact rules: a number, the company link, a person's built name.
    private func complete(_ values: inout Record) throws(RapportError) {
        let no = values.text("no")
        guard !no.isEmpty else { throw RapportError.validation("no", "no is required.") }
        guard let type = values["type"].textValue else { throw RapportError.validation("type", "type is required.") }
        if type == "company" {
            values["companyNo"] = .text(no)
        } else {
            if values["companyNo"].nonBlankText == nil {
                values["companyNo"] = .null
            } else if values.text("companyNo") == no {
                throw RapportError.validation("companyNo", "A person cannot be their own company.")
            }
            if values.text("name").isEmpty { values["name"] = .text(ContactName.build(from: values)) }
        }
    }
}
