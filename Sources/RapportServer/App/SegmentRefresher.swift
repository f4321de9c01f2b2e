import Logging
import RapportCore
import RapportStorage
import ServiceLifecycle

/// Keeps every dynamic segment within its freshness target: every tick it refreshes the segments whose next
/// refresh is due, most overdue first. Every instance runs one; a refresh claims its segment inside the write
/// transaction (writes are serialised, and a refreshed segment is no longer due), so two instances never
/// refresh the same segment for the same changes. A graceful shutdown ends the loop between refreshes.
public struct SegmentRefresher: Service {
    let refreshes: SegmentRefreshService
    let interval: Duration
    let logger: Logger

    public init(
        refreshes: SegmentRefreshService, interval: Duration = .seconds(2),
        logger: Logger = Logger(label: "rapport.segment-refresher")
    ) {
        self.refreshes = refreshes
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await refreshDue()
                // A graceful shutdown cancels the wait, and the loop ends.
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Refreshes every segment that is due now; returns their numbers. A failure is logged and retried next tick.
    @discardableResult
    public func refreshDue() async -> [Segment.No] {
        var refreshed: [Segment.No] = []
        do {
            while !Task.isCancelled, let segmentNo = try await refreshes.refreshNextDue() {
                refreshed.append(segmentNo)
            }
        } catch {
            guard !Task.isCancelled else { return refreshed }
            logger.error("segment refresh failed", metadata: ["error": "\(error)"])
        }
        return refreshed
    }
}
