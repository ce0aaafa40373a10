import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import LeafKit
import TandemCore
import TandemStore
import Vapor

/// Sets an application up: database, migrations, services, middleware and routes.
public func configure(_ app: Application, _ configuration: TandemConfiguration) async throws {
    app.logger.logLevel = configuration.logLevel
    try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)

    let database: StoreDatabase
    switch configuration.database {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        database = .sqlite(path: path, logger: app.logger) { [unowned app] in app.db }
    case .postgres(let url):
        // NB: 8 connections per event loop by default (the driver's default is 1, which
        // serialises a busy instance on two connections); a request waits at most 3 s for one,
        // so an outage answers 503 quickly instead of after the default 10 s. No JIT compiling:
        // the planner turns it on for any statement it thinks costly (a search over a common word)
        // and it spent 12 ms compiling a statement that ran in 5.
        var postgres = try SQLPostgresConfiguration(url: url)
        postgres.coreConfiguration.options.additionalStartupParameters = [("jit", "off")]
        app.databases.use(
            .postgres(
                configuration: postgres, maxConnectionsPerEventLoop: configuration.postgresConnectionsPerLoop,
                connectionPoolTimeout: .seconds(3)), as: .psql)
        database = .postgres { [unowned app] in app.db }
    }
    app.lifecycle.use(StoreShutdown(database: database))
    app.migrations.add(TandemMigrations.all)
    try await database.prepare()
    try await app.autoMigrate()

    app.tandem = try TandemServices(configuration: configuration, database: database, logger: app.logger)
    app.lifecycle.use(JobRunnerShutdown(services: app.tandem))
    app.routes.defaultMaxBodySize = ByteCount(value: maxJSONBodyBytes)
    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(TandemErrorMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: configuration.resourcesDirectory.appendingPathComponent("Public").path + "/"))
    app.middleware.use(ActorMiddleware())
    configureViews(app, configuration)
    try registerRoutes(app)
}

/// Every route of the application, in one place.
func registerRoutes(_ app: Application) throws {
    try app.register(collection: OperationsController())
    let api = app.grouped("api", "v1").grouped(SignInRequired(), CookieWriteProof())
    let openAPI = OpenAPIDocument.document.data
    api.get("openapi.json") { _ in
        Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: openAPI))
    }
    try api.register(collection: AccountController())
    try api.register(collection: OrganisationController())
    try api.register(collection: CatalogController())
    try api.register(collection: NeedController())
    try api.register(collection: MergeController())
    try api.register(collection: AttachmentController())
    try api.register(collection: SettingsController())
    try api.register(collection: ServiceLevelController())
    try api.register(collection: JobController())
    try api.register(collection: DirectoryController())
    try api.register(collection: NotificationController())
    try api.register(collection: ImportController())
    try api.register(collection: SatisfactionController())
    try api.register(collection: ScorecardController())
    try api.register(collection: EvaluationController())
    try api.register(collection: SurveyController())
    try api.register(collection: MeetingController())
    try api.register(collection: ActionItemController())
    try api.register(collection: SuggestionController())
    try api.register(collection: ImprovementPlanController())
    try api.register(collection: SearchController())
    try api.register(collection: DashboardController())
    try api.register(collection: PlanningController())
    try api.register(collection: ThemeController())

    // The pages. Sign-in, setup and the language switch work before the setup is done.
    try app.register(collection: SignInPages())
    try app.register(collection: PasswordLinkPages())
    try app.register(collection: OIDCPages())
    let pages = app.grouped(SetupGate(), InboxCountMiddleware())
    let maxFormBytes = app.tandem.configuration.maxUploadBytes * 5 + 1024 * 1024
    try pages.register(collection: HomePage())
    try pages.register(collection: RaisePages(maxFormBytes: maxFormBytes))
    try pages.register(collection: NeedPages(maxFormBytes: maxFormBytes))
    try pages.register(collection: RatePages())
    try pages.register(collection: ScorecardPages())
    try pages.register(collection: EvaluationPages())
    try pages.register(collection: SurveyPages())
    try pages.register(collection: MeetingPages())
    try pages.register(collection: SuggestionPages())
    try pages.register(collection: PlanPages())
    try pages.register(collection: ActionPages())
    try pages.register(collection: QueuePage())
    try pages.register(collection: SearchPages())
    try pages.register(collection: DashboardPages())
    try pages.register(collection: GoalPages())
    try pages.register(collection: PlanningPages())
    try pages.register(collection: SupplyChainPages())
    try pages.register(collection: ThemePages())
    try pages.register(collection: ProfilePages())
    try pages.register(collection: InboxPages())
    try pages.register(collection: DepartmentPages())
    try pages.register(collection: PeoplePages())
    try pages.register(collection: CatalogPages())
    try pages.register(collection: PriorityMatrixPage())
    try pages.register(collection: PrivacyPage())
    try pages.register(collection: JobsPage())
    try pages.register(collection: ImportPages(maxFileBytes: ImportController.maxFileBytes))
    try pages.register(collection: ChannelPages())
    try pages.register(collection: ServiceLevelPages(maxFormBytes: 2 * 1024 * 1024))
    try pages.register(collection: PickerPages())
    try pages.register(collection: DirectoryPages())
}

/// Leaf, with the views of the resources directory, our tags, and the cache always on (the
/// templates ship with the release).
///
/// NB: Leaf's own renderer turns its cache off in Vapor's development environment — which is
/// where `tandem serve` runs unless told otherwise — so every page read and parsed its
/// templates again (the queue page: 8% of its time in Leaf's lexer). The renderer is made here.
func configureViews(_ app: Application, _ configuration: TandemConfiguration) {
    var views = app.leaf.configuration
    views.rootDirectory = configuration.resourcesDirectory.appendingPathComponent("Resources/Views").path + "/"
    views.ignoreUnfoundImports = false
    app.leaf.configuration = views
    app.leaf.tags["t"] = TranslateTag()
    app.leaf.cache.isEnabled = true
    app.views.use { app in
        var userInfo = app.leaf.userInfo
        userInfo["application"] = app
        return LeafRenderer(
            configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache,
            sources: app.leaf.sources, eventLoop: app.eventLoopGroup.next(), userInfo: userInfo)
    }
}

/// Stops the scheduler and the job runner together (before the database closes: handlers shut
/// down in reverse order), within five seconds: well inside the ten a container manager waits
/// before it kills.
struct JobRunnerShutdown: LifecycleHandler {
    let services: TandemServices

    func shutdownAsync(_ application: Application) async {
        async let scheduler: Void = services.scheduler.stop()
        async let runner: Void = services.jobRunner.stop(grace: .seconds(5))
        _ = await (scheduler, runner)
    }
}

/// Closes what the stores opened outside Vapor's pools when the application shuts down.
struct StoreShutdown: LifecycleHandler {
    let database: StoreDatabase

    func shutdownAsync(_ application: Application) async {
        await database.close()
    }
}
