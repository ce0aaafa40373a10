import Foundation
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemWeb

@Suite("The set-up guide on an administrator's home")
struct SetupGuideTests {
    @Test func stepsInOrderWithWhatIsDone() {
        let new = SetupGuide.Facts(departments: 1, people: 1, offerings: 0, hasCalendar: false, hasPolicy: false)
        #expect(SetupGuide.steps(new)?.map(\.step) == [.departments, .people, .catalogs, .calendar, .serviceLevels])
        #expect(SetupGuide.steps(new)?.allSatisfy { !$0.done } == true)
        let set = SetupGuide.Facts(departments: 2, people: 2, offerings: 1, hasCalendar: true, hasPolicy: true)
        #expect(SetupGuide.steps(set) == nil, "gone once every step is done")
    }

    @Test("the guide shows what is left, to administrators only, and goes once the company is set up")
    func onTheHomePage() async throws {
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            _ = try await browser.signIn(company.admin.login)
            let home = try await browser.get("/")
            #expect(home.text.contains("id=\"setup-guide\""))
            #expect(
                home.text.contains("id=\"setup-departments\" data-done=\"true\"")
                    && home.text.contains("id=\"setup-catalogs\" data-done=\"true\""))
            #expect(home.text.contains("id=\"setup-calendar\" data-done=\"false\""))

            _ = try await browser.signIn(company.salesEmployee.login)
            #expect(!(try await browser.get("/").text.contains("setup-guide")), "not for an employee")

            let calendar = try await app.services.serviceLevels.calendar(of: nil, for: company.admin)
            _ = try await app.services.serviceLevels.setCalendar(calendar, of: nil, by: company.admin)
            try await app.services.serviceLevels.setPolicy(.standard, of: nil, by: company.admin)
            _ = try await browser.signIn(company.admin.login)
            #expect(!(try await browser.get("/").text.contains("setup-guide")), "gone once set up")
        }
    }
}
