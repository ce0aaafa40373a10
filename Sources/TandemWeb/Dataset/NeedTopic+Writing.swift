import Foundation

/// How the dataset and the demo write a need of a topic: one of its titles, its details, a reason
/// and the words people open and close a request with, in Chinese or (three in ten) English, at
/// one of the company's places.
extension NeedTopic {
    static let places = ["华东区", "华南区", "华北区", "西部区", "总部", "上海分公司", "北京分公司", "深圳工厂", "研发中心", "客服中心", "成都办事处", "杭州仓库"]
    static let placesEnglish = [
        "East China", "South China", "North China", "the West region", "head office", "the Shanghai branch",
        "the Beijing branch", "the Shenzhen plant", "the R&D centre", "the service centre", "the Chengdu office", "the Hangzhou warehouse",
    ]
    static let reasons = [
        "用于月度经营会议。", "新项目下周启动。", "客户在催，比较急。", "年度审计要求。", "影响了整个小组的工作。", "下周一之前需要。",
        "老板临时要求。", "配合季度盘点。", "展会前需要准备好。", "合规检查发现的问题。", "",
    ]
    static let reasonsEnglish = [
        "It is for the monthly review.", "The new project starts next week.", "A customer is waiting.", "The audit needs it.",
        "The whole team is blocked.", "We need it by Monday.", "",
    ]
    /// What people write around the point: the words every department's forms are full of.
    static let closings = ["请尽快处理，谢谢！", "谢谢！", "辛苦了。", "麻烦尽快安排。", "", ""]
    static let openings = ["需求说明：", "您好，", "", "", ""]
    static let closingsEnglish = ["Thanks!", "Many thanks.", "Please help as soon as possible.", "", ""]

    /// A topic drawn by the topics' weights `progress` through the period (their trends).
    static func draw(at progress: Double, among topics: [NeedTopic], _ random: inout SeededRandom) -> NeedTopic {
        let weights = topics.map { $0.trend.weight(at: progress) }
        var roll = Double(random.next(1_000_000)) / 1_000_000 * weights.reduce(0, +)
        for (topic, weight) in zip(topics, weights) {
            roll -= weight
            if roll < 0 { return topic }
        }
        return topics[topics.count - 1]
    }

    /// A title and a description of this topic, as a person would write them.
    func written(_ random: inout SeededRandom) -> (title: String, description: String) {
        let english = random.next(10) < 3
        let place = random.next(Self.places.count), number = 2 + random.next(8)
        func pick(_ texts: [String], _ random: inout SeededRandom) -> String {
            texts[random.next(texts.count)]
                .replacingOccurrences(of: "{place}", with: english ? Self.placesEnglish[place] : Self.places[place])
                .replacingOccurrences(of: "{n}", with: String(number))
        }
        if english {
            let title = pick(titlesEnglish, &random)
            let description = [pick(detailsEnglish, &random), pick(Self.reasonsEnglish, &random), pick(Self.closingsEnglish, &random)]
                .filter { !$0.isEmpty }.joined(separator: " ")
            return (title, description)
        }
        let title = pick(titles, &random)
        return (title, pick(Self.openings, &random) + pick(details, &random) + pick(Self.reasons, &random) + pick(Self.closings, &random))
    }
}
