import Foundation

/// The four kinds of internal need named by the source article.
public enum NeedKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// 信息: data, reports, market information.
    case information
    /// 资源: people, money, equipment, rooms.
    case resource
    /// 技术: systems, tools, technical support.
    case technology
    /// 服务: a service performed by the provider (training, recruiting, legal review…).
    case service
}
