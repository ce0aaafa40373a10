import Foundation
import SQLKit
import TandemCore

/// `NeedVisibility` in SQL, over the rows of one table that carries a need's columns (`needs`, or
/// PostgreSQL's search documents): which needs a reader may read, whose internal notes they see,
/// and which needs count in the figures they are shown. Every store query that returns rows or
/// aggregates derived from needs takes its condition from here; `NeedListingTests` and the
/// generated visibility test compare it with the core's rules.
struct VisibilityFilter {
    let visibility: NeedVisibility
    var table = "needs"
    var id = "id"

    private var scope: NeedVisibility.Scope? {
        guard case .scoped(let scope) = visibility else { return nil }
        return scope
    }

    private func column(_ name: String) -> SQLQueryString { "\(unsafeRaw: table).\(unsafeRaw: name)" }

    private func assigned(_ scope: NeedVisibility.Scope, alias: String) -> SQLQueryString {
        """
        EXISTS (SELECT 1 FROM need_assignees \(unsafeRaw: alias) WHERE \(unsafeRaw: alias).need_id = \(column(id)) \
        AND \(unsafeRaw: alias).person_id = \(bind: scope.personID.rawValue))
        """
    }

    private func followed(_ scope: NeedVisibility.Scope) -> SQLQueryString {
        """
        EXISTS (SELECT 1 FROM need_followers vf WHERE vf.need_id = \(column(id)) AND vf.person_id = \(bind: scope.personID.rawValue))
        """
    }

    /// `NeedVisibility.admits`: nil when the reader reads every need.
    // NB: the row's own columns are compared first and the assignee probe comes last: the
    // databases evaluate the alternatives in order, and a provider's queue is admitted by its
    // department before any probe is made.
    var admitted: SQLQueryString? {
        guard let scope else { return nil }
        let me = scope.personID.rawValue, department = scope.departmentID.rawValue
        var alternatives: [SQLQueryString] = [
            "\(column("requester_id")) = \(bind: me)",
            "(\(column("requesting_department_id")) = \(bind: department) AND \(column("is_confidential")) = \(bind: false))",
        ]
        if scope.seesConfidentialProvidedNeeds {
            alternatives.append("\(column("providing_department_id")) = \(bind: department)")
        } else if scope.seesProvidedNeeds {
            alternatives.append(
                "(\(column("providing_department_id")) = \(bind: department) AND \(column("is_confidential")) = \(bind: false))")
        }
        alternatives.append(assigned(scope, alias: "va"))
        alternatives.append(followed(scope))
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }

    /// `NeedVisibility.admitsInternal` among the admitted needs: nil when the reader sees every
    /// need's internal notes.
    var admittedInternal: SQLQueryString? {
        guard let scope else { return nil }
        guard scope.seesProvidedNeeds else { return "(\(assigned(scope, alias: "ia")))" }
        return "(\(assigned(scope, alias: "ia")) OR \(column("providing_department_id")) = \(bind: scope.departmentID.rawValue))"
    }

    /// `NeedVisibility.countsInFigures`: nil when every need counts.
    var counted: SQLQueryString? {
        guard let admitted else { return nil }
        return "(\(column("is_confidential")) = \(bind: false) OR \(admitted))"
    }
}

extension SQLQueryString {
    /// `a AND b`, where a missing condition is no condition.
    static func all(_ conditions: [SQLQueryString?]) -> SQLQueryString {
        let present = conditions.compactMap { $0 }
        return present.isEmpty ? "1 = 1" : present.joined(separator: " AND ")
    }
}
