import Foundation
import Hummingbird
import Logging
import RapportCore
import RapportStorage
import ServiceLifecycle

/// How the server is started: where it listens and how the admin signs in.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var adminToken: String?
    /// Whether this process delivers logged entries in the background (tests drive delivery themselves).
    public var runsDelivery: Bool
    /// The folder of the web UI's `templates/` and `static/`; nil for the ones built with the program.
    public var webDirectory: URL?
    /// The bearer token `/metrics` asks for; nil or empty leaves it open (on a port only the scraper reaches).
    public var metricsToken: String?
    /// The proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    public var trustedProxies: TrustedProxies

    public init(
        host: String = "127.0.0.1", port: Int = 8080, adminToken: String? = nil, runsDelivery: Bool = true,
        webDirectory: URL? = nil, metricsToken: String? = nil, trustedProxies: TrustedProxies = .nobody
    ) {
        self.host = host
        self.port = port
        self.adminToken = adminToken
        self.runsDelivery = runsDelivery
        self.webDirectory = webDirectory
        self.metricsToken = metricsToken
        self.trustedProxies = trustedProxies
    }
}

/// Builds the router: middlewares, then every documented operation. It throws `WebAssetError` when a web
/// template does not parse or a web file cannot be read, so a server never starts without its pages.
public func buildRouter(
    services: RapportServices, configuration: ServerConfiguration
) throws(WebAssetError) -> Router<RapportRequestContext> {
    let table = APIRouteTable()
    let sessions = WebSessions(service: services.webSessions)
    let assets = try WebAssets(directory: configuration.webDirectory)
    let metrics = ServerMetrics(
        store: services.store, deliveryQueue: services.deliveryQueue, jobs: services.backgroundJobs)
    registerRoutes(
        on: table, services: services, sessions: sessions, assets: assets,
        operations: OperationsRoutes(store: services.store, metrics: metrics, metricsToken: configuration.metricsToken))
    let router = Router(context: RapportRequestContext.self)
    router.add(middleware: RequestTracingMiddleware(proxies: configuration.trustedProxies, metrics: metrics))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: HeadMiddleware())
    router.add(middleware: ErrorMiddleware(operations: table.operations))
    router.add(middleware: QueryTextMiddleware())
    router.add(
        middleware: AuthenticationMiddleware(
            adminToken: configuration.adminToken, tokens: services.tokens, sessions: sessions))
    table.install(on: router)
    return router
}

/// Every operation of the API, in the order the OpenAPI document lists them. Without `operations`, the health
/// and metrics endpoints get metrics of their own (the OpenAPI tests only read the table).
func registerRoutes(
    on table: APIRouteTable, services: RapportServices, sessions: WebSessions, assets: WebAssets,
    operations: OperationsRoutes? = nil
) {
    SystemRoutes().register(on: table)
    let operations =
        operations
        ?? OperationsRoutes(
            store: services.store,
            metrics: ServerMetrics(
                store: services.store, deliveryQueue: services.deliveryQueue, jobs: services.backgroundJobs),
            metricsToken: nil)
    operations.register(on: table)
    SetupController(setup: services.setup).register(on: table)
    UserController(users: services.users, tokens: services.tokens).register(on: table)
    AuditLogController(auditLog: services.auditLog).register(on: table)
    for service in services.masterData {
        let writeRole: Role = service.spec.path == Catalog.numberSeries.path ? .admin : .marketer
        ResourceRoutes(service: service, writeRole: writeRole).register(on: table)
    }
    TemplateLanguageController(languages: services.templateLanguages).register(on: table)
    ContactRoutes(
        service: services.contacts, importer: services.contactImporter,
        exporter: services.contactExporter, jobs: services.jobRunner,
        temporaryDirectory: services.temporaryDirectory
    ).register(on: table)
    SegmentController(segments: services.segments).register(on: table)
    SegmentLineController(lines: services.segmentLines).register(on: table)
    SegmentCriteriaController(criteria: services.segmentCriteria).register(on: table)
    SavedCriteriaController(saved: services.savedCriteria).register(on: table)
    SegmentVersionController(versions: services.segmentVersions).register(on: table)
    SegmentRefreshController(refresher: services.segmentRefreshes).register(on: table)
    SegmentContactsController(contacts: services.segmentContacts, temporaryDirectory: services.temporaryDirectory)
        .register(on: table)
    LogController(logger: services.logger, logged: services.logged).register(on: table)
    LoggedSegmentController(logged: services.logged).register(on: table)
    LogRollbackController(rollbacks: services.rollbacks).register(on: table)
    InteractionLogController(logged: services.logged).register(on: table)
    InteractionLogUpkeepController(upkeep: services.logUpkeep).register(on: table)
    SingleInteractionController(interactions: services.singleInteractions).register(on: table)
    StatisticsController(statistics: services.statistics).register(on: table)
    DocumentRoutes(
        documents: services.documents, merged: services.mergedDocuments,
        temporaryDirectory: services.temporaryDirectory
    ).register(on: table)
    DeliveryRoutes(
        queue: services.deliveryQueue, documents: services.entryDocuments,
        temporaryDirectory: services.temporaryDirectory
    ).register(on: table)
    WebRoutes(services: services, sessions: sessions, assets: assets, jobs: services.jobRunner).register(on: table)
}

/// What runs beside the HTTP server. Hummingbird stops its server first (no new requests, in-flight ones
/// finished), then these in reverse order: the segment refresher (between refreshes), the sweep, the delivery
/// worker (its claims released), and last the job runner, which gives running jobs the rest of the grace period.
func backgroundServices(_ services: RapportServices, configuration: ServerConfiguration) -> [any Service] {
    [services.jobRunner] + (configuration.runsDelivery ? [services.delivery] : [])
        + [services.housekeeping, services.segmentRefresher]
}

/// The whole application, ready to run or to test in process; `WebAssetError` as `buildRouter`.
public func buildApplication(
    services: RapportServices, configuration: ServerConfiguration, logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(WebAssetError) -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "rapport")
    if logger.logLevel > .info { logger.logLevel = .info }
    return Application(
        router: try buildRouter(services: services, configuration: configuration),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Rapport"),
        services: backgroundServices(services, configuration: configuration),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}
