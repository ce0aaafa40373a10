import Foundation

/// The service catalogs.
public protocol CatalogStore: Sendable {
    func offering(_ id: ServiceOffering.ID) async throws -> ServiceOffering?
    func offerings(provider: Department.ID?) async throws -> [ServiceOffering]
    func insert(_ offering: ServiceOffering) async throws
    func update(_ offering: ServiceOffering) async throws
}
