/// What a criteria action does to the segment (BC's "Segment Criteria Line Action").
public enum CriteriaActionKind: String, Sendable, CaseIterable {
    case add
    case reduce
    case refine

    /// The name BC shows in the criteria list.
    public var caption: String {
        switch self {
        case .add: "Add Contacts"
        case .reduce: "Reduce Contacts"
        case .refine: "Refine Contacts"
        }
    }
}

/// The options of Add Contacts (the first four) and Reduce/Refine (Entire Companies).
public struct CriteriaOptions: Sendable, Equatable {
    public var allowExistingContacts = false
    public var expandCompanies = false
    public var allowRelatedCompanies = false
    public var ignoreExclusion = false
    public var entireCompanies = false

    public init(
        allowExistingContacts: Bool = false, expandCompanies: Bool = false,
        allowRelatedCompanies: Bool = false, ignoreExclusion: Bool = false, entireCompanies: Bool = false
    ) {
        self.allowExistingContacts = allowExistingContacts
        self.expandCompanies = expandCompanies
        self.allowRelatedCompanies = allowRelatedCompanies
        self.ignoreExclusion = ignoreExclusion
        self.entireCompanies = entireCompanies
    }

    /// The options that are on, by their captions.
    var captions: [String] {
        [
            (allowExistingContacts, "Allow Existing Contacts"), (expandCompanies, "Expand Companies"),
            (allowRelatedCompanies, "Allow Related Companies"), (ignoreExclusion, "Ignore Exclusion"),
            (entireCompanies, "Entire Companies"),
        ].filter(\.0).map(\.1)
    }
}

/// One criteria action: what it did, with which options and filters. Every run of Add, Reduce or
/// Refine, and every manual line change, is one of these, so Go Back can undo it and Save Criteria
/// can replay it.
public struct CriteriaAction: Sendable, Equatable {
    public var kind: CriteriaActionKind
    public var options: CriteriaOptions
    public var filters: SegmentFilters

    public init(
        kind: CriteriaActionKind, options: CriteriaOptions = CriteriaOptions(),
        filters: SegmentFilters = SegmentFilters()
    ) {
        self.kind = kind
        self.options = options
        self.filters = filters
    }

    /// `Add Contacts (Expand Companies): Mailing Group = NEWS; Contact: Salesperson Code = JO|RB`.
    public var text: String {
        let options = self.options.captions
        let head = kind.caption + (options.isEmpty ? "" : " (\(options.joined(separator: ", ")))")
        return head + ": " + (filters.isEmpty ? "all contacts" : filters.text)
    }

    /// A manual line change: the contact by its number.
    public static func manual(_ kind: CriteriaActionKind, contactNo: String) -> CriteriaAction {
        let entry = FilterExpression.literal(contactNo, as: .code).map {
            SegmentFilters.Entry(table: .contact, field: FilterTable.contact.fields[0], expression: $0)
        }
        return CriteriaAction(kind: kind, filters: SegmentFilters(entries: entry.map { [$0] } ?? []))
    }
}

extension CriteriaAction {
    /// The option names a request may send for `kind`: Add's four, or Reduce/Refine's Entire Companies.
    public static func optionNames(for kind: CriteriaActionKind) -> [String] {
        kind == .add
            ? ["allowExistingContacts", "expandCompanies", "allowRelatedCompanies", "ignoreExclusion"]
            : ["entireCompanies"]
    }
}

extension CriteriaOptions {
    /// Sets the option named as in the API (`expandCompanies`); false for a name that is not an option.
    @discardableResult
    public mutating func set(_ name: String, _ flag: Bool) -> Bool {
        switch name {
        case "allowExistingContacts": allowExistingContacts = flag
        case "expandCompanies": expandCompanies = flag
        case "allowRelatedCompanies": allowRelatedCompanies = flag
        case "ignoreExclusion": ignoreExclusion = flag
        case "entireCompanies": entireCompanies = flag
        default: return false
        }
        return true
    }
}

extension FilterExpression {
    /// An expression matching exactly one value (quoted, so operators in it stay literal).
    static func literal(_ value: String, as type: FilterValueType) -> FilterExpression? {
        try? FilterExpression.parse("'" + value.replacingOccurrences(of: "'", with: "''") + "'", as: type)
    }
}
