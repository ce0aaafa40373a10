import Foundation
import TandemConnect
import TandemCore
import TandemStore
import Vapor

/// The use cases and stores one application works with, built once at start-up.
///
/// NB: a class, so that `request.tandem` hands out a reference: as a struct of some forty
/// workflows, every access copied and released them all — 10% of the queue page's time.
public final class TandemServices: Sendable {
    public let configuration: TandemConfiguration
    public let database: StoreDatabase
    public let needs: NeedWorkflow
    public let organisation: OrganisationWorkflow
    public let catalog: CatalogWorkflow
    public let accounts: AccountWorkflow
    public let passwordLinks: PasswordLinkWorkflow
    /// Single sign-on with the company's OpenID provider, when configured.
    let oidc: OIDCClient?
    public let settings: SettingsWorkflow
    public let serviceLevels: ServiceLevelWorkflow
    public let setup: SetupWorkflow
    public let savedFilters: SavedFilterWorkflow
    public let jobs: JobWorkflow
    public let notifications: NotificationWorkflow
    public let satisfaction: SatisfactionWorkflow
    public let scorecards: ScorecardWorkflow
    public let evaluations: EvaluationWorkflow
    public let surveys: SurveyWorkflow
    public let plans: ImprovementPlanWorkflow
    public let meetings: MeetingWorkflow
    public let actions: ActionItemWorkflow
    public let suggestions: SuggestionWorkflow
    public let search: SearchWorkflow
    public let dashboards: DashboardWorkflow
    public let goals: GoalWorkflow
    public let planning: PlanningWorkflow
    public let themes: ThemeWorkflow
    public let imports: ImportWorkflow
    public let directorySync: DirectorySyncWorkflow
    /// Runs the imports started through the API and the pages, and knows how far each got.
    let importRunner: ImportRunner
    /// Runs the background jobs (notifications); `serve` starts it, tests run it by hand (`runDueOnce`).
    public let jobRunner: JobRunner
    /// Asks for service-level refreshes when warnings and breaches come due; `serve` starts it.
    let scheduler: Scheduler
    public let blobs: DiskBlobStore
    public let metrics: RequestMetrics
    let translator: Translator
    let notificationText: NotificationText

