import Foundation
import TandemCore
import Vapor

/// The form that opens an evaluation cycle: name, period, which providers, the dimensions (one
/// row each: name and weight; rows left blank are dropped), the recommendation question, the
/// closing day.
struct EvaluationCycleForm: Encodable {
    struct DimensionRow: Encodable, RepeatedFormRow {
        var index: Int
        var key: String
        var name: String
        var weight: String
        var errors: [String: String]
    }

    static let fields = ["name", "period", "provider_id", "dimensions", "closes_on", "recommendation"]
    /// Empty rows offered below the dimensions (pages work without JavaScript).
    static let blankRows = 2

    var name = ""
    var period = ""
    var providerID = ""
    var asksRecommendation = true
    var closesOn = ""
    var rows: [DimensionRow] = []

    /// A fresh form: last quarter, the standard dimensions.
    init(period: ReportingPeriod) {
        self.period = period.description
        rows = EvaluationDimension.standard.enumerated().map { index, dimension in
            DimensionRow(index: index, key: dimension.key, name: dimension.name, weight: String(dimension.weight), errors: [:])
        }
    }

    /// What a person sent.
    init(_ form: PageForm) {
        name = form.text("name")
        period = form.text("period")
        providerID = form.text("provider_id")
        asksRecommendation = form.flag("asks_recommendation")
        closesOn = form.text("closes_on")
        let count = min(Int(form.text("dimension_count")) ?? 0, 20)
        rows = (0..<count).map { index in
            DimensionRow(
                index: index, key: form.text("dimension_key_\(index)"), name: form.text("dimension_name_\(index)"),
                weight: form.text("dimension_weight_\(index)"), errors: [:])
        }
    }

    /// The input for the core. A row with neither name nor weight is dropped; a weight that is
    /// not a number is named on its row.
    func input() throws -> EvaluationWorkflow.OpenInput {
        var problems = InputProblems()
        var dimensions: [EvaluationDimension] = []
        for row in rows
        where !(row.name.trimmingCharacters(in: .whitespaces).isEmpty && row.weight.trimmingCharacters(in: .whitespaces).isEmpty) {
            let position = dimensions.count
            let weight = try problems.check { () throws -> Int in
                guard let weight = Int(row.weight.trimmingCharacters(in: .whitespaces)) else {
                    throw TandemError.invalid("dimensions[\(position)].weight", "the weight must be a number", .notANumber)
                }
                return weight
            }
            let key = row.key.isEmpty ? "dimension_\(position + 1)" : row.key
            dimensions.append(EvaluationDimension(key: key, name: row.name, weight: weight ?? 1))
        }
        try problems.throwIfAny()
        return EvaluationWorkflow.OpenInput(
            name: name, period: period, providerID: providerID.isEmpty ? nil : Department.ID(providerID), dimensions: dimensions,
            asksRecommendation: asksRecommendation, closesOn: closesOn)
    }

    /// The rows as shown: the sent ones (blank ones dropped) with their errors, then blank rows.
    func shownRows(_ errors: FieldErrors) -> [DimensionRow] {
        rows.filter { !($0.name.isEmpty && $0.weight.isEmpty) }.shown(errors, listField: "dimensions", blanks: Self.blankRows) {
            DimensionRow(index: 0, key: "", name: "", weight: "", errors: [:])
        }
    }
}
