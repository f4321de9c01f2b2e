import RapportCore

extension SegmentVersion: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("segmentNo", .string(segmentNo.text)), ("version", .integer(version)),
                ("createdAt", .string(createdAt.formatted(.iso8601))), ("userId", .string(userId)),
                ("noOfLines", .integer(noOfLines)), ("reason", .string(reason.rawValue)),
            ]))
    }
}

extension SegmentVersionLine {
    /// The line's fields by their segment-line names, and `explanation`.
    var json: JSONValue {
        var object = RecordEncoder.encode(fields, fields: SegmentVersion.lineFields).objectValue ?? JSONObject()
        object["explanation"] = .string(explanation)
        return .object(object)
    }
}

extension SegmentDiff: JSONRepresentable {
    var json: JSONValue {
        let changes: [JSONValue] = changed.map { change in
            let kinds = Dictionary(uniqueKeysWithValues: SegmentVersion.comparedFields.map { ($0.name, $0.kind) })
            let fields = change.fields.map { field -> (key: String, value: JSONValue) in
                let kind = kinds[field.name] ?? .text(maxLength: 250)
                return (
                    field.name,
                    .array([RecordEncoder.json(field.old, kind: kind), RecordEncoder.json(field.new, kind: kind)])
                )
            }
            return .object(
                JSONObject([("contactNo", .string(change.contactNo)), ("fields", .object(JSONObject(fields)))]))
        }
        return .object(
            JSONObject([
                ("added", .array(added.map(\.json))), ("removed", .array(removed.map(\.json))),
                ("changed", .array(changes)),
                (
                    "counts",
                    .object(
                        JSONObject([
                            ("added", .integer(added.count)), ("removed", .integer(removed.count)),
                            ("changed", .integer(changed.count)),
                        ]))
                ),
            ]))
    }
}
