import Foundation

/// Who sees the figures of one pair of departments — "A needs from B": a supply-chain map edge,
/// a pair's scorecard, one department's row in a provider's scorecard, one department's answer
/// to an evaluation. A pair with few needs points at people ("SALES → LEGAL, 1 need, rated 5"),
/// so its figures are shown in full to administrators and to the two departments' people, and
/// to anyone else only from the minimum group; below it, "too few to show".
public struct PairDisclosure: Sendable {
    public let reader: Person
    public let group: MinimumGroup

    public init(reader: Person, group: MinimumGroup) {
        self.reader = reader
        self.group = group
    }

    /// Whether the reader belongs to the pair (or administers the company).
    public func isInside(requester: Department.ID, provider: Department.ID) -> Bool {
        reader.has(.admin) || reader.departmentID == requester || reader.departmentID == provider
    }

    /// Whether the pair's figures, made of `volume` needs or answers, may be shown to the reader.
    public func shows(requester: Department.ID, provider: Department.ID, volume: Int) -> Bool {
        isInside(requester: requester, provider: provider) || group.shows(volume)
    }

    /// Which of a provider's pairs (requesting department → volume) the reader may see. Withheld
    /// pairs must not be recoverable by subtracting the shown ones from the provider's total,
    /// so while the withheld pairs add up to fewer than the minimum group, the smallest shown
    /// pair the reader is not inside is withheld with them.
    public func shown(_ volumes: [Department.ID: Int], provider: Department.ID) -> Set<Department.ID> {
        var shown = Set(volumes.keys.filter { shows(requester: $0, provider: provider, volume: volumes[$0]!) })
        var withheld = volumes.filter { !shown.contains($0.key) }.map(\.value).reduce(0, +)
        guard withheld > 0 else { return shown }
        let candidates = shown.filter { !isInside(requester: $0, provider: provider) }
            .sorted { (volumes[$0]!, $0) < (volumes[$1]!, $1) }
        for department in candidates where withheld < group.size {
            shown.remove(department)
            withheld += volumes[department]!
        }
        return shown
    }
}
