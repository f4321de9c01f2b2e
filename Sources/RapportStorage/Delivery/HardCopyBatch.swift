import Foundation
import RapportCore
import RapportDocuments

/// A batch of claimed hard copies with what their merge needs: each entry's frozen merge values, and each
/// distinct source document once, however many entries use it.
public struct HardCopyBatch: Sendable {
    /// One claimed hard copy.
    public struct Letter: Sendable {
        public var entryNo: Int64
        public var documentSHA256: String
        public var attempts: Int
        /// The merge values given, or nil to read them from `snapshot`.
        let given: MergeFields?
        /// The entry's `merge_snapshot`, decoded on the merging threads rather than inside the claim.
        let snapshot: String

        /// The entry's merge values; nil when its snapshot cannot be read (it cannot be merged).
        public var fields: MergeFields? { given ?? MergeSnapshot.fields(snapshot, entryNo: entryNo) }

        public init(entryNo: Int64, documentSHA256: String, fields: MergeFields?, attempts: Int) {
            self.init(entryNo: entryNo, documentSHA256: documentSHA256, attempts: attempts, given: fields, snapshot: "")
        }

        init(entryNo: Int64, documentSHA256: String, attempts: Int, given: MergeFields?, snapshot: String) {
            self.entryNo = entryNo
            self.documentSHA256 = documentSHA256
            self.attempts = attempts
            self.given = given
            self.snapshot = snapshot
        }
    }

    /// What became of one letter.
    public struct Outcome: Sendable {
        public enum Result: Sendable {
            case merged([UInt8])
            case failed(String)
            /// The batch's time limit passed before this letter's turn: it goes back to the queue.
            case notStarted
        }

        public var entryNo: Int64
        public var result: Result
    }

    public var letters: [Letter]
    /// Source .docx bytes by SHA-256.
    public var documents: [String: [UInt8]]

    public var isEmpty: Bool { letters.isEmpty }

    public init(letters: [Letter], documents: [String: [UInt8]]) {
        self.letters = letters
        self.documents = documents
    }

    /// Merges every letter on the `BlockingWork` threads, never on the cooperative pool: each distinct document
    /// is compiled once, then the letters are shared out over `lanes` jobs that run side by side. A letter is not
    /// started once `timeLimit` has passed since the call; those come back `notStarted` (a letter under way
    /// finishes: its document passed the size and ratio limits when it was uploaded, so its merge is bounded).
    /// Outcomes come back in the letters' order.
    public func merge(lanes: Int, timeLimit: Duration) async -> [Outcome] {
        let deadline = ContinuousClock.now + timeLimit
        let documents = self.documents
        let compiled = await BlockingWork.run { Self.compile(documents) }
        let letters = self.letters
        let laneCount = max(1, min(lanes, letters.count))
        let parts = await withTaskGroup(of: (Int, [Outcome]).self) { group in
            for lane in 0..<laneCount {
                group.addTask {
                    let outcomes = await BlockingWork.run {
                        let compressors = Compressors()
                        return stride(from: lane, to: letters.count, by: laneCount).map { index in
                            Self.merge(letters[index], compiled, compressors, deadline: deadline)
                        }
                    }
                    return (lane, outcomes)
                }
            }
            var parts: [[Outcome]] = Array(repeating: [], count: laneCount)
            for await (lane, outcomes) in group { parts[lane] = outcomes }
            return parts
        }
        // Lane `l` merged letters l, l + laneCount, ...: put them back in order.
        return letters.indices.map { index in parts[index % laneCount][index / laneCount] }
    }

    /// Each document compiled, or the reason it cannot be.
    static func compile(_ documents: [String: [UInt8]]) -> [String: Result<MergeTemplate, RapportError>] {
        documents.mapValues { bytes in Result { () throws(RapportError) in try DocumentService.validate(bytes) } }
    }

    static func merge(
        _ letter: Letter, _ compiled: [String: Result<MergeTemplate, RapportError>], _ compressors: Compressors,
        deadline: ContinuousClock.Instant
    ) -> Outcome {
        guard ContinuousClock.now < deadline else { return Outcome(entryNo: letter.entryNo, result: .notStarted) }
        guard let fields = letter.fields else {
            return Outcome(entryNo: letter.entryNo, result: .failed("The entry's merge values cannot be read."))
        }
        switch compiled[letter.documentSHA256] {
        case .success(let template)?:
            do {
                let bytes = try template.merge(
                    fields.map, locale: MergedDocumentService.locale(fields), reusing: compressors)
                return Outcome(entryNo: letter.entryNo, result: .merged(bytes))
            } catch {
                return Outcome(entryNo: letter.entryNo, result: .failed("The letter could not be merged: \(error)"))
            }
        case .failure(let error)?:
            return Outcome(entryNo: letter.entryNo, result: .failed(error.message))
        case nil:
            return Outcome(entryNo: letter.entryNo, result: .failed("The entry's Word document is missing."))
        }
    }
}
