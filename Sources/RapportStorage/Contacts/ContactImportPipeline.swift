import Foundation
import RapportCore

/// Reads and checks an import file's rows on a thread of its own and hands them over in chunks, so parsing
/// one chunk overlaps with writing the one before. At most `depth` chunks wait, so memory stays flat however
/// long the file. The consumer must call `stop()` when it is done, even when it gives up early.
final class ContactImportPipeline: @unchecked Sendable {
    /// What the reading thread hands over.
    enum Item {
        /// Parsed rows, the problems of the rows in between, and how many rows both stand for.
        case rows([StagedContact], problems: [Problem], count: Int)
        /// The file is not valid CSV: nothing after this.
        case failed(RapportError)
        case end
    }

    // Everything below is guarded by `condition` (hence `@unchecked Sendable`); the reader and columns are
    // used only by the reading thread once it has started.
    private let condition = NSCondition()
    private var queue: [Item] = []
    private var stopping = false
    private var running = false
    private var reader: CSVReader
    private let columns: ContactImportColumns
    private let chunkRows: Int
    private let depth: Int
    private var folds = CaseFoldMemo()

    init(reader: CSVReader, columns: ContactImportColumns, chunkRows: Int = 2_000, depth: Int = 4) {
        self.reader = reader
        self.columns = columns
        self.chunkRows = chunkRows
        self.depth = depth
    }

    /// Starts the reading thread.
    func start() {
        condition.withLock { running = true }
        let thread = Thread { [self] in produce() }
        thread.name = "rapport-import-reader"
        thread.start()
    }

    /// The next item, waiting for the reading thread when none is ready.
    func next() -> Item {
        condition.withLock {
            while queue.isEmpty { condition.wait() }
            let item = queue.removeFirst()
            condition.broadcast()
            return item
        }
    }

    /// Tells the reading thread to stop and waits until it has (it stops between chunks).
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
            while running { condition.wait() }
        }
    }

    private func produce() {
        defer {
            condition.withLock {
                running = false
                condition.broadcast()
            }
        }
        while true {
            let item = readChunk()
            let keepGoing = condition.withLock {
                while queue.count >= depth && !stopping { condition.wait() }
                guard !stopping else { return false }
                queue.append(item)
                condition.broadcast()
                if case .rows = item { return true }
                return false
            }
            if !keepGoing { return }
        }
    }

    private func readChunk() -> Item {
        var rows: [StagedContact] = []
        rows.reserveCapacity(chunkRows)
        var problems: [Problem] = []
        var count = 0
        do {
            while count < chunkRows, let record = try ContactImporter.readRecord(&reader) {
                count += 1
                do {
                    rows.append(try columns.parse(record, folds: &folds))
                } catch {
                    problems.append(Problem(row: record.line, field: error.field, message: error.message))
                }
            }
        } catch {
            return .failed(error)
        }
        return count == 0 ? .end : .rows(rows, problems: problems, count: count)
    }
}
