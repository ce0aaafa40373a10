import Foundation
import TandemCore
import TandemTestSupport
import Testing

/// What a browser sends is what is stored: textareas arrive with CRLF line ends.
@Suite("Form text")
struct FormTextTests {
    @Test(
        "the calendar form sent with CRLF keeps every holiday apart, and its own rendering saved again changes nothing",
        arguments: TestDatabase.all)
    func calendarWithCRLF(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let hours = Weekday.allCases.map { ("hours_\($0.name)", $0.rawValue <= 5 ? "09:00-12:00, 13:30-18:00" : "") }
            let fields =
                [
                    ("department", "company"), ("name", "中国大陆 Mainland China"), ("time_zone", "Asia/Shanghai"),
                    ("holidays", "2026-01-01..2026-01-03 元旦\r\n2026-02-15..2026-02-23 春节\r\n2026-10-01..2026-10-07 国庆节\r\n"),
                    ("make_up_workdays", "2026-01-04 monday\r\n2026-02-14 monday\r\n"),
                ] + hours
            // MUT
            let saved = try await browser.post("/admin/service-levels/calendar", fields)
            // validate
            #expect(saved.status == .seeOther)
            let calendar = try await app.services.serviceLevels.calendar(of: nil, for: company.admin)
            #expect(calendar.holidays.count == 19)
            #expect(calendar.holidays[CalendarDate("2026-02-23")!] == "春节" && calendar.holidays[CalendarDate("2026-10-07")!] == "国庆节")
            #expect(calendar.makeUpWorkdays.count == 2)
            // the page shows it as lines; sent back unchanged (with CRLF, as a browser does), nothing changes
            let page = try await browser.get("/admin/service-levels")
            func shown(_ name: String) throws -> String {
                try #require(
                    page.text.range(of: #"name="\#(name)""#).flatMap { start in
                        page.text[start.upperBound...].split(separator: ">", maxSplits: 1).last?.split(separator: "<", maxSplits: 1).first
                    }
                    .map(String.init))
            }
            // the make-up days are shown with the reader's weekday names
            #expect(try shown("make_up_workdays") == "2026-01-04 周一\n2026-02-14 周一")
            let again = try fields.map { field in
                ["holidays", "make_up_workdays"].contains(field.0)
                    ? (field.0, try shown(field.0).replacingOccurrences(of: "\n", with: "\r\n")) : field
            }
            #expect(try await browser.post("/admin/service-levels/calendar", again).status == .seeOther)
            #expect(try await app.services.serviceLevels.calendar(of: nil, for: company.admin) == calendar)
        }
    }
}
