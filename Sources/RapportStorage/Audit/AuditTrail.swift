import Foundation
import RapportCore

/// Writes audit entries inside the transaction of the change they record, so a change and its entry
/// commit or roll back together.
enum AuditTrail {
    /// Records one change; nothing is written for an update that changed nothing.
    static func record(
        _ action: AuditEntry.Action, _ resource: String, key: String, changes: [AuditChange], by user: ActingUser,
        _ connection: any SQLConnection, at date: Date = Date()
    ) throws {
        if action == .update, changes.isEmpty { return }
        let entryNo = try EntrySequence.reserve("audit_entry", count: 1, connection) + 1
        let text = StoredAuditChanges.encode(changes)
        try connection.execute(
            """
            INSERT INTO audit_entry (entry_no, at, user_id, action, resource, resource_fold, record_key,
              record_key_fold, changes, changes_fold) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(entryNo), .text(StoredTime.text(date)), .text(user.userId), .text(action.rawValue),
                .text(resource),
                .text(CaseFold.fold(resource)), .text(key), .text(CaseFold.fold(key)), .text(text),
                .text(CaseFold.fold(text)),
            ])
    }

    /// Records the change of one record of a catalogued resource, field by field.
    static func record(
        _ action: AuditEntry.Action, _ spec: ResourceSpec, key: String, old: Record?, new: Record?,
        sent: Record? = nil, by user: ActingUser, _ connection: any SQLConnection
    ) throws {
        let changes = AuditChanges.between(old, new, fields: spec.fields, sent: sent)
        try record(action, spec.path, key: key, changes: changes, by: user, connection)
    }
}

/// How an entry's changes are kept in its `changes` column: `{"field": [old, new]}` as JSON, keys sorted.
enum StoredAuditChanges {
    static func encode(_ changes: [AuditChange]) -> String {
        var object: [String: [StoredValue]] = [:]
        for change in changes { object[change.field] = [StoredValue(change.old), StoredValue(change.new)] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, numbers, booleans, lists and objects always encode (a non-finite number becomes null).
        let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) throws -> [AuditChange] {
        let object: [String: [StoredValue]]
        do {
            object = try JSONDecoder().decode([String: [StoredValue]].self, from: Data(text.utf8))
        } catch {
            throw RapportError(.unavailable, "A stored audit entry has unreadable changes: \(error).")
        }
        return object.keys.sorted().map { field in
            let pair = object[field] ?? []
            return AuditChange(
                field, old: pair.first?.value ?? .null, new: pair.count > 1 ? pair[1].value : .null)
        }
    }

    /// An `AuditValue` in its natural JSON shape (not Swift's enum encoding).
    struct StoredValue: Codable {
        var value: AuditValue

        init(_ value: AuditValue) {
            self.value = value
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let flag = try? container.decode(Bool.self) {
                value = .bool(flag)
            } else if let number = try? container.decode(Int64.self) {
                value = .integer(number)
            } else if let number = try? container.decode(Double.self) {
                value = .number(number)
            } else if let text = try? container.decode(String.self) {
                value = .text(text)
            } else if let items = try? container.decode([StoredValue].self) {
                value = .list(items.map(\.value))
            } else {
                value = .object(try container.decode([String: StoredValue].self).mapValues(\.value))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch value {
            case .null: try container.encodeNil()
            case .bool(let flag): try container.encode(flag)
            case .integer(let number): try container.encode(number)
            case .number(let number): number.isFinite ? try container.encode(number) : try container.encodeNil()
            case .text(let text): try container.encode(text)
            case .list(let items): try container.encode(items.map(StoredValue.init))
            case .object(let members): try container.encode(members.mapValues(StoredValue.init))
            }
        }
    }
}
