import RapportCore

/// The rules of one resource beyond types and references: run inside the write transaction, so
/// their look-ups see the data the write will commit against. Slow work that needs no data (hashing a
/// password) runs before the transaction instead, in `prepareBeforeTransaction`.
package protocol ResourceRules: Sendable {
    /// Does the slow work a record needs before its write transaction starts, so the transaction stays
    /// short and no connection waits on it; returns the record to write.
    func prepareBeforeTransaction(_ record: Record) async throws(RapportError) -> Record
    /// Completes and checks a record before it is written; `existing` is nil for a new record.
    func prepare(_ record: inout Record, existing: Record?, _ connection: any SQLConnection) throws
    /// Refuses a deletion that would break the domain (beyond what foreign keys catch).
    func checkDelete(_ key: String, _ connection: any SQLConnection) throws
}

extension ResourceRules {
    package func prepareBeforeTransaction(_ record: Record) async throws(RapportError) -> Record { record }
    package func prepare(_ record: inout Record, existing: Record?, _ connection: any SQLConnection) throws {}
    package func checkDelete(_ key: String, _ connection: any SQLConnection) throws {}
}

/// Resources with no rules of their own.
package struct NoRules: ResourceRules {
    package init() {}
}

/// Campaign dates must be in order.
package struct CampaignRules: ResourceRules {
    package init() {}

    package func prepare(_ record: inout Record, existing: Record?, _ connection: any SQLConnection) throws {
        if let start = record["startingDate"].textValue, let end = record["endingDate"].textValue, end < start {
            throw RapportError.validation("endingDate", "endingDate must not be before startingDate.")
        }
    }
}

/// A number series must be able to issue numbers: its numbers end in digits.
package struct NumberSeriesRules: ResourceRules {
    package init() {}

    package func prepare(_ record: inout Record, existing: Record?, _ connection: any SQLConnection) throws {
        let code = record.text("code")
        for field in ["startingNo", "lastNoUsed"] {
            let number = record.text(field)
            guard !number.isEmpty else { continue }
            guard number.last?.isNumber == true else {
                throw RapportError.validation(field, "\(field) must end with a digit so it can be incremented.")
            }
            _ = try NumberSeries.increment(number, seriesCode: code)
        }
    }
}

/// Salutation formulas name existing languages (a blank language applies to any).
package struct SalutationRules: ResourceRules {
    package init() {}

    package func prepare(_ record: inout Record, existing: Record?, _ connection: any SQLConnection) throws {
        for (index, formula) in (record.children["formulas"] ?? []).enumerated() {
            guard let language = formula["languageCode"]?.nonBlankText else { continue }
            try ReferenceCheck.verify(
                language, target: Catalog.languageTarget, path: "formulas[\(index)].languageCode", connection)
        }
    }
}
