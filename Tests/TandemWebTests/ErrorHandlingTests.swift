import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@Suite("Bad input")
struct ErrorHandlingTests {
    struct BadBody: Sendable, CustomTestStringConvertible {
        var json: String
        var status: HTTPResponseStatus
        var field: String?
        var testDescription: String { json }
    }

    static let badRaises: [BadBody] = [
        BadBody(json: "{not json", status: .badRequest, field: nil),
        BadBody(json: "[1,2]", status: .badRequest, field: nil),
        BadBody(json: #"{"title":"x","kind":"technology","surprise":1}"#, status: .unprocessableEntity, field: "surprise"),
        BadBody(json: #"{"title":42}"#, status: .badRequest, field: "title"),
        BadBody(json: #"{"description":"no title"}"#, status: .badRequest, field: "title"),
        BadBody(
            json: #"{"title":"x","kind":"magic","providing_department_id":"00000000-0000-0000-0000-000000000001"}"#, status: .badRequest,
            field: "kind"),
        BadBody(json: #"{"title":"x","urgency":"asap"}"#, status: .badRequest, field: "urgency"),
        BadBody(json: #"{"title":"x","offering_id":"not-a-uuid"}"#, status: .badRequest, field: "offering_id"),
        BadBody(json: #"{"title":"x","desired_date":"2026-02-30"}"#, status: .badRequest, field: "desired_date"),
        BadBody(
            json: #"{"title":"\#(String(repeating: "长", count: 201))","kind":"information","providing_department_id":"PROVIDER"}"#,
            status: .unprocessableEntity, field: "title"),
        BadBody(
            json: #"{"title":"   ","kind":"information","providing_department_id":"PROVIDER"}"#, status: .unprocessableEntity,
            field: "title"),
        BadBody(json: #"{"title":"x","kind":"information"}"#, status: .unprocessableEntity, field: "providing_department_id"),
        BadBody(
            json: #"{"title":"x","kind":"information","providing_department_id":"PROVIDER","effort_hours":-1}"#,
            status: .unprocessableEntity, field: "effort_hours"),
        BadBody(
            json: #"{"title":"x","kind":"information","providing_department_id":"PROVIDER","form":{"a":"b"}}"#,
            status: .unprocessableEntity, field: "form.a"),
        BadBody(
            json: #"{"title":"x","offering_id":"OFFERING","form":{"system":"SAP"}}"#, status: .unprocessableEntity, field: "form.system"),
        BadBody(json: #"{"title":"x","offering_id":"OFFERING"}"#, status: .unprocessableEntity, field: "form.system"),
        BadBody(
            json: #"{"title":"x","offering_id":"OFFERING","form":{"system":"CRM","seats":"many"}}"#, status: .unprocessableEntity,
            field: "form.seats"),
    ]

    @Test("a bad need is a 4xx naming the field, and nothing is written", arguments: TestDatabase.all, badRaises)
    func badRaise(database: TestDatabase, bad: BadBody) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let json = bad.json.replacingOccurrences(of: "PROVIDER", with: company.it.id.description)
                .replacingOccurrences(of: "OFFERING", with: company.accountOffering.id.description)
            // MUT
            let response = try await app.request(.POST, "/api/v1/needs", token: company.token(company.salesEmployee), json: json)
            // validate
            #expect(response.status == bad.status, "\(response.text)")
            #expect(response.errorField == bad.field)
            #expect(response.errorCode != nil)
            let list = try await app.request(.GET, "/api/v1/needs", token: company.token(company.admin))
            #expect(list.items.isEmpty)
        }
    }

    @Test("every invalid field of one input is listed, each with a stable reason", arguments: TestDatabase.all)
    func everyInvalidField(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let json = #"{"title":" ","offering_id":"\#(company.accountOffering.id)","form":{"seats":"many","colour":"red"}}"#
            // MUT
            let response = try await app.request(.POST, "/api/v1/needs", token: company.token(company.salesEmployee), json: json)
            // validate
            #expect(response.status == .unprocessableEntity)
            let error = try #require(response.object["error"] as? [String: Any])
            #expect(error["field"] as? String == "title")
            #expect(error["reason"] as? String == "required")
            let fields = (error["fields"] as? [[String: Any]] ?? []).map {
                "\($0["field"] as? String ?? "")=\($0["reason"] as? String ?? "-")"
            }
            #expect(fields == ["title=required", "form.colour=-", "form.system=required", "form.seats=not_a_number"])
            #expect(try await app.services.needs.count(NeedQuery(), for: company.admin) == 0)
        }
    }

    @Test("malformed ids, unknown routes and unknown query parameters", arguments: TestDatabase.all)
    func malformed(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let token = company.token(company.salesEmployee)
            #expect(try await app.request(.GET, "/api/v1/needs/12345", token: token).status == .notFound)
            #expect(try await app.request(.GET, "/api/v1/needs/N-2026-999999", token: token).status == .notFound)
            #expect(try await app.request(.GET, "/api/v1/nothing-here", token: token).status == .notFound)
            let unknownParameter = try await app.request(.GET, "/api/v1/needs?stauts=new", token: token)
            #expect(unknownParameter.status == .unprocessableEntity)
            #expect(unknownParameter.errorField == "stauts")
            let badStatus = try await app.request(.GET, "/api/v1/needs?status=done", token: token)
            #expect(badStatus.errorField == "status")
            let badLimit = try await app.request(.GET, "/api/v1/needs?limit=5000", token: token)
            #expect(badLimit.errorField == "limit")
            let badCursor = try await app.request(.GET, "/api/v1/needs?cursor=abc", token: token)
            #expect(badCursor.errorField == "cursor")
            let noAuth = try await app.request(.GET, "/api/v1/needs")
            #expect(noAuth.status == .unauthorized)
            #expect(noAuth.errorCode == "unauthenticated")
            let badToken = try await app.request(.GET, "/api/v1/needs", token: "tdm_forged")
            #expect(badToken.status == .unauthorized)
        }
    }

    @Test("an oversized body is refused with 413", arguments: TestDatabase.all)
    func oversized(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let huge = #"{"title":"x","description":""# + String(repeating: "a", count: 1_100_000) + #""}"#
            let response = try await app.request(.POST, "/api/v1/needs", token: company.token(company.salesEmployee), json: huge)
            #expect(response.status == .payloadTooLarge)
            #expect(response.errorCode == "payload_too_large")
        }
    }

    @Test("invalid transitions are conflicts; illegal ones forbidden", arguments: TestDatabase.all)
    func transitions(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("流程", by: company.salesEmployee, in: app)
            let path = "/api/v1/needs/\(need.id)/transitions"
            let close = try await app.request(.POST, path, token: company.token(company.itAgent), json: #"{"action":"close"}"#)
            #expect(close.status == .conflict)
            #expect(close.errorCode == "invalid_transition")
            let byRequester = try await app.request(.POST, path, token: company.token(company.salesEmployee), json: #"{"action":"accept"}"#)
            #expect(byRequester.status == .forbidden)
            let unknown = try await app.request(.POST, path, token: company.token(company.itAgent), json: #"{"action":"teleport"}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorField == "action")
            let stored = try #require(try await app.services.needs.needs.need(need.id))
            #expect(stored.status == .new)
            #expect(stored.version == 1)
        }
    }
}
