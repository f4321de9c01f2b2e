import RapportCore

/// Deterministic demo data for trying Rapport out: master data as API request bodies, and contacts as a
/// file for `POST /contacts/import`.
///
/// Everything is generated in memory from fixed tables and a seeded generator, so the same seed always
/// gives the same bytes: demos, screenshots and benchmarks can be reproduced, and tests can pin exact
/// counts. The contacts refer only to codes that `masterData()` creates, so loading the master data
/// first and then importing the CSV succeeds on an empty database.
///
/// Every e-mail address is under the reserved `.example` top-level domain (RFC 2606), and UK telephone
/// numbers are taken from Ofcom's ranges for drama, so logging a demo segment with sending switched on
/// cannot reach a real person.
public enum DemoData {
    /// The seed `contactsCSV` uses when none is given; `masterData()` numbers its contact series after
    /// the contacts generated with it.
    public static let defaultSeed: UInt64 = 20_261_127

    /// How many companies `contactsCSV` makes when not told otherwise.
    public static let defaultCompanies = 500

    /// How many persons each company gets when not told otherwise.
    public static let defaultPersonsPerCompany: ClosedRange<Int> = 3...8

    /// The user a demo installation is set up with: a marketer whose default salesperson is JO.
    public static let demoUser = DemoUser(
        userId: "DEMO", password: "rapport-demo", role: "marketer", salespersonCode: "JO")

    /// An admin of the demo installation, for the setup pages.
    public static let demoAdmin = DemoUser(
        userId: "DEMOADMIN", password: "rapport-admin", role: "admin", salespersonCode: "JO")
}

/// The sign-in of a demo installation, as the body of `POST /users` takes it.
public struct DemoUser: Sendable, Equatable {
    /// The user's id (`userId`).
    public var userId: String
    /// The web UI password; public on purpose, as it only ever guards demo data.
    public var password: String
    /// The role's raw value (`viewer`, `marketer` or `admin`).
    public var role: String
    /// The salesperson new segments default to.
    public var salespersonCode: String

    /// Creates a demo user.
    public init(userId: String, password: String, role: String, salespersonCode: String) {
        self.userId = userId
        self.password = password
        self.role = role
        self.salespersonCode = salespersonCode
    }
}
