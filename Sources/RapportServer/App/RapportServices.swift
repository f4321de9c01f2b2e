import RapportCore
import RapportStorage

/// The live use cases over one store: the composition root builds this once.
public struct RapportServices: Sendable {
    public let store: Store
    public let tokens: TokenService
    public let signIn: SignInService
    public let auditLog: AuditLog
    public let users: UserService
    public let setup: SetupService
    public let templateLanguages: TemplateLanguageService
    public let contacts: ResourceService
    public let contactImporter: ContactImporter
    public let contactExporter: ContactExporter
    public let masterData: [ResourceService]
    public let masterDataImporter: MasterDataImporter
    public let segments: SegmentService
    public let segmentLines: SegmentLineService
    public let segmentCriteria: SegmentCriteriaService
    public let savedCriteria: SavedCriteriaService
    public let segmentVersions: SegmentVersionService
    public let segmentContacts: SegmentContactsService
    public let logger: SegmentLogger
    public let logged: LoggedSegmentService
    public let rollbacks: LogRollbackService
    public let logUpkeep: InteractionLogUpkeep
    public let singleInteractions: SingleInteractionService
    public let statistics: InteractionStatistics
    public let documents: DocumentService
    public let mergedDocuments: MergedDocumentService
    public let deliveryQueue: DeliveryQueue
    public let entryDocuments: EntryDocumentService
    public let delivery: DeliveryWorker
    /// Web sessions, in the database.
    public let webSessions: WebSessionService
    /// Long jobs as recorded, and the runner of this instance's.
    public let backgroundJobs: BackgroundJobService
    public let jobRunner: JobRunner
    /// The periodic sweep of sessions and jobs.
    public let housekeeping: Housekeeping
    public let segmentRefreshes: SegmentRefreshService
    public let segmentRefresher: SegmentRefresher
    /// Where requests keep their temporary files (uploads, downloads being built).
    public let temporaryDirectory: String

    public init(store: Store, configuration: ServicesConfiguration = ServicesConfiguration()) {
        self.store = store
        self.temporaryDirectory = configuration.temporaryDirectory
        self.tokens = TokenService(store: store, clock: configuration.clock)
        self.signIn = SignInService(store: store, policy: configuration.signInPolicy, clock: configuration.clock)
        self.auditLog = AuditLog(store: store)
        self.users = UserService(store: store)
        self.setup = SetupService(store: store)
        self.templateLanguages = TemplateLanguageService(store: store)
        self.contacts = ResourceService.standard(Catalog.contacts, store: store)
        self.contactImporter = ContactImporter(store: store)
        self.contactExporter = ContactExporter(store: store)
        self.masterData = Catalog.masterData.map { ResourceService.standard($0, store: store) }
        self.masterDataImporter = MasterDataImporter(store: store)
        self.segments = SegmentService(store: store)
        self.segmentLines = SegmentLineService(store: store)
        self.segmentCriteria = SegmentCriteriaService(store: store)
        self.savedCriteria = SavedCriteriaService(store: store)
        self.segmentVersions = SegmentVersionService(store: store, clock: configuration.clock)
        self.segmentContacts = SegmentContactsService(store: store)
        self.logger = SegmentLogger(store: store)
        self.logged = LoggedSegmentService(store: store)
        self.rollbacks = LogRollbackService(store: store, clock: configuration.clock)
        self.logUpkeep = InteractionLogUpkeep(store: store)
        self.singleInteractions = SingleInteractionService(store: store)
        self.statistics = InteractionStatistics(store: store)
        self.documents = DocumentService(store: store)
        self.mergedDocuments = MergedDocumentService(store: store)
        self.deliveryQueue = DeliveryQueue(store: store)
        self.entryDocuments = EntryDocumentService(
            store: store, converter: configuration.pdfConverter,
            temporaryDirectory: configuration.temporaryDirectory)
        self.delivery = DeliveryWorker(store: store, mailConnections: configuration.smtpConnections)
        self.webSessions = WebSessionService(
            store: store, lifetime: configuration.sessionLifetime, clock: configuration.clock)
        self.backgroundJobs = BackgroundJobService(store: store, clock: configuration.clock)
        self.jobRunner = JobRunner(jobs: backgroundJobs, heartbeatLimit: configuration.jobHeartbeatLimit)
        self.housekeeping = Housekeeping(sessions: webSessions, jobs: backgroundJobs, runner: jobRunner)
        self.segmentRefreshes = SegmentRefreshService(store: store, clock: configuration.clock)
        self.segmentRefresher = SegmentRefresher(refreshes: segmentRefreshes)
    }

    public func service(for path: String) -> ResourceService? {
        masterData.first { $0.spec.path == path }
    }
}
