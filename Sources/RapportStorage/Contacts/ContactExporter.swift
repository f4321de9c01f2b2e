import Foundation
import RapportCore

/// Writes contacts in the CSV format the import reads, streamed a chunk at a time from one snapshot: the
/// database builds each cell's text (`ContactCSVQuery`) and its bytes go on to the output as they came
/// (`ContactCSVExport`), on SQLite and PostgreSQL alike.
public struct ContactExporter: Sendable {
    let store: Store
    /// Contacts read per chunk (the tests make it small to cross chunk boundaries).
    let chunkSize: Int

    public init(store: Store) {
        self.init(store: store, chunkSize: ContactCSVExport.chunkSize)
    }

    package init(store: Store, chunkSize: Int) {
        self.store = store
        self.chunkSize = max(1, chunkSize)
    }

    /// Writes every contact matching `filters` to `sink`, in chunks of bytes; returns the count.
    public func export(
        filters: [(field: String, expression: String)],
        to sink: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws(RapportError) -> Int {
        let conditions = try ResourceFilter.conditions(filters, spec: Catalog.contacts, dialect: store.dialect)
        let chunkSize = self.chunkSize
        return try await store.readInParallel { connection, lists in
            try ContactCSVExport.write(
                ContactCSVQuery.contacts(where: conditions), connection, lists: lists, chunkSize: chunkSize, to: sink)
        }
    }

    /// Exports into a file (the CLI's `--output`, and the HTTP answer's spool file).
    public func export(
        filters: [(field: String, expression: String)], toFile path: String
    )
        async throws(RapportError) -> Int
    {
        try await OutputFile.write(to: path, what: "the contacts export") { file throws(RapportError) in
            try await export(filters: filters, to: { try file.write($0) })
        }
    }
}
