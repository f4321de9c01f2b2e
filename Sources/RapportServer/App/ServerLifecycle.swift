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
    var configuration = ServiceGroupConfiguration(
        services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    configuration.maximumGracefulShutdownDuration = gracePeriod
    configuration.maximumCancellationDuration = .seconds(5)
    try await ServiceGroup(configuration: configuration).run()
}
