import Foundation

/// The needs a theme analysis reads.
public protocol ThemeStore: Sendable {
    /// The needs the visibility admits raised within the interval (to `provider` when given),
    /// newest first, at most `limit`.
    func documents(provider: Department.ID?, raisedIn interval: DateInterval, visibility: NeedVisibility, limit: Int) async throws
        -> [ThemeAnalysis.Document]
}
