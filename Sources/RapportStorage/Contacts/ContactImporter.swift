import RapportCore

/// Imports the contacts CSV in one transaction, set-based: rows stream into staging tables, every
/// check runs as one statement over the whole file, and contacts and their relations are upserted
/// with a handful of `INSERT ... SELECT`s. Any bad row refuses the whole file, listing every problem.
public struct ContactImporter: Sendable {
    /// How many created and updated, and what is left to settle once that is recorded.
    public struct Result: Sendable, Equatable {
        public var created: Int
        public var updated: Int
        /// The tables a first load filled (with their indexes set aside), where the backend settles them
        /// (`settle(_:)`); empty otherwise.
        public var loadedTables: [String] = []
    }

    /// Where a long import is, for a progress display.
    public enum Progress: Sendable {
        case reading(rows: Int)
        case checking(rows: Int)
        case writing(rows: Int)
    }

    /// Problems listed in one refusal; a file with more says how many were left out.
    static let maxProblems = 1000

    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Imports the file in one transaction; the audit trail records the import as one entry with its counts
    /// (a file may hold millions of contacts).
    public func importFile(
        at path: String, by user: ActingUser, progress: (@Sendable (Progress) -> Void)? = nil
    )
        async throws(RapportError) -> Result
    {
        let ownKeyChecks = try await store.read { try ContactImportForeignKeys.checkedByImport($0) }
        var result = try await store.write("import contacts", checkingOwnForeignKeys: ownKeyChecks) { connection in
            var staging = try ContactImportStaging(connection)
            defer { staging.drop() }
            var reader: CSVReader
            do {
                reader = try CSVReader(path: path)
            } catch let error as CSVError {
                throw RapportError.validation("file", "The file cannot be read: \(error.message)")
            }
            var problems = ProblemList(limit: Self.maxProblems)
            let rows = try Self.load(&reader, into: &staging, problems: &problems, progress: progress)
            progress?(.checking(rows: rows))
            try ContactImportChecks(connection: connection, columns: staging.columns).run(into: &problems)
            try problems.throwIfAny(rows: rows)
            progress?(.writing(rows: rows))
            let result = try staging.commit()
            try AuditTrail.record(
                .update, Catalog.contacts.path, key: "import",
                changes: [
                    AuditChange("created", old: .null, new: .integer(Int64(result.created))),
                    AuditChange("updated", old: .null, new: .integer(Int64(result.updated))),
                ], by: user, connection)
            return result
        }
        if !store.database.settlesLoadedTables { result.loadedTables = [] }
        return result
    }

    /// Settles the rows a first load wrote (PostgreSQL's `VACUUM` of the tables it filled; nothing on SQLite), so
    /// that the first reads need not. A million rows just inserted carry no hint bits or visibility map: the first
    /// scans look each row's transaction up and write its page back while autovacuum starts on the same tables
    /// (the export right after a first import of the 1M bench took 8.7 s instead of 7.0 s).
    ///
    /// Call it only once the import's outcome is recorded (its job finished, its answer given): the import has
    /// committed, and a failed, cancelled or interrupted settle loses nothing, it only leaves the work to the first
    /// reads. Cancelling the calling task stops it.
    public func settle(_ result: Result) async throws(RapportError) {
        try await store.settle(afterLoading: result.loadedTables)
    }

    /// Reads the header and every row into staging; rows with bad cells are reported, not staged. The rows are
    /// read and checked on another thread while this one writes them (`ContactImportPipeline`).
    static func load(
        _ reader: inout CSVReader, into staging: inout ContactImportStaging, problems: inout ProblemList,
        progress: (@Sendable (Progress) -> Void)?
    ) throws -> Int {
        guard let header = try readRecord(&reader) else {
            throw RapportError.validation("file", "The file is empty; it needs a header row naming the fields.")
        }
        let columns = try ContactImportColumns(header: header.fields)
        try staging.prepare(columns)
        let pipeline = ContactImportPipeline(reader: reader, columns: columns)
        pipeline.start()
        defer { pipeline.stop() }
        var rows = 0
        var reported = 0
        while true {
            switch pipeline.next() {
            case .rows(let staged, let found, let count):
                for contact in staged { try staging.stage(contact) }
                for problem in found { problems.append(problem) }
                rows += count
                if rows - reported >= 100_000 {
                    reported = rows
                    progress?(.reading(rows: rows))
                }
            case .failed(let error):
                throw error
            case .end:
                try staging.flush()
                progress?(.reading(rows: rows))
                return rows
            }
        }
    }

    static func readRecord(_ reader: inout CSVReader) throws(RapportError) -> CSVRecord? {
        do {
            return try reader.next()
        } catch {
            throw RapportError(
                .validationFailed, "The file is not valid CSV: \(error.message)", field: "file",
                details: [Problem(row: error.line, field: nil, message: error.message)])
        }
    }
}

/// Collects row problems up to a limit, counting the rest.
struct ProblemList {
    let limit: Int
    private(set) var problems: [Problem] = []
    private(set) var count = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ problem: Problem) {
        count += 1
        if problems.count < limit { problems.append(problem) }
    }

    /// Counts problems a check found beyond the ones it kept, which could not be listed anyway.
    mutating func countUnlisted(_ more: Int) {
        count += more
    }

    func throwIfAny(rows: Int) throws(RapportError) {
        guard count > 0 else { return }
        let sorted = problems.sorted { ($0.row ?? 0, $0.field ?? "") < ($1.row ?? 0, $1.field ?? "") }
        let more = count > problems.count ? " (the first \(problems.count) are listed)" : ""
        throw RapportError(
            .validationFailed, "The file has \(count) problem(s)\(more); nothing was imported.", field: "file",
            details: sorted)
    }
}
