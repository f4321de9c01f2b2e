import Foundation
import RapportCore
import RapportStorage

/// Fills an empty database with the demo company, through the same import paths users have.
public struct DemoSeeder: Sendable {
    let services: RapportServices

    public init(services: RapportServices) {
        self.services = services
    }

    /// What seeding did.
    public struct Outcome: Sendable {
        public var seeded: Bool
        public var contacts: Int
    }

    /// Seeds when the database has no contacts yet; leaves a used database alone.
    public func seedIfEmpty() async throws(RapportError) -> Outcome {
        let existing = try await services.store.read { connection in
            try connection.scalar("SELECT COUNT(*) FROM contact")?.intValue ?? 0
        }
        guard existing == 0 else { return Outcome(seeded: false, contacts: Int(existing)) }
        _ = try await services.masterDataImporter.importDocument(DemoData.masterData())
        let path = URL(fileURLWithPath: services.temporaryDirectory).appendingPathComponent(
            "rapport-demo-\(UUID().uuidString).csv"
        ).path
        try OutputFile.write(DemoData.contactsCSV(), to: path, what: "the demo contacts")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await services.contactImporter.importFile(at: path)
        for user in [DemoData.demoUser, DemoData.demoAdmin] {
            _ = try await services.users.create(
                .object(
                    JSONObject([
                        ("userId", .string(user.userId)), ("role", .string(user.role)),
                        ("salespersonCode", .string(user.salespersonCode)), ("password", .string(user.password)),
                    ])))
        }
        return Outcome(seeded: true, contacts: result.created)
    }
}
