import RapportCore

extension LogRollback.Preview: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("segmentNo", .string(segmentNo.text)), ("entries", .integer(entries)),
                ("campaignEntries", .integer(campaignEntries)), ("deliveriesQueued", .integer(deliveriesQueued)),
                ("deliveriesSent", .integer(deliveriesSent)), ("documents", .integer(documents)),
                ("followUpSegmentNo", followUpSegmentNo.map { .string($0.text) } ?? .null),
            ]))
    }
}

extension LogRollback.Outcome: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("segmentNo", .string(segmentNo.text)), ("entriesDeleted", .integer(entriesDeleted)),
                ("entriesCanceled", .integer(entriesCanceled)),
                ("campaignEntriesDeleted", .integer(campaignEntriesDeleted)),
                ("deliveriesDropped", .integer(deliveriesDropped)),
                ("followUpSegmentDeleted", followUpSegmentDeleted.map { .string($0.text) } ?? .null),
            ]))
    }
}
