import Foundation
import RapportCore

/// The single setup record: read by everyone, changed by admins.
public struct SetupService: Sendable {
    let store: Store
    let table = ResourceTable(Catalog.setup)

    public init(store: Store) {
        self.store = store
    }

    /// The fields of setup that the API shows and changes (not its row id).
    public static var fields: [FieldSpec] { Catalog.setup.fields.filter { $0.name != "id" } }

    public func get() async throws(RapportError) -> Record {
        let table = self.table
        return try await store.read { connection in try Self.fetch(table, connection) }
    }

    /// Changes the fields in `patch`; an unknown time zone or number series is a 422 naming it.
    public func update(_ patch: Record, by user: ActingUser) async throws(RapportError) -> Record {
        try await store.write("update setup") { connection in try Self.update(patch, by: user, connection) }
    }

    /// Changes setup inside the caller's transaction; the audit trail records what changed (the SMTP password
    /// only as changed or cleared).
    static func update(_ patch: Record, by user: ActingUser, _ connection: any SQLConnection) throws -> Record {
        let table = ResourceTable(Catalog.setup)
        let fields = Self.fields
        let existing = try Self.fetch(table, connection)
        var record = existing.applying(patch)
        record["id"] = .integer(1)
        if case .text(let zone) = record["timeZone"], TimeZone(identifier: zone) == nil {
            throw RapportError.validation("timeZone", "'\(zone)' is not a time zone (use e.g. Europe/Copenhagen).")
        }
        if let port = record["smtp.port"].intValue, !(1...65535).contains(port) {
            throw RapportError.validation("smtp.port", "smtp.port must be between 1 and 65535.")
        }
        for name in ["smtp.ratePerMinute", "smtp.ratePerHour", "smtp.ratePerDay"] {
            if let rate = record[name].intValue, !(1...1_000_000_000).contains(rate) {
                throw RapportError.validation(name, "\(name) must be at least 1 (or null for no limit).")
            }
        }
        try ReferenceCheck.verify(record, fields: fields, connection)
        try table.update(record, connection)
        let updated = try Self.fetch(table, connection)
        let changes = AuditChanges.between(existing, updated, fields: fields, sent: patch)
        try AuditTrail.record(
            .update, Catalog.setup.path, key: Catalog.setup.path, changes: changes, by: user, connection)
        return updated
    }

    static func fetch(_ table: ResourceTable, _ connection: any SQLConnection) throws -> Record {
        guard let record = try table.fetchByInteger(connection) else {
            throw RapportError(.unavailable, "The setup record is missing; run `rapport migrate`.")
        }
        return record
    }

    /// The configured time zone (UTC when unset or unknown).
    public func timeZone() async throws(RapportError) -> TimeZone {
        let name = try await store.read { connection in
            try connection.scalar("SELECT time_zone FROM setup WHERE id = 1")?.textValue
        }
        return name.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC") ?? .current
    }
}

extension ResourceTable {
    /// The setup row has an integer key.
    func fetchByInteger(_ connection: any SQLConnection) throws -> Record? {
        let rows = try connection.query(
            "SELECT \(selectList(connection.dialect)) FROM \(spec.table) t WHERE t.id = 1", [])
        return rows.first.map(record(from:))
    }
}
