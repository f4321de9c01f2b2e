import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the application until SIGTERM or SIGINT, then stops it gracefully: the server stops accepting and
/// finishes the requests under way, the background services stop in turn (running jobs get what is left of the
/// time), and whatever is still running after `gracePeriod` is cancelled. Returns normally after a graceful stop,
/// so `serve` exits 0.
public func runUntilStopped(
    _ application: some ApplicationProtocol, gracePeriod: Duration = .seconds(30), logger: Logger
) async throws {
    // Services stop in reverse order: the notice first, so the log says when stopping began.
    var configuration = ServiceGroupConfiguration(
        services: [application, StopNotice(logger: logger)], gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger)
    configuration.maximumGracefulShutdownDuration = gracePeriod
    configuration.maximumCancellationDuration = .seconds(5)
    try await ServiceGroup(configuration: configuration).run()
    logger.info("stopped")
}

/// Says in the log that a graceful stop has begun (operators, and the lifecycle check, wait for this line).
struct StopNotice: Service {
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        logger.info("stopping: no new connections; finishing the requests and jobs under way")
    }
}
