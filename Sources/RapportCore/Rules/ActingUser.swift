/// The roles of the API contract, from least to most allowed.
public enum Role: String, Sendable, CaseIterable, Comparable {
    case viewer
    case marketer
    case admin

    var rank: Int {
        switch self {
        case .viewer: 0
        case .marketer: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// The authenticated user a request acts for; use cases stamp its id on what they record.
public struct ActingUser: Sendable, Equatable {
    public var userId: String
    public var role: Role
    public var salespersonCode: String?

    public init(userId: String, role: Role, salespersonCode: String? = nil) {
        self.userId = userId
        self.role = role
        self.salespersonCode = salespersonCode
    }

    /// Who acts for the command line (`rapport import`, `rapport user`, seeding the demo): the operator at the
    /// machine, recorded as `CLI` in the audit trail.
    public static let commandLine = ActingUser(userId: "CLI", role: .admin)

    /// Refuses the operation unless the user has at least `role`.
    public func require(_ role: Role) throws(RapportError) {
        guard self.role >= role else {
            throw RapportError(
                .forbidden, "This needs the \(role.rawValue) role; \(userId) is a \(self.role.rawValue).")
        }
    }
}
