import Foundation
import RapportCore
import RapportPostgres
import RapportSQLite
import RapportServer
import RapportStorage

/// Opens the database a `--db` value names and brings its schema up to date: the composition root
/// for every command.
public enum DatabaseOpener {
    /// Why a database could not be opened, for the CLI's exit codes.
    public enum Failure: Error, CustomStringConvertible {
        /// The backend is not available (a PostgreSQL server that does not answer).
        case unavailable(String)
        /// The file cannot be created or opened.
        case cannotCreate(String)

        public var description: String {
            switch self {
            case .unavailable(let message), .cannotCreate(let message): message
            }
        }
    }

    /// Opens the database at `location` and builds the services over it; without a `configuration`, it is
    /// read from the environment (`ServicesConfiguration.fromEnvironment`).
    public static func open(
        _ location: String, configuration: ServicesConfiguration? = nil
    ) async throws -> RapportServices {
        let configuration = try configuration ?? ServicesConfiguration.fromEnvironment()
        let database: any SQLDatabase
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            do {
                database = try await PostgresDatabase(url: location)
                try await Migrator.migrate(database)
            } catch let error as StorageError {
                throw Failure.unavailable("Cannot open the database \(redacted(location)): \(error)")
            }
        } else {
            do {
                if location != ":memory:" { try ensureWritableDirectory(for: location) }
                database = try SQLiteDatabase(path: location)
                try await Migrator.migrate(database)
            } catch let error as StorageError {
                throw Failure.cannotCreate("Cannot open the database \(location): \(error)")
            }
        }
        let store = Store(database)
        // Documents stored before their hashes were kept get them once, here, not on Log's path.
        try await LegacyDocumentHashes.fill(store: store)
        return RapportServices(store: store, configuration: configuration)
    }

    /// A URL without its password, for messages.
    static func redacted(_ location: String) -> String {
        guard var components = URLComponents(string: location), components.password != nil else { return location }
        components.password = "***"
        return components.string ?? location
    }

    static func ensureWritableDirectory(for path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.cannotCreate("The folder \(directory) does not exist.")
        }
        let exists = FileManager.default.fileExists(atPath: path)
        guard
            exists
                ? FileManager.default.isWritableFile(atPath: path)
                : FileManager.default.isWritableFile(atPath: directory)
        else {
            throw Failure.cannotCreate("\(exists ? path : directory) is not writable.")
        }
    }
}
