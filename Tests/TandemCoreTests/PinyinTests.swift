import Testing

@testable import TandemCore

@Suite("Pinyin")
struct PinyinTests {
    @Test(
        "names read out as people type them",
        arguments: [
            ("王小明", "wangxiaoming", "wxm"), ("张伟", "zhangwei", "zw"), ("欧阳娜娜", "ouyangnana", "oynn"), ("吕布", "lubu", "lb"),
            ("李 Lee 2号", "lilee2hao", "llee2h"), ("張偉", "zhangwei", "zw"),
        ])
    func readings(name: String, full: String, initials: String) {
        let read = Pinyin.readings(of: name)
        #expect(read.full == full && read.initials == initials, "\(read)")
    }

    @Test("characters outside the table have no reading")
    func outside() {
        #expect(Pinyin.syllable(of: "A") == nil && Pinyin.syllable(of: "。") == nil)
        #expect(Pinyin.syllable(of: "一") == "yi" && Pinyin.syllable(of: "龥") == "yu")
    }
}
