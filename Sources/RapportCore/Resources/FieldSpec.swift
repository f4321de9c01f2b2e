/// What a field holds, and so how it is read from JSON, stored and filtered.
public enum FieldKind: Sendable {
    /// BC `Code[n]`: trimmed, upper-cased, at most n characters.
    case code(maxLength: Int)
    case text(maxLength: Int)
    case boolean
    case decimal
    case integer
    /// `YYYY-MM-DD`, stored as text so binary order is date order.
    case date
    /// One of the listed API spellings, or null.
    case enumeration([String])
    /// A code naming a record of another resource; blank is stored as NULL.
    case reference(ReferenceTarget)
    /// A set of codes kept in a link table (a contact's mailing groups).
    case codeList(CodeListLink)
    /// Owned child records kept in their own table and replaced as a whole on write.
    case children(ChildCollection)
    /// Written, never read back (passwords).
    case secret(maxLength: Int)
}

/// The table and key a reference points at, and how to name it in messages.
public struct ReferenceTarget: Sendable {
    public var table: String
    public var keyColumn: String
    public var label: String
    public var maxLength: Int

    public init(table: String, keyColumn: String = "code", label: String, maxLength: Int = 10) {
        self.table = table
        self.keyColumn = keyColumn
        self.label = label
        self.maxLength = maxLength
    }
}

/// A link table `(ownerColumn, codeColumn)` whose codes point at `target`.
public struct CodeListLink: Sendable {
    public var table: String
    public var ownerColumn: String
    public var codeColumn: String
    public var target: ReferenceTarget
    /// The owner column to match when filtering: industry groups hang off the contact's company.
    public var filterOwnerColumn: String

    public init(
        table: String, ownerColumn: String, codeColumn: String = "code", target: ReferenceTarget,
        filterOwnerColumn: String = "no"
    ) {
        self.table = table
        self.ownerColumn = ownerColumn
        self.codeColumn = codeColumn
        self.target = target
        self.filterOwnerColumn = filterOwnerColumn
    }
}

/// Child rows of a resource (salutation formulas, questionnaire lines, profile answers).
public struct ChildCollection: Sendable {
    public var table: String
    public var ownerColumn: String
    public var fields: [FieldSpec]
    /// The child fields its rows are listed by, within one parent.
    public var orderBy: [String]
    /// Child fields whose combination must be unique within one parent.
    public var uniqueFields: [String]

    public init(table: String, ownerColumn: String, fields: [FieldSpec], orderBy: [String], uniqueFields: [String]) {
        self.table = table
        self.ownerColumn = ownerColumn
        self.fields = fields
        self.orderBy = orderBy
        self.uniqueFields = uniqueFields
    }
}

/// Who may see or set a field.
public enum FieldAccess: Sendable, Equatable {
    case readWrite
    /// Read-only and computed by the store from related records (a segment's number of lines).
    case computed
    /// Read-only and stored: maintained by the rules, ignored in request bodies.
    case readOnly
}

/// One field of a resource: its JSON name (dotted for nested objects), column and rules.
public struct FieldSpec: Sendable {
    public var name: String
    public var column: String
    public var kind: FieldKind
    public var isRequired: Bool
    public var access: FieldAccess
    public var defaultValue: SQLValue
    /// Keeps a `<column>_fold` shadow column with the case-folded text, for `@` and wildcard filters.
    public var isFolded: Bool
    public var summary: String

    public init(
        _ name: String, column: String? = nil, _ kind: FieldKind, required: Bool = false,
        access: FieldAccess = .readWrite, default defaultValue: SQLValue? = nil, folded: Bool = false,
        summary: String = ""
    ) {
        self.name = name
        self.column = column ?? FieldSpec.snakeCase(name)
        self.kind = kind
        self.isRequired = required
        self.access = access
        self.defaultValue = defaultValue ?? FieldSpec.naturalDefault(kind)
        self.isFolded = folded
        self.summary = summary
    }

    /// `salespersonCode` → `salesperson_code`; `companyInformation.name` → `company_information_name`.
    public static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character == "." {
                out.append("_")
            } else if character.isUppercase {
                out.append("_")
                out.append(contentsOf: character.lowercased())
            } else {
                out.append(character)
            }
        }
        return out
    }

    static func naturalDefault(_ kind: FieldKind) -> SQLValue {
        switch kind {
        case .code, .text: .text("")
        case .boolean: .integer(0)
        case .decimal: .real(0)
        case .integer: .integer(0)
        case .date, .enumeration, .reference, .codeList, .children, .secret: .null
        }
    }

    /// Whether the field is a column of the resource's own table.
    public var isColumn: Bool {
        switch kind {
        case .codeList, .children: false
        default: if case .computed = access { false } else { true }
        }
    }

    public var isWritable: Bool { access == .readWrite }
}
