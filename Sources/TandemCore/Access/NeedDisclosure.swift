import Foundation

/// What a reader may see of one need, wherever it shows up — a list, a plan, a count:
/// - `full`: all of it (the reader may read the need, `NeedVisibility.admits`);
/// - `confidential`: only that "a confidential need" is there, with the work it stands for
///   (effort, planned or not) but no number, title, words, requester or priority — for the
///   agents of the providing department, whose capacity it takes but who may not read it;
/// - `none`: nothing, not even that it exists.
public enum NeedDisclosure: String, Hashable, Sendable {
    case full, confidential, none
}

extension NeedVisibility {
    /// How much of the need this reader may see.
    public func disclosure(of need: Need) -> NeedDisclosure {
        if admits(need) { return .full }
        if case .scoped(let scope) = self, need.isConfidential, scope.seesProvidedNeeds, need.providingDepartmentID == scope.departmentID {
            return .confidential
        }
        return .none
    }

    /// Whether the need counts in the published figures this reader sees (scorecards, the
    /// supply-chain map, dashboards): every need that is not confidential — figures are published
    /// inside the company — and the confidential needs the reader may read. A confidential need
    /// the reader may not read adds to no count, sum or average they are shown. The stores
    /// apply the same rule in SQL (`VisibilityFilter.counted`).
    public func countsInFigures(_ need: Need) -> Bool {
        !need.isConfidential || admits(need)
    }
}
