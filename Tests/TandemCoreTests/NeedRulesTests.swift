import Foundation
import TandemCore
import Testing

@Suite("A need's field rules")
struct NeedRulesTests {
    @Test("title and description: trimmed, the title required, both limited")
    func texts() throws {
        #expect(try NeedRules.title("  打印机卡纸 \r\n") == "打印机卡纸")
        #expect(throws: TandemError.self) { try NeedRules.title(" \n ") }
        #expect(try NeedRules.title(String(repeating: "需", count: NeedRules.titleLimit)).count == NeedRules.titleLimit)
        #expect(throws: TandemError.self) { try NeedRules.title(String(repeating: "需", count: NeedRules.titleLimit + 1)) }
        #expect(try NeedRules.description(nil) == "")
        #expect(try NeedRules.description("   ") == "")
        #expect(throws: TandemError.self) { try NeedRules.description(String(repeating: "x", count: NeedRules.descriptionLimit + 1)) }
    }

    @Test("effort: none, or 0 to the limit")
    func effort() throws {
        #expect(try NeedRules.effort(nil) == nil)
        #expect(try NeedRules.effort(0) == 0)
        #expect(try NeedRules.effort(Decimal(NeedRules.effortLimit)) == Decimal(NeedRules.effortLimit))
        for bad: Decimal in [-0.5, Decimal(NeedRules.effortLimit) + 1, .nan] {
            do {
                _ = try NeedRules.effort(bad)
                Issue.record("\(bad) accepted")
            } catch let error as TandemError {
                #expect(error.field == "effort_hours" && error.reason == .outOfRange)
            }
        }
    }

    @Test("a goal takes needs only while open: active and the day within its dates")
    func goal() throws {
        let day = CalendarDate("2026-06-15")!
        func goal(_ starts: CalendarDate?, _ ends: CalendarDate?, active: Bool = true) -> StrategicGoal {
            StrategicGoal(id: StrategicGoal.ID(UUID()), title: "数字化", weight: 50, startsOn: starts, endsOn: ends, isActive: active)
        }
        let open = goal(CalendarDate("2026-01-01")!, CalendarDate("2026-12-31")!)
        #expect(try NeedRules.goal(open, linkedOn: day).id == open.id)
        #expect(try NeedRules.goal(goal(nil, nil), linkedOn: day).title == "数字化")
        #expect(try NeedRules.goal(goal(day, day), linkedOn: day).title == "数字化", "its first and last day count")
        for refused in [
            goal(nil, CalendarDate("2026-06-14")!), goal(CalendarDate("2026-06-16")!, nil),
            goal(nil, nil, active: false), nil,
        ] {
            #expect(throws: TandemError.self) { try NeedRules.goal(refused, linkedOn: day) }
        }
    }
}
