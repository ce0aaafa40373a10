import Foundation
import TandemCore
import Testing

@Suite("Permissions")
struct PermissionTests {
    static let requester = Fixtures.person(1, Fixtures.sales, [.employee])
    static let colleague = Fixtures.person(2, Fixtures.sales, [.employee])
    static let salesManager = Fixtures.person(3, Fixtures.sales, [.manager])
    static let itAgent = Fixtures.person(4, Fixtures.it, [.agent])
    static let itManager = Fixtures.person(5, Fixtures.it, [.manager])
    static let itEmployee = Fixtures.person(6, Fixtures.it, [.employee])
    static let hrAgent = Fixtures.person(7, Fixtures.hr, [.agent])
    static let admin = Fixtures.person(8, Fixtures.hr, [.admin])
    static let assignedAgent = Fixtures.person(9, Fixtures.it, [.agent])

    struct Case: Sendable, CustomTestStringConvertible {
        var reader: Person
        var confidential: Bool
        var canRead: Bool
        var testDescription: String { "\(reader.login) confidential=\(confidential) → \(canRead)" }
    }

    /// Who reads a need raised by Sales for IT, assigned to `assignedAgent`.
    static let readCases: [Case] = [
        Case(reader: requester, confidential: false, canRead: true),
        Case(reader: requester, confidential: true, canRead: true),
        Case(reader: colleague, confidential: false, canRead: true),
        Case(reader: colleague, confidential: true, canRead: false),
        Case(reader: salesManager, confidential: false, canRead: true),
        Case(reader: salesManager, confidential: true, canRead: false),
        Case(reader: itAgent, confidential: false, canRead: true),
        Case(reader: itAgent, confidential: true, canRead: false),
        Case(reader: assignedAgent, confidential: true, canRead: true),
        Case(reader: itManager, confidential: true, canRead: true),
        Case(reader: itEmployee, confidential: false, canRead: false),
        Case(reader: hrAgent, confidential: false, canRead: false),
        Case(reader: admin, confidential: true, canRead: true),
    ]

    @Test("who reads a need", arguments: readCases)
    func reading(_ testCase: Case) {
        // setup
        let need = Fixtures.need(requester: Self.requester, confidential: testCase.confidential, assignees: [Self.assignedAgent.id])
        // MUT + validate
        #expect(AccessPolicy.canRead(need, testCase.reader) == testCase.canRead)
        #expect(NeedVisibility(for: testCase.reader).admits(need) == testCase.canRead)
    }

    @Test func providersWorkButRequestersDoNot() {
        let need = Fixtures.need(requester: Self.requester)
        #expect(AccessPolicy.availableActions(on: need, Self.itAgent) == [.accept, .start, .reject])
        #expect(AccessPolicy.availableActions(on: need, Self.requester) == [.withdraw])
        #expect(AccessPolicy.availableActions(on: need, Self.colleague).isEmpty)
        #expect(AccessPolicy.availableActions(on: need, Self.hrAgent).isEmpty)
        #expect(AccessPolicy.availableActions(on: need, Self.admin) == [.accept, .start, .reject, .withdraw])
    }

    @Test func internalNotesAreForProvidersOnly() {
        let need = Fixtures.need(requester: Self.requester)
        #expect(AccessPolicy.canComment(.internal, on: need, Self.itAgent))
        #expect(!AccessPolicy.canComment(.internal, on: need, Self.requester))
        #expect(AccessPolicy.canComment(.public, on: need, Self.requester))
        #expect(!AccessPolicy.seesInternal(of: need, Self.requester))
        #expect(!AccessPolicy.seesInternal(of: need, Self.itEmployee))
        #expect(AccessPolicy.seesInternal(of: need, Self.itManager))
    }

