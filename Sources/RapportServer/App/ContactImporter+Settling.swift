import RapportStorage

extension ContactImporter {
    /// The follow-up that settles what `result` loaded, for `JobRunner.afterwards` once the import's outcome is
    /// recorded (the web's job, the API's answer); nil when there is nothing to settle.
    func settling(_ result: Result) -> (name: String, work: @Sendable () async throws -> Void)? {
        guard !result.loadedTables.isEmpty else { return nil }
        return ("settle the imported contacts (VACUUM of the tables a first load filled)", { try await settle(result) })
    }
}
