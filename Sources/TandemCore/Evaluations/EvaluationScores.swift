import Foundation

/// What a provider's evaluations in one period add up to: the average of each dimension over the
/// departments that answered, the weighted overall score, and the internal NPS where it was asked.
public struct EvaluationScores: Hashable, Sendable, Codable {
    public struct Dimension: Hashable, Sendable, Codable {
        public var key: String
        public var name: String
        public var weight: Int
        public var average: Double?
    }

    public var responses: Int
    public var dimensions: [Dimension]
    /// Σ weight × average ÷ Σ weight over the dimensions with an average.
    public var overall: Double?
    /// % promoters (9–10) − % detractors (0–6) of the recommendations given; nil when none was.
    public var netPromoterScore: Double?
    public var recommendations: Int

    enum CodingKeys: String, CodingKey {
        case responses, dimensions, overall, netPromoterScore = "net_promoter_score", recommendations
    }

    /// The scores of the responses to one cycle's invitations of one provider (or one pair).
    public init(dimensions definitions: [EvaluationDimension], responses: [EvaluationResponse]) {
        self.responses = responses.count
        dimensions = definitions.map { definition in
            let scores = responses.compactMap { $0.scores[definition.key] }
            return Dimension(
                key: definition.key, name: definition.name, weight: definition.weight,
                average: scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count))
        }
        let weighted = dimensions.compactMap { dimension in dimension.average.map { (Double(dimension.weight), $0) } }
        let totalWeight = weighted.map(\.0).reduce(0, +)
        overall = totalWeight == 0 ? nil : weighted.map { $0.0 * $0.1 }.reduce(0, +) / totalWeight
        let recommendations = responses.compactMap(\.recommendation)
        self.recommendations = recommendations.count
        if recommendations.isEmpty {
            netPromoterScore = nil
        } else {
            let promoters = recommendations.filter { $0 >= 9 }.count, detractors = recommendations.filter { $0 <= 6 }.count
            netPromoterScore = Double(promoters - detractors) * 100 / Double(recommendations.count)
        }
    }
}
