/// The SQLite schema, one migration per file in this folder.
///
/// APPEND-ONLY. A migration that has shipped is never edited, reordered or removed: databases that
/// ran it will not run it again. A change to the schema is a new numbered migration, written for both
/// dialects (this folder and `../PostgreSQL`), appended to both lists, with its checksums added to
/// `MigrationChecksumTests`.
enum SQLiteMigrations {
    static let all: [Migration] = [
        masterData, contacts, users, segments, logging, documents, delivery,
        interactionLog, security, frozenDocuments, sessionsJobs, segmentVersions, logRollback,
        logRecord, logCounters, livingSegments, pacedSending, contactFilterIndexes, followUpAndEntryIndexes,
        excludedContactsIndex, listIndexes, journalWithoutKey, deliveryQueueIndexes, lighterEntryUpkeep,
        segmentLineEstimates, segmentLineCounters, unseenContactsStayUnwritten, statementLevelKeys, linesWithACampaign,
        statementLevelBlobKeys,
    ]
}
