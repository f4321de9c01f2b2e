import Foundation
import RapportCore
import RapportStorage

/// Fills an empty database with the demo company, through the same use cases users have: the master
/// data as a master-data file, the contacts as a CSV import, then the demo users (recorded in the audit trail
/// as the command line's work).
public struct DemoSeeder: Sendable {
    let contacts: ResourceService
    let masterData: MasterDataImporter
    let contactImporter: ContactImporter
    let users: UserService
    /// Where the contacts file is written for the import.
    let temporaryDirectory: String

    public init(
        contacts: ResourceService, masterData: MasterDataImporter, contactImporter: ContactImporter,
        users: UserService, temporaryDirectory: String
    ) {
        self.contacts = contacts
        self.masterData = masterData
        self.contactImporter = contactImporter
        self.users = users
        self.temporaryDirectory = temporaryDirectory
    }

    /// What seeding did.
    public struct Outcome: Sendable {
        public var seeded: Bool
        public var contacts: Int
    }

    /// Seeds when the database has no contacts yet; leaves a used database alone.
    public func seedIfEmpty() async throws(RapportError) -> Outcome {
        let existing = try await contacts.count()
        guard existing == 0 else { return Outcome(seeded: false, contacts: existing) }
        _ = try await masterData.importDocument(try DemoData.masterData(), by: .commandLine)
        let path = URL(fileURLWithPath: temporaryDirectory).appendingPathComponent(
            "rapport-demo-\(UUID().uuidString).csv"
        ).path
        try OutputFile.write(DemoData.contactsCSV(), to: path, what: "the demo contacts")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await contactImporter.importFile(at: path, by: .commandLine)
        for user in [DemoData.demoUser, DemoData.demoAdmin] {
            var record = Record(defaultsOf: Catalog.users.fields)
            record["userId"] = .text(user.userId)
            record["role"] = .text(user.role)
            record["salespersonCode"] = .text(user.salespersonCode)
            record["password"] = .text(user.password)
            _ = try await users.create(record, by: .commandLine)
        }
        try await DemoStory(store: contacts.underlyingStore).tell()
        return Outcome(seeded: true, contacts: result.created)
    }
}
