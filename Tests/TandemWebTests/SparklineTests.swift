import Testing

@testable import TandemWeb

@Suite("Sparklines")
struct SparklineTests {
    @Test("values from zero to the largest fill the height, periods the width; the label reads them out")
    func scales() {
        let line = Sparkline([3, 5, 9, 20])
        #expect(line.points == "3,18 33,16 63,13 93,3")
        #expect(line.lastX == 93 && line.lastY == 3)
        #expect(line.label == "3 → 5 → 9 → 20")
    }

    @Test("nothing yet lies on the baseline; one period is one point")
    func edges() {
        #expect(Sparkline([0, 0]).points == "3,21 93,21")
        let one = Sparkline([4])
        #expect(one.points == "3,3" && one.label == "4")
    }
}
