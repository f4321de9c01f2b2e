import RapportCore

/// Contacts: companies and the persons who work for them (BC table 5050).
package struct ContactRules: ResourceRules {
    package init() {}

    package func prepare(_ record: inout Record, existing: Record?, _ connection: any SQLConnection) throws {
        if existing == nil {
            let seriesCode = try connection.scalar("SELECT contact_nos FROM setup WHERE id = 1")?.nonBlankText
            record["no"] = .text(
                try NumberSeriesIssuer.assign(
                    explicit: record.text("no"), seriesCode: seriesCode, seriesField: "contactNos", keyField: "no",
                    connection))
        }
        let no = record.text("no")
        if record.option("type", as: ContactType.self) == .company {
            record["companyNo"] = .text(no)
            if existing?.option("type", as: ContactType.self) == .company {
                return try checkAnswers(record, connection)
            }
        } else {
            if existing?.option("type", as: ContactType.self) == .company {
                try refuseIfEmployer(no, connection)
                // A company's own number is not an employer once it becomes a person.
                if record.text("companyNo") == no { record["companyNo"] = .null }
            }
            try checkEmployer(&record, no: no, connection)
            if record.text("name").isEmpty { record["name"] = .text(ContactName.build(from: record)) }
        }
        try checkAnswers(record, connection)
    }

    package func checkDelete(_ key: String, _ connection: any SQLConnection) throws {
        try refuseIfEmployer(key, connection)
        try Self.leaveDynamicSegments(key, connection)
    }

    /// A deleted contact leaves the dynamic segments (their lines follow the data); its company is marked
    /// changed, since its membership may have hung on this person. Static segments keep refusing the deletion.
    static func leaveDynamicSegments(_ key: String, _ connection: any SQLConnection) throws {
        try connection.execute(
            "DELETE FROM segment_line WHERE contact_no = ? AND segment_no IN (SELECT no FROM segment_header WHERE kind = 'dynamic')",
            [.text(key)])
        try connection.execute(
            "UPDATE contact SET change_no = NULL WHERE no = (SELECT company_no FROM contact WHERE no = ?) AND no <> ?",
            [.text(key), .text(key)])
    }

    /// A person's company must exist and be a company; blank means no company.
    private func checkEmployer(_ record: inout Record, no: String, _ connection: any SQLConnection) throws {
        guard let companyNo = record["companyNo"].nonBlankText else {
            record["companyNo"] = .null
            return
        }
        guard companyNo != no else {
            throw RapportError.validation("companyNo", "A person cannot be their own company.")
        }
        let type = try connection.scalar("SELECT type FROM contact WHERE no = ?", [.text(companyNo)])?.textValue
        guard let type else {
            throw RapportError.validation("companyNo", "Company contact '\(companyNo)' does not exist.")
        }
        guard ContactType(rawValue: type) == .company else {
            throw RapportError.validation("companyNo", "Contact '\(companyNo)' is a person, not a company.")
        }
    }

    private func refuseIfEmployer(_ no: String, _ connection: any SQLConnection) throws {
        let persons =
            try connection.scalar(
                "SELECT COUNT(*) FROM contact WHERE company_no = ? AND no <> ?", [.text(no), .text(no)])?.intValue ?? 0
        if persons > 0 {
            throw RapportError(
                .conflict, "Company \(no) still has \(persons) person contact(s); move or delete them first.",
                field: "no")
        }
    }

    /// Profile answers must name answer lines of existing questionnaires.
    private func checkAnswers(_ record: Record, _ connection: any SQLConnection) throws {
        for (index, answer) in (record.children["profileAnswers"] ?? []).enumerated() {
            let code = answer["questionnaireCode"]?.textValue ?? ""
            let lineNo = answer["lineNo"] ?? .null
            let type = try connection.scalar(
                "SELECT type FROM profile_questionnaire_line WHERE questionnaire_code = ? AND line_no = ?",
                [.text(code), lineNo])?.textValue
            let path = "profileAnswers[\(index)]"
            guard let type else {
                throw RapportError.validation(path, "Questionnaire \(code) has no line \(lineNo.intValue ?? 0).")
            }
            guard type == "answer" else {
                throw RapportError.validation(
                    path, "Line \(lineNo.intValue ?? 0) of questionnaire \(code) is a question, not an answer.")
            }
        }
    }
}
