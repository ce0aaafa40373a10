import Foundation
import TandemCore
import Testing

@Suite("Values")
struct ValueTests {
    @Test(
        "the default matrix",
        arguments: [
            (Urgency.critical, Importance.critical, Priority.p1), (.high, .critical, .p1), (.critical, .high, .p1),
            (.high, .high, .p2), (.medium, .medium, .p3), (.low, .low, .p4), (.low, .critical, .p2), (.critical, .low, .p2),
            (.medium, .low, .p4), (.low, .high, .p3),
        ])
    func matrix(urgency: Urgency, importance: Importance, expected: Priority) {
        #expect(PriorityMatrix.standard.priority(urgency: urgency, importance: importance) == expected)
    }

    @Test func matrixMustBeFourByFour() throws {
        #expect(throws: TandemError.self) { try PriorityMatrix(cells: [[.p1]]) }
        let custom = try PriorityMatrix(cells: Array(repeating: [.p4, .p3, .p2, .p1], count: 4))
        #expect(custom.priority(urgency: .low, importance: .critical) == .p1)
        #expect(custom.priority(urgency: .critical, importance: .low) == .p4)
    }

    @Test(
        "need numbers",
        arguments: [
            ("N-2026-000123", 2026, 123), ("n-2026-000001", 2026, 1), ("N-2027-1234567", 2027, 1_234_567),
        ])
    func numbers(text: String, year: Int, sequence: Int) throws {
        let number = try #require(NeedNumber(text))
        #expect(number.year == year)
        #expect(number.sequence == sequence)
        #expect(NeedNumber(year: year, sequence: sequence).description == text.uppercased())
    }

    @Test(
        "malformed need numbers", arguments: ["N-2026-12", "X-2026-000001", "N-26-000001", "N-2026-00000a", "N-2026-000000", "", "N-2026-"])
    func badNumbers(text: String) {
        #expect(NeedNumber(text) == nil)
    }

    @Test("calendar dates", arguments: ["2026-02-29", "2026-13-01", "2026-04-31", "26-01-01", "2026-1-1"])
    func impossibleDates(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func leapDay() {
        #expect(CalendarDate("2028-02-29")?.description == "2028-02-29")
    }

    @Test func cursorRoundTripAndTampering() throws {
        let cursor = NeedCursor(sort: .priority, keys: ["p1", "1795000000.5"], id: .init(UUID()))
        #expect(try NeedCursor(token: cursor.token) == cursor)
        #expect(throws: TandemError.invalid("cursor", "cursor is not valid")) { try NeedCursor(token: "not-a-cursor") }
        var query = NeedQuery()
        query.cursor = cursor
        #expect(throws: TandemError.self) { try query.validated() }  // sort mismatch
        query.limit = 0
        #expect(throws: TandemError.invalid("limit", "limit must be between 1 and 200", .outOfRange, "1", "200")) { try query.validated() }
    }

    @Test func departmentCycles() throws {
        let a = Department.ID(UUID()), b = Department.ID(UUID()), c = Department.ID(UUID())
        let parents: [Department.ID: Department.ID?] = [a: nil, b: a, c: b]
        #expect(throws: TandemError.self) { try DepartmentTree.checkNoCycle(department: a, newParent: c, parents: parents) }
        #expect(throws: TandemError.self) { try DepartmentTree.checkNoCycle(department: a, newParent: a, parents: parents) }
        try DepartmentTree.checkNoCycle(department: c, newParent: a, parents: parents)
    }

    @Test("the tree in reading order: parents first, siblings by name, an orphan at the top")
    func departmentReadingOrder() {
        func department(_ name: String, _ parent: Department?) -> Department {
            Department(id: .init(UUID()), name: name, code: name.uppercased(), parentID: parent?.id, isProvider: false, createdAt: Date())
        }
        let root = department("root", nil)
        let zeta = department("zeta", root), alpha = department("alpha", root)
        let leaf = department("leaf", alpha)
        let orphan = Department(id: .init(UUID()), name: "orphan", code: "O", parentID: .init(UUID()), isProvider: false, createdAt: Date())
        let ordered = DepartmentTree.ordered([leaf, zeta, orphan, root, alpha])
        #expect(ordered.map { "\($0.department.name)@\($0.depth)" } == ["orphan@0", "root@0", "alpha@1", "leaf@2", "zeta@1"])
    }

    @Test func textValidation() throws {
        #expect(try Validate.requiredText("  标题  ", field: "title", max: 5) == "标题")
        #expect(throws: TandemError.invalid("title", "title must not be empty", .required)) {
            try Validate.requiredText("   ", field: "title", max: 5)
        }
        #expect(throws: TandemError.invalid("title", "title must be at most 3 characters", .tooLong, "3")) {
            try Validate.requiredText("四个字符", field: "title", max: 3)
        }
        #expect(throws: TandemError.self) { try Validate.login("Has Space") }
        #expect(try Validate.login("Xiao.Ming") == "xiao.ming")
        #expect(throws: TandemError.self) { try Validate.email("not-an-address") }
    }

    @Test func attachmentNames() throws {
        #expect(try AttachmentPolicy.cleanFileName("../../etc/passwd") == "passwd")
        #expect(try AttachmentPolicy.cleanFileName("C:\\docs\\报告.pdf") == "报告.pdf")
        #expect(throws: TandemError.self) { try AttachmentPolicy.cleanFileName("..") }
        #expect(AttachmentPolicy().accepts(contentType: "application/pdf; charset=binary"))
        #expect(!AttachmentPolicy().accepts(contentType: "application/x-msdownload"))
        #expect(AttachmentPolicy.content(Array("%PDF-1.4".utf8), fits: "application/pdf"))
        #expect(!AttachmentPolicy.content([0x4D, 0x5A], fits: "application/pdf"))
        #expect(
            AttachmentPolicy.content([0x50, 0x4B, 0x03, 0x04], fits: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        #expect(!AttachmentPolicy.content([0x41, 0x00, 0x42], fits: "text/plain"))
        #expect(AttachmentPolicy.content(Array("季度".utf8), fits: "text/csv"))
    }
}
