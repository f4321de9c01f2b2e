import Foundation
import RapportCore

/// Writes contacts in the CSV format the import reads, streaming page by page from one snapshot.
public struct ContactExporter: Sendable {
    let store: Store
    static let pageSize = 2000

    public init(store: Store) {
        self.store = store
    }

    /// Writes every contact matching `filters` to `sink`, in chunks of bytes; returns the count.
    public func export(
        filters: [(field: String, expression: String)],
        to sink: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws(RapportError) -> Int {
        let conditions = try ResourceFilter.conditions(filters, spec: Catalog.contacts, dialect: store.dialect)
        return try await store.read { connection in
            let table = ResourceTable(Catalog.contacts)
            var writer = CSVWriter()
            writer.append(ContactCSVFormat.header)
            var count = 0
            var afterKey: String?
            while true {
                let records = try table.list(where: conditions, afterKey: afterKey, limit: Self.pageSize, connection)
                for record in records {
                    writer.append(
                        ContactCSVFormat.columns.map {
                            CSVFormulaGuard.escape(ContactCSVFormat.cell($0, record))
                        })
                }
                count += records.count
                try sink(writer.take())
                guard records.count == Self.pageSize, let last = records.last else { break }
                afterKey = last.text("no")
            }
            return count
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