    public init(
        configuration: TandemConfiguration, database: StoreDatabase, clock: any TandemCore.Clock = SystemClock(),
        ids: any IDGenerator = TimeOrderedIDGenerator(), jobSettings: JobRunner.Settings = JobRunner.Settings(),
        logger: Logger = Logger(label: "tandem")
    ) throws {
        self.configuration = configuration
        self.database = database
        let organisationStore = SQLOrganisationStore(database)
        let catalogStore = SQLCatalogStore(database)
        let settings = SQLSettingsStore(database)
        let hasher = BcryptHasher(cost: configuration.bcryptCost)
        self.settings = SettingsWorkflow(settings: settings)
        self.needs = NeedWorkflow(
            needs: SQLNeedStore(database), organisation: organisationStore, catalog: catalogStore, settings: settings,
            goals: SQLGoalStore(database), clock: clock, ids: ids,
            attachmentPolicy: AttachmentPolicy(maxBytes: configuration.maxUploadBytes), timeZone: configuration.timeZone)
        self.serviceLevels = ServiceLevelWorkflow(store: SQLServiceLevelStore(database), needs: needs)
        self.organisation = OrganisationWorkflow(store: organisationStore, hasher: hasher, clock: clock, ids: ids)
        self.savedFilters = SavedFilterWorkflow(store: SQLSavedFilterStore(database), clock: clock, ids: ids)
        self.setup = SetupWorkflow(settings: settings, organisation: organisation)
        let jobStore = SQLJobStore(database)
        self.jobs = JobWorkflow(store: jobStore, clock: clock)
        self.notifications = NotificationWorkflow(
            store: SQLNotificationStore(database), needs: SQLNeedStore(database), organisation: organisationStore, clock: clock, ids: ids,
            sendsEmail: configuration.smtp != nil, destinations: configuration.channelDestinations, resolver: SystemHostResolver())
        self.satisfaction = SatisfactionWorkflow(needs: needs, store: SQLSatisfactionStore(database), digest: SHA256Digest())
        self.evaluations = EvaluationWorkflow(
            store: SQLEvaluationStore(database), notifications: notifications, timeZone: configuration.timeZone)
        let planStore = SQLImprovementPlanStore(database)
        self.scorecards = ScorecardWorkflow(
            store: SQLScorecardStore(database), evaluations: evaluations, plans: planStore, settings: settings)
        self.plans = ImprovementPlanWorkflow(store: planStore, scorecards: scorecards, needs: needs)
        let meetingStore = SQLMeetingStore(database)
        self.meetings = MeetingWorkflow(store: meetingStore, needs: needs)
        self.actions = ActionItemWorkflow(
            store: meetingStore, meetings: meetingStore, plans: planStore, organisation: organisationStore,
            clock: clock, ids: ids)
        self.suggestions = SuggestionWorkflow(store: SQLSuggestionStore(database), needs: needs)
        self.surveys = SurveyWorkflow(store: SQLSurveyStore(database), needs: needs, notifications: notifications)
        self.dashboards = DashboardWorkflow(
            store: SQLDashboardStore(database), organisation: organisationStore, jobs: jobStore, clock: clock, ids: ids,
            timeZone: configuration.timeZone)
        self.goals = GoalWorkflow(store: SQLGoalStore(database), clock: clock, ids: ids)
        self.imports = ImportWorkflow(
            store: SQLImportStore(database), organisation: organisationStore, settings: settings, hasher: hasher,
            clock: clock, ids: ids, timeZone: configuration.timeZone)
        self.importRunner = ImportRunner(workflow: imports, logger: logger)
        self.directorySync = DirectorySyncWorkflow(
            source: configuration.ldap.map { LDAPDirectorySource(settings: $0) }, store: SQLDirectorySyncStore(database),
            organisation: organisationStore, clock: clock, ids: ids)
        self.planning = PlanningWorkflow(
            store: SQLPlanningStore(database), organisation: organisationStore, clock: clock,
            timeZone: configuration.timeZone)
        self.themes = ThemeWorkflow(store: SQLThemeStore(database), clock: clock, timeZone: configuration.timeZone)
        self.search = SearchWorkflow(store: SQLNeedSearchStore(database), needs: SQLNeedStore(database), organisation: organisationStore)
        let accounts = AccountWorkflow(
            credentials: SQLCredentialStore(database), organisation: organisationStore, hasher: hasher, digest: SHA256Digest(),
            clock: clock, ids: ids, decoyHash: try hasher.hash("decoy password, never valid"),
            directory: configuration.ldap.map { LDAPDirectory(settings: $0, logger: logger) }, links: SQLDirectoryLinkStore(database),
            directoryPolicy: configuration.directoryPolicy,
            hasCompanyIdentity: configuration.ldap != nil || configuration.oidc != nil, settings: settings)
        self.accounts = accounts
        let passwordLinks = PasswordLinkWorkflow(
            store: SQLPasswordLinkStore(database), organisation: organisationStore, accounts: accounts, jobs: jobStore, hasher: hasher,
            digest: SHA256Digest(), clock: clock, ids: ids)
        self.passwordLinks = passwordLinks
        self.oidc = configuration.oidc.map { OIDCClient(settings: $0, logger: logger) }
        let translator = try Translator.load(from: configuration.resourcesDirectory.appendingPathComponent("Resources/Translations"))
        self.translator = translator
        let text = NotificationText(translator: translator, publicURL: configuration.publicURL)
        self.notificationText = text
        var handlers: [any JobHandler] = [
            NeedChangedHandler(notifications: notifications, serviceLevels: serviceLevels),
            ChannelHandler(workflow: notifications, text: text),
            ServiceLevelRefreshHandler(workflow: serviceLevels),
            EvaluationInviteHandler(workflow: evaluations),
            DashboardRefreshHandler(workflow: dashboards),
            ClosingReminderHandler(surveys: surveys, evaluations: evaluations),
            DirectorySyncHandler(workflow: directorySync),
        ]
        if let smtp = configuration.smtp {
            let mail = SMTPClient(settings: smtp, group: MultiThreadedEventLoopGroup.singleton)
            handlers.append(
                EmailHandler(
                    workflow: notifications, satisfaction: satisfaction, text: text,
                    smtp: mail))
            handlers.append(
                PasswordLinkEmailHandler(
                    workflow: passwordLinks, text: text, smtp: mail))
        }
        var jobSettings = jobSettings
        jobSettings.retry = configuration.jobRetry
        self.jobRunner = JobRunner(store: jobStore, handlers: handlers, clock: clock, settings: jobSettings, logger: logger)
        self.scheduler = Scheduler(
            workflow: serviceLevels, surveys: surveys, evaluations: evaluations, directorySync: directorySync,
            syncHours: configuration.ldap?.syncHours ?? 0, jobs: jobStore, runner: jobRunner, database: database,
            interval: .seconds(configuration.schedulerInterval), logger: logger)
        self.catalog = CatalogWorkflow(catalog: catalogStore, organisation: organisationStore, clock: clock, ids: ids)
        self.blobs = try DiskBlobStore(directory: DataLocation(configuration).attachments)
        self.metrics = RequestMetrics()
    }
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = TandemServices }

    /// The services `configure` set up.
    public var tandem: TandemServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:) has not run") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var tandem: TandemServices { application.tandem }
}

/// bcrypt, as Vapor implements it.
struct BcryptHasher: TandemCore.PasswordHasher {
    let cost: Int
    func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }
    func verify(_ password: String, hash: String) throws -> Bool { try Bcrypt.verify(password, created: hash) }
}

/// SHA-256 in hex, for session and token secrets (long random values need no slow hash).
struct SHA256Digest: TandemCore.SecretDigest {
    func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hexadecimal
    }
}
