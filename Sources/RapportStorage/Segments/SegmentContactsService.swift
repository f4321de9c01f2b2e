import RapportCore

/// Export Segment Contact and Apply Mailing Group (BC §2.9).
public struct SegmentContactsService: Sendable {
    let store: Store
    /// Lines read per chunk of the contacts export (the tests make it small to cross chunk boundaries).
    let chunkSize: Int

    public init(store: Store) {
        self.init(store: store, chunkSize: ContactCSVExport.chunkSize)
    }

    package init(store: Store, chunkSize: Int) {
        self.store = store
        self.chunkSize = max(1, chunkSize)
    }

    /// The contacts export format, one row per line with a contact, in line order.
    public func exportContacts(
        _ segmentNo: Segment.No, to sink: @escaping @Sendable ([UInt8]) throws -> Void
    )
        async throws(RapportError) -> Int
    {
        let chunkSize = self.chunkSize
        return try await store.readInParallel { connection, lists in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            return try ContactCSVExport.write(
                ContactCSVQuery.segmentLines(key), connection, lists: lists, chunkSize: chunkSize, to: sink)
        }
    }

    /// Exports into a file (the HTTP answer's spool file).
    public func exportContacts(_ segmentNo: Segment.No, toFile path: String) async throws(RapportError) -> Int {
        try await OutputFile.write(to: path, what: "the contacts export") { file throws(RapportError) in
            try await exportContacts(segmentNo, to: { try file.write($0) })
        }
    }

    /// Gives every contact on the segment a mailing group, optionally removing the group from everyone first.
    public func applyMailingGroup(
        _ group: MailingGroup.Code, to segmentNo: Segment.No, deleteOldAssignments: Bool
    ) async throws(RapportError) -> MailingGroupApplied {
        let code = group.text
        guard !code.isEmpty else {
            throw RapportError.validation("mailingGroupCode", "Specify a mailing group code.")
        }
        return try await store.write("apply mailing group") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            try ReferenceCheck.verify(
                Record(scalars: ["mailingGroupCode": .text(code)]), fields: [Self.mailingGroupField], connection)
            if deleteOldAssignments {
                try connection.execute("DELETE FROM contact_mailing_group WHERE code = ?", [.text(code)])
            }
            let added = try connection.execute(
                """
                INSERT INTO contact_mailing_group (contact_no, code)
                SELECT DISTINCT l.contact_no, ? FROM segment_line l
                WHERE l.segment_no = ? AND NOT EXISTS
                  (SELECT 1 FROM contact_mailing_group m WHERE m.contact_no = l.contact_no AND m.code = ?)
                """, [.text(code), .text(key), .text(code)])
            let total =
                try connection.scalar(
                    "SELECT COUNT(DISTINCT contact_no) FROM segment_line WHERE segment_no = ?", [.text(key)])?.intValue
                ?? 0
            return MailingGroupApplied(
                mailingGroupCode: group, segmentNo: Segment.No(key), contactsAssigned: Int64(added),
                contactsInSegment: total)
        }
    }

    /// The request field a mailing group code comes in, for the reference check's message.
    static let mailingGroupField = FieldSpec("mailingGroupCode", .reference(Catalog.mailingGroupTarget), required: true)
}

/// What Apply Mailing Group did.
public struct MailingGroupApplied: Sendable, Equatable {
    public var mailingGroupCode: MailingGroup.Code
    public var segmentNo: Segment.No
    public var contactsAssigned: Int64
    public var contactsInSegment: Int64

    /// What BC says when it is done.
    public var message: String { "Mailing group \(mailingGroupCode) is now applied to segment \(segmentNo)." }
}
