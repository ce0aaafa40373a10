import Foundation
import TandemCore
import TandemStore
import Vapor

/// `tandem dataset`: fills an empty company with a deterministic benchmark dataset through the
/// store's bulk path — departments, people (every one signs in with `password`), and needs with
/// their histories, replies, notes, ratings and service-level outcomes, indexed for search.
struct DatasetCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "needs", help: "How many needs (default 1000000).")
        var needs: Int?
        @Option(name: "departments", help: "How many departments (default 30).")
        var departments: Int?
        @Option(name: "people", help: "How many people (default 2000).")
        var people: Int?
        @Option(name: "seed", help: "The seed (default 1): the same seed gives the same data.")
        var seed: Int?
    }

    var help: String { "Fills the database with a deterministic benchmark dataset (default: 1,000,000 needs)." }

    static let password = "bench-password-1"
    static let batchSize = 2000

    func run(using context: CommandContext, signature: Signature) async throws {
        let services = context.application.tandem
        let total = signature.needs ?? 1_000_000
        let company = SyntheticCompany(departmentCount: signature.departments ?? 30, peopleCount: signature.people ?? 2000, now: Date())
        guard try await services.organisation.store.person(login: company.people[0].login) == nil else {
            throw TandemError(.conflict, "the dataset is there already")
        }
        let started = Date()
        let hash = try BcryptHasher(cost: services.configuration.bcryptCost).hash(Self.password)
        for department in company.departments { try await services.organisation.store.insert(department) }
        for person in company.people { try await services.organisation.store.insert(person, passwordHash: hash) }

        let loader = BulkNeedLoader(services.database)
        var needs = SyntheticNeeds(
            company: company, total: total, seed: UInt64(signature.seed ?? 1), timeZone: services.configuration.timeZone)
        var written = 0
        var reported = Date()
        while written < total {
            let count = min(Self.batchSize, total - written)
            try await loader.load((written..<written + count).map { needs.next($0) })
            written += count
            if Date().timeIntervalSince(reported) >= 5 || written == total {
                reported = Date()
                let seconds = reported.timeIntervalSince(started)
                context.console.print(
                    String(
                        format: "%d / %d needs (%.0f%%), %.0f s, %.0f needs/s", written, total,
                        100 * Double(written) / Double(total), seconds, Double(written) / seconds))
            }
        }
        try await loader.continueNumbering(after: needs.highestNumbers)
        try await services.database.refreshPlannerStatistics()
        context.console.print(
            String(
                format: "Dataset ready in %.0f s: %d departments, %d people (password %@), %d needs.",
                Date().timeIntervalSince(started), company.departments.count, company.people.count, Self.password, total))
    }
}