    @Test func catalogsAndPeopleAreManagedByTheirDepartment() {
        #expect(AccessPolicy.canManageCatalog(of: Fixtures.it, Self.itManager))
        #expect(!AccessPolicy.canManageCatalog(of: Fixtures.it, Self.itAgent))
        #expect(!AccessPolicy.canManageCatalog(of: Fixtures.it, Self.salesManager))
        #expect(AccessPolicy.canManageCatalog(of: Fixtures.it, Self.admin))
        #expect(AccessPolicy.canManagePeople(of: Fixtures.sales, Self.salesManager))
        #expect(!AccessPolicy.canManagePeople(of: Fixtures.it, Self.salesManager))
        #expect(!AccessPolicy.canManageDepartments(Self.itManager))
        #expect(!AccessPolicy.canMovePeople(Self.salesManager) && AccessPolicy.canMovePeople(Self.admin))
        #expect(AccessPolicy.canChangeRoles(from: [.employee], to: [.employee, .manager, .agent], Self.salesManager))
        #expect(!AccessPolicy.canChangeRoles(from: [.employee], to: [.employee, .admin], Self.salesManager))
        #expect(!AccessPolicy.canChangeRoles(from: [.admin], to: [.employee], Self.itManager))
        #expect(AccessPolicy.canChangeRoles(from: [.employee], to: [.admin], Self.admin))
    }

    @Test func confidentialityIsChangedByRequesterProviderManagerAndAdmin() {
        let need = Fixtures.need(requester: Self.requester)
        #expect(AccessPolicy.canChangeConfidentiality(need, Self.requester))
        #expect(AccessPolicy.canChangeConfidentiality(need, Self.itManager))
        #expect(!AccessPolicy.canChangeConfidentiality(need, Self.itAgent))
        #expect(!AccessPolicy.canChangeConfidentiality(need, Self.colleague))
    }

    /// Each person of the table against IT: works for it, manages it, reads and makes its plans,
    /// sees its provider dashboard and the company's.
    static let insightCases: [(Person, works: Bool, manages: Bool, plans: Bool, dashboard: Bool, company: Bool)] = [
        (requester, false, false, false, false, false),
        (salesManager, false, false, false, false, true),
        (itAgent, true, false, false, true, false),
        (itManager, true, true, true, true, true),
        (itEmployee, false, false, false, true, false),
        (hrAgent, false, false, false, false, false),
        (admin, false, false, true, true, true),
    ]

