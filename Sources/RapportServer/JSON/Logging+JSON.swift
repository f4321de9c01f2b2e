import RapportCore
import RapportStorage

extension Problem: JSONRepresentable {
    /// One problem of a log check (or a CSV row), as `error.details` and the log check list it.
    var json: JSONValue {
        .object(
            JSONObject([
                ("lineNo", lineNo.map { .integer($0) } ?? .null), ("contactNo", .optional(contactNo)),
                ("field", .optional(field)), ("message", .string(message)),
            ]))
    }
}

extension LogCheckResult: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("ok", .bool(isOK)), ("problems", .array(problems.map(\.json))),
                ("warnings", .array(warnings.map(\.json))),
            ]))
    }
}

extension InteractionStatistics.Figures: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("noOfInteractions", .integer(noOfInteractions)), ("cost", .number(cost.doubleValue)),
                ("duration", .number(duration.doubleValue)),
            ]))
    }
}

extension SegmentLogger.Outcome {
    /// The answer of Log, with the logged segment as the list shows it.
    func json(loggedSegment: JSONValue) -> JSONValue {
        .object(
            JSONObject([
                ("loggedSegment", loggedSegment), ("interactionsLogged", .integer(interactionsLogged)),
                ("campaignEntriesCreated", .integer(campaignEntriesCreated)),
                ("followUpSegmentNo", .optional(followUpSegmentNo?.text)),
                ("warnings", .array(warnings.map(\.json))),
                ("deliveries", .object(JSONObject([("queued", .integer(queued))]))),
            ]))
    }
}
