import RapportCore
import RapportStorage

extension CriteriaEntry: JSONRepresentable {
    /// An action as the criteria list shows it.
    var json: JSONValue {
        let options = action.options
        return .object(
            JSONObject([
                ("actionNo", .integer(actionNo)), ("action", .string(action.kind.rawValue)),
                ("allowExistingContacts", .bool(options.allowExistingContacts)),
                ("expandCompanies", .bool(options.expandCompanies)),
                ("allowRelatedCompanies", .bool(options.allowRelatedCompanies)),
                ("ignoreExclusion", .bool(options.ignoreExclusion)),
                ("entireCompanies", .bool(options.entireCompanies)),
                ("filters", action.filters.json), ("text", .string(text)),
            ]))
    }
}

extension SavedCriteria: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("code", .string(code.text)), ("description", .string(description)), ("userId", .string(userId)),
                ("noOfActions", .integer(actions.count)), ("actions", .array(actions.map(\.json))),
            ]))
    }
}

extension ContactPreview: JSONRepresentable {
    var json: JSONValue { json(withSample: true) }

    /// The preview's answer; without the sample when it was not asked for (`sample: false`).
    func json(withSample: Bool) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("action", .string(kind.rawValue)), (kind == .add ? "wouldAdd" : "wouldRemove", .integer(count)),
        ]
        if withSample { members.append(("sample", .array(sample.map { .string($0.text) }))) }
        members.append(
            (
                "skipped",
                .object(
                    JSONObject([
                        ("excludedFromSegment", .integer(excludedFromSegment)),
                        ("alreadyInSegment", .integer(alreadyInSegment)),
                    ]))
            ))
        return .object(JSONObject(members))
    }
}

extension SegmentCriteriaService.Outcome {
    /// The answer of an action: the counter it moves (`linesAdded`, `linesRemoved`), then the totals.
    func json(counters: [String]) -> JSONValue {
        var object = JSONObject()
        if counters.contains("linesAdded") { object["linesAdded"] = .integer(linesAdded) }
        if counters.contains("linesRemoved") { object["linesRemoved"] = .integer(linesRemoved) }
        object["noOfLines"] = .integer(noOfLines)
        object["noOfCriteriaActions"] = .integer(noOfCriteriaActions)
        return .object(object)
    }
}

extension MailingGroupApplied: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("mailingGroupCode", .string(mailingGroupCode.text)), ("segmentNo", .string(segmentNo.text)),
                ("contactsAssigned", .integer(contactsAssigned)), ("contactsInSegment", .integer(contactsInSegment)),
                ("message", .string(message)),
            ]))
    }
}
