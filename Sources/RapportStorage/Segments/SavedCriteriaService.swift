import RapportCore

/// Saved criteria: a segment's actions stored under a code and replayed on today's data (BC §2.6, §2.7).
public struct SavedCriteriaService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Saves the segment's criteria actions under `code`, stamped with the user.
    public func save(
        _ segmentNo: Segment.No, as code: SavedCriteria.Code, description: String, by user: ActingUser
    ) async throws(RapportError) -> SavedCriteria {
        let code = code.text
        guard !code.isEmpty else { throw RapportError.validation("code", "code must not be blank.") }
        return try await store.write("save criteria") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            let actions =
                try connection.scalar(
                    "SELECT COUNT(*) FROM segment_criteria_action WHERE segment_no = ?", [.text(key)])?.intValue ?? 0
            guard actions > 0 else {
                throw RapportError.validation(
                    "noOfCriteriaActions", "Segment \(key) has no criteria actions to save.")
            }
            do {
                try connection.execute(
                    "INSERT INTO saved_criteria (code, description, user_id) VALUES (?, ?, ?)",
                    [.text(code), .text(description), .text(user.userId)])
            } catch StorageError.uniqueViolation {
                throw RapportError(.alreadyExists, "Saved criteria \(code) already exist.", field: "code")
            }
            try connection.execute(
                """
                INSERT INTO saved_criteria_action (code, action_no, action, allow_existing_contacts, expand_companies,
                  allow_related_companies, ignore_exclusion, entire_companies, filters, text)
                SELECT ?, action_no, action, allow_existing_contacts, expand_companies, allow_related_companies,
                  ignore_exclusion, entire_companies, filters, text
                FROM segment_criteria_action WHERE segment_no = ?
                """, [.text(code), .text(key)])
            return try Self.fetch(code, connection)
        }
    }

    /// Every saved criteria set, by code.
    public func list() async throws(RapportError) -> [SavedCriteria] {
        try await store.read { connection in
            let codes = try connection.query("SELECT code FROM saved_criteria ORDER BY code", []).map {
                $0.text("code")
            }
            return try codes.map { try Self.fetch($0, connection) }
        }
    }

    public func get(_ code: SavedCriteria.Code) async throws(RapportError) -> SavedCriteria {
        try await store.read { connection in try Self.fetch(code.text, connection) }
    }

    public func delete(_ code: SavedCriteria.Code, by user: ActingUser) async throws(RapportError) {
        try await store.write("delete saved criteria") { connection in
            let description = try connection.scalar(
                "SELECT description FROM saved_criteria WHERE code = ?", [.text(code.text)])
            let deleted = try connection.execute("DELETE FROM saved_criteria WHERE code = ?", [.text(code.text)])
            guard deleted > 0 else { throw RapportError.notFound("Saved criteria", code.text) }
            try AuditTrail.record(
                .delete, "saved-criteria", key: code.text,
                changes: [AuditChange("description", old: .text(description?.textValue ?? ""), new: .null)], by: user,
                connection)
        }
    }

    /// Replays the saved actions on the segment, against today's data; each becomes a new criteria action.
    /// `confirm` answers BC's question when the segment already has criteria actions.
    public func reuse(
        _ code: SavedCriteria.Code, on segmentNo: Segment.No, confirm: Bool
    ) async throws(RapportError) -> SegmentCriteriaService.Outcome {
        let code = code.text
        guard !code.isEmpty else { throw RapportError.validation("code", "code is required.") }
        return try await store.write("reuse criteria") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            try Self.requireConfirmation(key, confirm: confirm, what: "reuse saved criteria", connection)
            guard try connection.exists("SELECT 1 FROM saved_criteria WHERE code = ?", [.text(code)]) else {
                throw RapportError.validation("code", "Saved criteria '\(code)' do not exist.")
            }
            var outcome = SegmentCriteriaService.Outcome()
            for saved in try CriteriaJournal.actions(
                table: "saved_criteria_action", owner: "code", key: code, connection)
            {
                // A replayed Reduce never resets the criteria it is rebuilding.
                let step = try SegmentCriteriaService.run(saved.action, on: key, resetCriteria: false, connection)
                outcome.linesAdded += step.linesAdded
                outcome.linesRemoved += step.linesRemoved
            }
            try SegmentCriteriaService.fillTotals(&outcome, segmentNo: key, connection)
            return outcome
        }
    }

    /// BC asks before reusing on a segment that already has criteria (default No): here `confirm`.
    static func requireConfirmation(
        _ segmentNo: String, confirm: Bool, what: String, _ connection: any SQLConnection
    )
        throws
    {
        let actions =
            try connection.scalar(
                "SELECT COUNT(*) FROM segment_criteria_action WHERE segment_no = ?", [.text(segmentNo)])?.intValue ?? 0
        if actions > 0, !confirm {
            throw RapportError(
                .confirmationRequired,
                "Segment \(segmentNo) already has \(actions) criteria action(s); send \"confirm\": true to \(what).",
                field: "confirm")
        }
    }

    static func fetch(_ code: String, _ connection: any SQLConnection) throws -> SavedCriteria {
        guard
            let header = try connection.query(
                "SELECT code, description, user_id FROM saved_criteria WHERE code = ?", [.text(code)]
            ).first
        else { throw RapportError.notFound("Saved criteria", code) }
        let actions = try CriteriaJournal.actions(table: "saved_criteria_action", owner: "code", key: code, connection)
        return SavedCriteria(
            code: SavedCriteria.Code(header.text("code")), description: header.text("description"),
            userId: header.text("user_id"), actions: actions)
    }
}
