import Foundation

/// How soon the requester needs it (紧急程度).
public enum Urgency: String, Hashable, Sendable, Codable, CaseIterable {
    case low, medium, high, critical
}

/// How much it matters to the business (重要程度).
public enum Importance: String, Hashable, Sendable, Codable, CaseIterable {
    case low, medium, high, critical
}

/// The priority a need gets from the urgency × importance matrix; P1 is the most pressing.
public enum Priority: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case p1, p2, p3, p4

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }

    public var label: String { rawValue.uppercased() }

    /// One step more pressing (P1 stays P1).
    public var raised: Priority {
        switch self {
        case .p1, .p2: return .p1
        case .p3: return .p2
        case .p4: return .p3
        }
    }
}

/// The configurable urgency × importance matrix. Rows are urgencies, columns importances,
/// both in `CaseIterable` order (low … critical).
public struct PriorityMatrix: Hashable, Sendable, Codable {
    public private(set) var cells: [[Priority]]

    public init(cells: [[Priority]]) throws {
        guard cells.count == Urgency.allCases.count,
            cells.allSatisfy({ $0.count == Importance.allCases.count })
        else {
            throw TandemError.invalid(
                "cells", "the matrix needs \(Urgency.allCases.count) rows (urgency) of \(Importance.allCases.count) priorities (importance)"
            )
        }
        self.cells = cells
    }

    /// The default: the classic Eisenhower reading, most urgent and important first.
    public static let standard = try! PriorityMatrix(cells: [
        //  importance: low  medium  high  critical
        [.p4, .p4, .p3, .p2],  // urgency low
        [.p4, .p3, .p2, .p2],  // urgency medium
        [.p3, .p2, .p2, .p1],  // urgency high
        [.p2, .p2, .p1, .p1],  // urgency critical
    ])

    public func priority(urgency: Urgency, importance: Importance) -> Priority {
        cells[Urgency.allCases.firstIndex(of: urgency)!][Importance.allCases.firstIndex(of: importance)!]
    }
}
