import Foundation
import TandemCore
import Testing

@Suite("Lifecycle")
struct LifecycleTests {
    /// Every (action, from) pair the lifecycle allows, and where it leads. Anything not listed is refused.
    static let allowed: [NeedAction: [NeedStatus: NeedStatus]] = [
        .accept: [.new: .accepted],
        .start: [.new: .inProgress, .accepted: .inProgress],
        .askRequester: [.accepted: .waitingOnRequester, .inProgress: .waitingOnRequester],
        .respond: [.waitingOnRequester: .inProgress],
        .resolve: [.accepted: .resolved, .inProgress: .resolved, .waitingOnRequester: .resolved],
        .close: [.resolved: .closed],
        .reject: [.new: .rejected, .accepted: .rejected],
        .reopen: [.resolved: .inProgress, .closed: .inProgress],
        .withdraw: [.new: .closed, .accepted: .closed, .waitingOnRequester: .closed],
    ]

    @Test("the transition table is exactly the documented one", arguments: NeedAction.allCases)
    func table(action: NeedAction) {
        for status in NeedStatus.allCases {
            // MUT
            let transition = NeedLifecycle.transition(action, from: status)
            // validate
            #expect(transition?.to == Self.allowed[action]?[status], "\(action) from \(status)")
        }
    }

    @Test func rejectedIsFinal() {
        #expect(NeedLifecycle.actions(from: .rejected).isEmpty)
    }

    @Test func groups() {
        #expect(NeedStatus.new.group == .initial)
        #expect(NeedStatus.waitingOnRequester.group == .active)
        #expect(NeedStatus.closed.group == .inactive)
        #expect(NeedStatus.allCases.filter(\.isOpen) == [.new, .accepted, .inProgress, .waitingOnRequester])
    }
}
