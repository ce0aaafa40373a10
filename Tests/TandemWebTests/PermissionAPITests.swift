import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

/// Each role tries to read and change other departments' needs and confidential needs through
/// the API; the answers must follow the documented rules, and a refused read must look exactly
/// like a missing record.
@Suite("Permissions through the API")
struct PermissionAPITests {
    @Test("reads, lists and changes across departments and confidentiality", arguments: TestDatabase.all)
    func matrix(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let open = try await company.raise("公开需求", by: company.salesEmployee, in: app)
            let secret = try await company.raise("保密需求", by: company.salesEmployee, in: app, confidential: true)
            let missing = Need.ID(UUID())
            let notFoundBody = try await app.request(.GET, "/api/v1/needs/\(missing)", token: company.token(company.hrAgent)).text

            for person in company.everyone {
                for need in [open, secret] {
                    let token = company.token(person)
                    let expected = AccessPolicy.canRead(need, person)
                    // read
                    let read = try await app.request(.GET, "/api/v1/needs/\(need.id)", token: token)
                    #expect(read.status == (expected ? .ok : .notFound), "\(person.login) reads \(need.title)")
                    if !expected {
                        #expect(read.text == notFoundBody, "a refused read looks like a missing record")
                        // every sub-resource and change is refused the same way
                        for (method, suffix, body) in [
                            (HTTPMethod.GET, "/events", nil), (.GET, "/comments", nil), (.GET, "/attachments", nil),
                            (.POST, "/comments", #"{"body":"hi"}"#), (.POST, "/transitions", #"{"action":"accept"}"#),
                            (.PATCH, "", #"{"title":"hijack"}"#), (.PUT, "/assignees", #"{"assignee_ids":[]}"#),
                            (.GET, "/rating", nil), (.PUT, "/rating", #"{"score":1}"#), (.GET, "/service-level", nil),
                        ] as [(HTTPMethod, String, String?)] {
                            let response = try await app.request(method, "/api/v1/needs/\(need.id)\(suffix)", token: token, json: body)
                            #expect(response.status == .notFound, "\(person.login) \(method) \(suffix) on \(need.title)")
                        }
                        let byNumber = try await app.request(.GET, "/api/v1/needs/\(need.number)", token: token)
                        #expect(byNumber.status == .notFound)
                    }
                    // list
                    let listed = try await app.request(.GET, "/api/v1/needs", token: token)
                    #expect(
                        listed.items.contains { $0["id"] as? String == need.id.description } == expected,
                        "\(person.login) lists \(need.title)")
                    // search: never returned, never counted
                    let query = need.title.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                    let found = try await app.request(.GET, "/api/v1/search?q=\(query)", token: token)
                    let hits = found.items.compactMap { ($0["need"] as? [String: Any])?["id"] as? String }
                    #expect(hits.contains(need.id.description) == expected, "\(person.login) finds \(need.title)")
                    #expect(found.object["total"] as? Int == hits.count)
                }
            }

            // changes by people who can read but may not work the need
            let colleague = company.token(company.salesColleague)
            let accept = try await app.request(
                .POST, "/api/v1/needs/\(open.id)/transitions", token: colleague, json: #"{"action":"accept"}"#)
            #expect(accept.status == .forbidden)
            let note = try await app.request(
                .POST, "/api/v1/needs/\(open.id)/comments", token: colleague, json: #"{"body":"x","visibility":"internal"}"#)
            #expect(note.status == .forbidden)
            let withdraw = try await app.request(
                .POST, "/api/v1/needs/\(open.id)/transitions", token: colleague, json: #"{"action":"withdraw"}"#)
            #expect(withdraw.status == .forbidden)
            let assign = try await app.request(
                .PUT, "/api/v1/needs/\(open.id)/assignees", token: company.token(company.salesManager),
                json: #"{"assignee_ids":[]}"#)
            #expect(assign.status == .forbidden)
            let stored = try #require(try await app.services.needs.needs.need(open.id))
            #expect(stored.version == open.version)
        }
    }

    @Test("organisation and catalog changes follow the roles", arguments: TestDatabase.all)
    func administration(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let department = #"{"name":"新部门","code":"NEW","is_provider":false}"#
            #expect(
                try await app.request(.POST, "/api/v1/departments", token: company.token(company.itManager), json: department).status
                    == .forbidden)
            #expect(
                try await app.request(.POST, "/api/v1/departments", token: company.token(company.admin), json: department).status
                    == .created)

            let offering = #"{"provider_id":"\#(company.it.id)","name":"新服务","kind":"service"}"#
            #expect(
                try await app.request(.POST, "/api/v1/offerings", token: company.token(company.itAgent), json: offering).status
                    == .forbidden)
            #expect(
                try await app.request(.POST, "/api/v1/offerings", token: company.token(company.salesManager), json: offering).status
                    == .forbidden)
            #expect(
                try await app.request(.POST, "/api/v1/offerings", token: company.token(company.itManager), json: offering).status
                    == .created)
            let toSales = #"{"provider_id":"\#(company.sales.id)","name":"x","kind":"service"}"#
            let notProvider = try await app.request(.POST, "/api/v1/offerings", token: company.token(company.admin), json: toSales)
            #expect(notProvider.errorField == "provider_id")

            let person = #"{"login":"new.hire","display_name":"新同事","department_id":"\#(company.sales.id)","roles":["agent"]}"#
            #expect(
                try await app.request(.POST, "/api/v1/people", token: company.token(company.itManager), json: person).status == .forbidden)
            #expect(
                try await app.request(.POST, "/api/v1/people", token: company.token(company.salesManager), json: person).status == .created)
            let makeAdmin = try await app.request(
                .PATCH, "/api/v1/people/\(company.salesEmployee.id)", token: company.token(company.salesManager),
                json: #"{"roles":["admin"]}"#)
            #expect(makeAdmin.status == .forbidden)
            let selfPromotion = try await app.request(
                .PATCH, "/api/v1/people/\(company.salesEmployee.id)", token: company.token(company.salesEmployee),
                json: #"{"roles":["manager"]}"#)
            #expect(selfPromotion.status == .forbidden)
            let ownLanguage = try await app.request(
                .PATCH, "/api/v1/people/\(company.salesEmployee.id)", token: company.token(company.salesEmployee),
                json: #"{"language":"en"}"#)
            #expect(ownLanguage["language"] == "en")
            let lastAdmin = try await app.request(
                .PATCH, "/api/v1/people/\(company.admin.id)", token: company.token(company.admin),
                json: #"{"roles":["employee"]}"#)
            #expect(lastAdmin.status == .unprocessableEntity)
            let matrix = try await app.request(
                .PUT, "/api/v1/settings/priority-matrix", token: company.token(company.itManager),
                json: #"{"cells":[["p1","p1","p1","p1"],["p1","p1","p1","p1"],["p1","p1","p1","p1"],["p1","p1","p1","p1"]]}"#)
            #expect(matrix.status == .forbidden)
        }
    }
}
