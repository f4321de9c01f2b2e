import Foundation

/// One change the audit trail recorded: who did what to which record, and each changed field's old and
/// new value. Written in the same transaction as the change, so the trail holds exactly what committed.
/// Passwords, password hashes and token secrets never appear: a secret shows only that it changed.
public struct AuditEntry: Sendable, Equatable {
    public typealias EntryNo = Number<AuditEntry>

    /// What happened to the record.
    public enum Action: String, Sendable, CaseIterable {
        case create, update, delete, cancel, issue, revoke
    }

    public var entryNo: EntryNo
    public var at: Date
    /// The user the change was made for (`CLI` for the command line).
    public var userId: String
    public var action: Action
    /// The API path's collection name: `setup`, `users`, `tokens`, `mailing-groups`, `logged-segments`...
    public var resource: String
    /// The record's key within `resource` (`JO`, `SEG00001`, `LETTER/languages/EN`).
    public var key: String
    /// The changed fields in name order.
    public var changes: [AuditChange]

    public init(
        entryNo: EntryNo, at: Date, userId: String, action: Action, resource: String, key: String,
        changes: [AuditChange]
    ) {
        self.entryNo = entryNo
        self.at = at
        self.userId = userId
        self.action = action
        self.resource = resource
        self.key = key
        self.changes = changes
    }
}

/// One field's value before and after a change (null where the record did not exist).
public struct AuditChange: Sendable, Equatable {
    public var field: String
    public var old: AuditValue
    public var new: AuditValue

    public init(_ field: String, old: AuditValue, new: AuditValue) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// What a secret (a password) shows instead of its value when it was sent.
    public static let hidden = AuditValue.text("(hidden)")
    public static let changed = AuditValue.text("(changed)")
    public static let cleared = AuditValue.text("(cleared)")
}

/// A field value as the trail keeps it: the shapes a record's fields take.
public indirect enum AuditValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case text(String)
    case list([AuditValue])
    case object([String: AuditValue])

    /// Null, empty text and an empty list all mean "nothing": a change between them is no change.
    public var isBlank: Bool {
        switch self {
        case .null: true
        case .text(let text): text.isEmpty
        case .list(let items): items.isEmpty
        default: false
        }
    }

    /// The value as one line of text, for pages and messages.
    public var text: String {
        switch self {
        case .null: ""
        case .bool(let flag): flag ? "yes" : "no"
        case .integer(let number): String(number)
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .text(let text): text
        case .list(let items): items.map(\.text).joined(separator: ", ")
        case .object(let members):
            members.keys.sorted().map { "\($0): \(members[$0]?.text ?? "")" }.joined(separator: "; ")
        }
    }
}
