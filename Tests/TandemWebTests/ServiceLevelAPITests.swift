import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@Suite("Service levels API")
struct ServiceLevelAPITests {
    static let officeHours =
        #"{"name":"IT 值班","time_zone":"Asia/Shanghai","weekly_hours":{"monday":["09:00-12:00","13:30-18:00"],"tuesday":["09:00-18:00"]},"holidays":{"2026-12-01":"团建"},"make_up_workdays":{"2026-12-05":"tuesday"}}"#

    @Test("calendars: the built-in default, a department's own, set only by its managers", arguments: TestDatabase.all)
    func calendars(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            // the built-in calendar is the default
            let builtIn = try await app.request(.GET, "/api/v1/calendars/default", token: company.token(company.salesEmployee))
            #expect(builtIn["time_zone"] == "Asia/Shanghai")
            #expect((builtIn.object["holidays"] as? [String: String])?["2026-02-17"] == "春节")
            // IT inherits it until it sets its own
            let path = "/api/v1/departments/\(company.it.id)/calendar"
            #expect(try await app.request(.GET, path, token: company.token(company.itAgent)).text == builtIn.text)
            let refused = try await app.request(.PUT, path, token: company.token(company.itAgent), json: Self.officeHours)
            #expect(refused.status == .forbidden)
            let otherManager = try await app.request(.PUT, path, token: company.token(company.salesManager), json: Self.officeHours)
            #expect(otherManager.status == .forbidden)
            let set = try await app.request(.PUT, path, token: company.token(company.itManager), json: Self.officeHours)
            #expect(set.status == .ok)
            let read = try await app.request(.GET, path, token: company.token(company.salesEmployee))
            #expect(read["name"] == "IT 值班")
            #expect((read.object["weekly_hours"] as? [String: [String]])?["tuesday"] == ["09:00-18:00"])
            #expect((read.object["make_up_workdays"] as? [String: String])?["2026-12-05"] == "tuesday")
            // the company default is unchanged; only administrators change it
            #expect(try await app.request(.GET, "/api/v1/calendars/default", token: company.token(company.itManager)).text == builtIn.text)
            #expect(
                try await app.request(.PUT, "/api/v1/calendars/default", token: company.token(company.itManager), json: Self.officeHours)
                    .status == .forbidden)
        }
    }

    @Test(
        "bad calendars name the field",
        arguments: [
            (#"{"name":"x","time_zone":"Mars/Base","weekly_hours":{"monday":["09:00-12:00"]}}"#, "time_zone"),
            (#"{"name":"x","time_zone":"UTC","weekly_hours":{"funday":["09:00-12:00"]}}"#, "weekly_hours"),
            (#"{"name":"x","time_zone":"UTC","weekly_hours":{"monday":["12:00-09:00"]}}"#, "weekly_hours[0]"),
            (#"{"name":"x","time_zone":"UTC","weekly_hours":{"monday":["09:00-12:00","11:00-13:00"]}}"#, "weekly_hours"),
            (#"{"name":"x","time_zone":"UTC","weekly_hours":{}}"#, "weekly_hours"),
            (#"{"name":"x","time_zone":"UTC","weekly_hours":{"monday":["09:00-12:00"]},"holidays":{"2026-02-30":"x"}}"#, "holidays"),
            (#"{"name":"x","time_zone":"UTC","weekly_hours":{"monday":["09:00-12:00"]},"extra":1}"#, "extra"),
        ])
    func badCalendars(json: String, field: String) async throws {
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            let response = try await app.request(.PUT, "/api/v1/calendars/default", token: company.token(company.admin), json: json)
            #expect(response.status.code >= 400 && response.status.code < 500)
            #expect(response.errorField?.hasPrefix(field.components(separatedBy: "[").first!) == true, "\(response.text)")
        }
    }

    @Test("holidays are imported from an .ics file", arguments: TestDatabase.all)
    func importICS(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let ics =
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270104\r\nSUMMARY:元旦\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270104\r\nSUMMARY:元旦补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            let path = "/api/v1/departments/\(company.it.id)/calendar/holidays"
            let refused = try await app.request(
                .POST, path, token: company.token(company.itAgent), body: Data(ics.utf8),
                headers: [("Content-Type", "text/calendar")])
            #expect(refused.status == .forbidden)
            let imported = try await app.request(
                .POST, path, token: company.token(company.itManager), body: Data(ics.utf8),
                headers: [("Content-Type", "text/calendar")])
            #expect(imported.object["imported_days"] as? Int == 4)
            let calendar = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/calendar", token: company.token(company.itAgent))
            #expect((calendar.object["holidays"] as? [String: String])?["2027-01-02"] == "元旦")
            #expect((calendar.object["holidays"] as? [String: String])?["2026-10-01"] == "国庆节")  // the built-in days stay
            #expect((calendar.object["make_up_workdays"] as? [String: String])?["2027-01-04"] == "monday")
            let broken = try await app.request(
                .POST, path, token: company.token(company.itManager), body: Data("nonsense".utf8),
                headers: [("Content-Type", "text/calendar")])
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.errorField == "file")
        }
    }

    @Test("a need's clocks follow the offering's policy and the provider's calendar", arguments: TestDatabase.all)
    func needClock(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            // round-the-clock targets so the test does not depend on the hour it runs at
            let policy =
                #"{"mode":"calendar","targets":{"p3":{"first_response_minutes":60,"resolution_minutes":600}},"warning_percent":75}"#
            let path = "/api/v1/offerings/\(company.accountOffering.id)/service-level"
            #expect(try await app.request(.PUT, path, token: company.token(company.itAgent), json: policy).status == .forbidden)
            #expect(try await app.request(.PUT, path, token: company.token(company.itManager), json: policy).status == .ok)
            let stored = try await app.request(.GET, path, token: company.token(company.salesEmployee))
            #expect(stored["mode"] == "calendar")
            #expect(stored.object["pausing_statuses"] as? [String] == ["waiting_on_requester"])

            let need = try await company.raise("时钟", by: company.salesEmployee, in: app)
            let clock = try await app.request(.GET, "/api/v1/needs/\(need.id)/service-level", token: company.token(company.salesEmployee))
            let firstResponse = try #require(clock.object["first_response"] as? [String: Any])
            #expect(firstResponse["target_minutes"] as? Int == 60)
            #expect(firstResponse["state"] as? String == "running")
            #expect(firstResponse["achieved_at"] == nil)
            let due = try #require(Timestamp(firstResponse["due_at"] as? String))
            #expect(abs(due.timeIntervalSince(need.createdAt) - 3600) < 1)

            _ = try await app.services.needs.comment(on: need.id, body: "收到", visibility: .public, by: company.itAgent)
            let answered = try await app.request(
                .GET, "/api/v1/needs/\(need.id)/service-level", token: company.token(company.salesEmployee))
            #expect((answered.object["first_response"] as? [String: Any])?["state"] as? String == "met")
            #expect((answered.object["resolution"] as? [String: Any])?["target_minutes"] as? Int == 600)
            let outsider = try await app.request(.GET, "/api/v1/needs/\(need.id)/service-level", token: company.token(company.hrAgent))
            #expect(outsider.status == .notFound)
        }
    }
}

/// Reads the API's timestamps in tests.
func Timestamp(_ text: String?) -> Date? {
    guard let text else { return nil }
    return try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true))
}
