import Foundation

/// What one round of a survey found, question by question: counts per option, the ratings'
/// average and distribution, the texts (without names when the survey is anonymous).
public struct SurveyResults: Hashable, Sendable {
    public struct OptionCount: Hashable, Sendable, Codable {
        public var option: String
        public var count: Int
    }

    public struct Question: Hashable, Sendable {
        public var key: String
        public var prompt: String
        public var kind: SurveyQuestion.Kind
        /// How many responses answered this question.
        public var answered: Int
        /// For choice questions: every option with how many chose it, in the question's order.
        public var options: [OptionCount]
        /// For rating questions: how many gave 1 … 5, and the average.
        public var ratingDistribution: [Int]
        public var ratingAverage: Double?
        /// For text and raise-need questions: the answers.
        public var texts: [String]
    }

    public var round: Int
    public var responses: Int
    /// How many people the round asked (the audience as it is now).
    public var invited: Int
    /// An anonymous round with fewer responses than the minimum group: its answers are not shown
    /// (`questions` keep their prompts, without counts or texts) — "too few responses to show".
    public var withheld: Bool
    public var questions: [Question]

    public init(survey: Survey, round: Int, responses allResponses: [SurveyResponse], invited: Int, minimumGroup: MinimumGroup) {
        self.round = round
        self.responses = allResponses.count
        self.invited = invited
        withheld = survey.isAnonymous && !minimumGroup.shows(allResponses.count)
        let responses = withheld ? [] : allResponses
        questions = survey.questions.map { question in
            let answers = responses.compactMap { $0.answers[question.key] }
            var options: [OptionCount] = []
            var distribution = [0, 0, 0, 0, 0]
            var texts: [String] = []
            switch question.kind {
            case .singleChoice, .multipleChoice:
                let chosen = answers.flatMap { answer -> [String] in
                    switch answer {
                    // NB: a stored single choice reads back as text (JSON cannot tell them apart).
                    case .choice(let value), .text(let value): return [value]
                    case .choices(let values): return values
                    default: return []
                    }
                }
                options = question.options.map { option in OptionCount(option: option, count: chosen.filter { $0 == option }.count) }
            case .rating:
                for case .rating(let score) in answers where SatisfactionRating.scores.contains(score) { distribution[score - 1] += 1 }
            case .text, .raiseNeed:
                for case .text(let text) in answers { texts.append(text) }
            }
            let rated = distribution.reduce(0, +)
            let average =
                rated == 0 ? nil : Double(distribution.enumerated().map { ($0.offset + 1) * $0.element }.reduce(0, +)) / Double(rated)
            return Question(
                key: question.key, prompt: question.prompt, kind: question.kind, answered: answers.count, options: options,
                ratingDistribution: distribution, ratingAverage: average, texts: texts)
        }
    }
}