    @Test func planningAndDashboards() {
        for (person, works, manages, plans, dashboard, company) in Self.insightCases {
            #expect(AccessPolicy.worksFor(Fixtures.it, person) == works, "\(person.login) works for IT")
            #expect(AccessPolicy.manages(Fixtures.it, person) == manages, "\(person.login) manages IT")
            #expect(
                InsightAccess.canReadPlans(of: Fixtures.it, person) == (works || person.has(.admin)), "\(person.login) reads IT's plans")
            #expect(InsightAccess.canPlan(Fixtures.it, person) == plans, "\(person.login) plans IT")
            #expect(InsightAccess.canSee(.department(Fixtures.it, .provider), person) == dashboard, "\(person.login) sees IT's dashboard")
            #expect(InsightAccess.canSee(.company, person) == company, "\(person.login) sees the company's dashboard")
            #expect(InsightAccess.canSee(.person(Self.requester.id), person) == (person.id == Self.requester.id || person.has(.admin)))
        }
    }

    @Test func evaluations() {
        let invitation = EvaluationInvitation(
            id: .init(UUID()), cycleID: .init(UUID()), raterID: Fixtures.sales, providerID: Fixtures.it, needCount: 3)
        let cycle = EvaluationCycle(
            id: invitation.cycleID, name: "评价", period: ReportingPeriod("2026-Q3")!, providerID: Fixtures.it,
            dimensions: EvaluationDimension.standard, asksRecommendation: true, closesOn: nil, status: .open,
            openedBy: Self.itManager.id, createdAt: Fixtures.epoch, closedAt: nil)
        // (person, opens for IT, opens for everyone, conducts the cycle, sees the answer, answers, answers for their department)
        let cases: [(Person, Bool, Bool, Bool, Bool, Bool, Bool)] = [
            (Self.requester, false, false, false, false, false, false),
            (Self.salesManager, false, false, false, true, true, true),
            (Self.itAgent, false, false, false, false, false, false),
            (Self.itManager, true, false, true, true, false, true),
            (Self.hrAgent, false, false, false, false, false, false),
            (Self.admin, true, true, true, true, true, false),
        ]
        for (person, opensIT, opensAll, conducts, sees, answers, answersForOwn) in cases {
            #expect(EvaluationAccess.canOpen(for: Fixtures.it, person) == opensIT, "\(person.login) opens for IT")
            #expect(EvaluationAccess.canOpen(for: nil, person) == opensAll, "\(person.login) opens for every provider")
            #expect(EvaluationAccess.canConduct(cycle, person) == conducts, "\(person.login) closes and reminds")
            #expect(EvaluationAccess.seesResponse(invitation, person) == sees, "\(person.login) reads Sales's answer")
            #expect(EvaluationAccess.mayAnswer(invitation, person) == answers, "\(person.login) answers for Sales")
            #expect(EvaluationAccess.answersForDepartment(person) == answersForOwn, "\(person.login) answers for their department")
        }
    }

    @Test func meetingsDraftsAndSuggestions() {
        let day = CalendarDate("2026-11-02")!
        // a meeting of Sales with IT's agent attending, recorded by Sales's manager
        let meeting = Meeting(
            id: .init(UUID()), title: "供需会", heldOn: day, departmentIDs: [Fixtures.sales], attendeeIDs: [Self.itAgent.id],
            minutes: "", recordedBy: Self.salesManager.id, createdAt: Fixtures.epoch)
        let suggestion = Suggestion(
            id: .init(UUID()), departmentID: Fixtures.it, body: "建议", authorID: nil, authorDepartmentID: nil, submittedOn: day)
        // (person, records meetings, reads the meeting, runs it, works IT's drafts and deals with its suggestions)
        let cases: [(Person, Bool, Bool, Bool, Bool)] = [
            (Self.requester, false, true, false, false),
            (Self.salesManager, true, true, true, false),
            (Self.itAgent, false, true, false, true),
            (Self.itManager, true, false, false, true),
            (Self.itEmployee, false, false, false, false),
            (Self.hrAgent, false, false, false, false),
            (Self.admin, true, true, true, true),
        ]
        for (person, records, reads, runs, works) in cases {
            #expect(
                CollaborationAccess.canRecordMeetings(person) == records && CollaborationAccess.canBuildSurveys(person) == records,
                "\(person.login) records meetings and builds surveys")
            #expect(CollaborationAccess.reads(meeting, person) == reads, "\(person.login) reads the meeting")
            #expect(CollaborationAccess.runs(meeting, person) == runs, "\(person.login) runs the meeting")
            #expect(CollaborationAccess.worksDrafts(of: Fixtures.it, person) == works, "\(person.login) works IT's drafts")
            #expect(CollaborationAccess.dealsWith(suggestion, person) == works, "\(person.login) deals with IT's suggestions")
        }
    }

    @Test("who serves, works a queue, is assigned, sees every department and answers for the provider")
    func rolesNamedOnce() {
        let everyone = [Self.requester, Self.salesManager, Self.itAgent, Self.itManager, Self.itEmployee, Self.admin]
        #expect(everyone.filter(AccessPolicy.servesNeeds).map(\.login) == ["p3", "p4", "p5"])
        #expect(everyone.filter(AccessPolicy.worksQueue).map(\.login) == ["p3", "p4", "p5", "p8"])
        #expect(everyone.filter(AccessPolicy.seesEveryDepartment).map(\.login) == ["p8"])
        #expect(everyone.filter(AccessPolicy.canGrantAdministrator).map(\.login) == ["p8"])
        var gone = Self.itAgent
        gone.isActive = false
        #expect(AccessPolicy.isAssignable(Self.itAgent) && !AccessPolicy.isAssignable(gone) && !AccessPolicy.isAssignable(Self.itEmployee))
        // a confidential need of IT: its clock counts IT's agents even where they may not read it
        let need = Fixtures.need(requester: Self.requester, confidential: true, assignees: [Self.hrAgent.id])
        let answering = [Self.requester, Self.itAgent, Self.itManager, Self.itEmployee, Self.hrAgent, Self.admin, Self.salesManager]
            .filter { AccessPolicy.answersForProvider(of: need, $0) }.map(\.login)
        #expect(answering == ["p4", "p5", "p7", "p8"])
        #expect(!AccessPolicy.canRead(need, Self.itAgent))
    }
}
