import Foundation

extension NeedRules {
    /// Whether `source` may be merged into `target` by `actor`:
    /// - the actor works both (the providing department's agents and managers, assignees, administrators);
    /// - not into itself; only an open need is merged, only into a need not merged or rejected;
    /// - confidentiality cannot leak either way: a confidential need goes only into a confidential
    ///   need of the same requester, and a need into a confidential one only from that requester.
    public static func checkMerge(_ source: Need, into target: Need, by actor: Person) throws {
        guard AccessPolicy.may(.provider, on: source, actor), AccessPolicy.may(.provider, on: target, actor) else {
            throw TandemError.forbidden("only the providing department merges needs")
        }
        guard source.id != target.id else {
            throw TandemError.invalid("into", "a need cannot be merged into itself", .mergeIntoItself)
        }
        guard source.status.isOpen else {
            throw TandemError(
                .invalidTransition, "only an open need can be merged; this one is \(word: source.status.rawValue, family: "status")",
                field: "action")
        }
        guard target.status != .merged, target.status != .rejected else {
            throw TandemError.invalid(
                "into", "\(target.number) is \(target.status.rawValue): merge into a need that goes on", .mergeTargetClosed,
                target.number.description)
        }
        guard source.isConfidential == target.isConfidential, !target.isConfidential || source.requesterID == target.requesterID
        else {
            throw TandemError.invalid(
                "into", "a confidential need is merged only with a confidential need of the same requester", .mergeConfidential)
        }
    }
}
