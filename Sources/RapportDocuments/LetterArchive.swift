import Dispatch

/// One letter of an archive of letters: the member name (e.g. `Acme - Ada Lovelace.docx`) and the contact's values.
public struct MergeLetter: Sendable {
    /// The member name in the archive, unique within it.
    public var name: String
    /// Field name → value for this contact.
    public var values: [String: String]

    /// A letter named `name` merged with `values`.
    public init(name: String, values: [String: String]) {
        self.name = name
        self.values = values
    }
}

extension MergeTemplate {
    /// Merges many contacts into one archive of letters ("Segment <No>.zip"), each member a complete .docx.
    ///
    /// Letters are merged `parallelism` at a time and written in the given order; members are stored, not deflated
    /// again, since a .docx is compressed already. Memory stays bounded by one batch of letters, so `archive` can
    /// stream any number of them to a file. Member names must be unique (`DocumentError.duplicateEntryName`).
    public func mergeLetters(
        _ letters: some Collection<MergeLetter>, into archive: inout ZIPWriter, locale: MergeLocale = .english,
        parallelism: Int = 2
    ) throws {
        let workers = max(1, parallelism)
        let batchSize = 32 * workers
        var batch: [MergeLetter] = []
        batch.reserveCapacity(batchSize)
        func flush() throws {
            let documents = try Self.parallelMap(batch.count, parallelism: workers) { index in
                let bytes = try merge(batch[index].values, locale: locale)
                return (bytes, Zlib.crc32(bytes))
            }
            for (index, document) in documents.enumerated() {
                try archive.addRawEntry(
                    name: batch[index].name, method: .stored, crc32: document.1, uncompressedSize: document.0.count,
                    data: document.0[...])
            }
            batch.removeAll(keepingCapacity: true)
        }
        for letter in letters {
            batch.append(letter)
            if batch.count == batchSize { try flush() }
        }
        if !batch.isEmpty { try flush() }
    }

    /// Computes `body(0..<count)` on `parallelism` threads, keeping the order; rethrows the first error by index.
    public static func parallelMap<T>(_ count: Int, parallelism: Int, _ body: (Int) throws -> T) throws -> [T] {
        guard count > 0 else { return [] }
        let results = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let workers = min(parallelism, count)
        withoutActuallyEscaping(body) { body in
            // Each worker writes only its own indices (stride), so the slots are never shared.
            nonisolated(unsafe) let slots = results
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: count, by: workers) {
                    slots[index] = Result { try work(index) }
                }
            }
        }
        var output: [T] = []
        output.reserveCapacity(count)
        for slot in results {
            guard let slot else { throw DocumentError.corrupt("a parallel merge did not run") }
            output.append(try slot.get())
        }
        return output
    }
}
