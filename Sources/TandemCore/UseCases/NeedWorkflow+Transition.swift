import Foundation

extension NeedWorkflow {
    /// Moves a need along its lifecycle (`accept`, `resolve`, `reopen` …), optionally with a
    /// public reply that explains the step.
    public func transition(_ id: Need.ID, _ action: NeedAction, reply: String? = nil, by actor: Person) async throws -> Need {
        let replyBody = try Validate.optionalText(reply, field: "reply", max: 20_000)
        return try await mutate(id, by: actor) { current in
            guard let transition = NeedLifecycle.transition(action, from: current.status) else {
                throw TandemError(
                    .invalidTransition,
                    "cannot \(word: action.rawValue, family: "action") a need that is \(word: current.status.rawValue, family: "status")",
                    field: "action")
            }
            guard AccessPolicy.may(transition.permission, on: current, actor) else {
                throw TandemError.forbidden("you may not \(word: action.rawValue, family: "action") this need")
            }
            let now = clock.now()
            var need = current
            need.status = transition.to
            need.updatedAt = now
            switch transition.to {
            case .resolved: need.resolvedAt = now
            case .closed, .rejected: need.closedAt = now
            default:
                if action == .reopen {
                    need.resolvedAt = nil
                    need.closedAt = nil
                }
            }
            var events = [
                event(
                    .transitioned, on: need, by: actor, at: now,
                    changes: [
                        .init(field: "status", old: current.status.rawValue, new: need.status.rawValue),
                        .init(field: "action", old: nil, new: action.rawValue),
                    ])
            ]
            var comments: [NeedComment] = []
            if let replyBody {
                let comment = NeedComment(
                    id: ids.next(), needID: need.id, authorID: actor.id, body: replyBody,
                    visibility: .public, createdAt: now)
                comments.append(comment)
                events.append(event(.replied, on: need, by: actor, at: now, commentID: comment.id))
            }
            return NeedWrite(need: need, events: events, comments: comments)
        }
    }

    /// Sets who works the need: agents or managers of the providing department.
    public func assign(_ id: Need.ID, to assigneeIDs: [Person.ID], by actor: Person) async throws -> Need {
        try await mutate(id, by: actor) { current in
            guard AccessPolicy.canAssign(current, actor) else {
                throw TandemError.forbidden("only the providing department assigns this need")
            }
            let assignees = try await validatedAssignees(assigneeIDs, provider: current.providingDepartmentID, field: "assignee_ids")
            let now = clock.now()
            var need = current
            need.assigneeIDs = assignees
            need.updatedAt = now
            let change = NeedEvent.Change(
                field: "assignees", old: current.assigneeIDs.map(\.description).joined(separator: ","),
                new: assignees.map(\.description).joined(separator: ","))
            return NeedWrite(need: need, events: [event(.assigned, on: need, by: actor, at: now, changes: [change])])
        }
    }

    /// Adds a public reply or an internal note.
    public func comment(on id: Need.ID, body: String, visibility: NeedEvent.Visibility, by actor: Person) async throws -> NeedComment {
        let text = try Validate.requiredText(body, field: "body", max: 20_000)
        var added: NeedComment?
        _ = try await mutate(id, by: actor) { current in
            guard AccessPolicy.canComment(visibility, on: current, actor) else {
                throw TandemError.forbidden("only the providing department writes internal notes")
            }
            let now = clock.now()
            var need = current
            need.updatedAt = now
            let comment = NeedComment(
                id: ids.next(), needID: need.id, authorID: actor.id, body: text,
                visibility: visibility, createdAt: now)
            added = comment
            let kind: NeedEvent.Kind = visibility == .public ? .replied : .noted
            return NeedWrite(
                need: need, events: [event(kind, on: need, by: actor, at: now, visibility: visibility, commentID: comment.id)],
                comments: [comment])
        }
        return added!
    }

    /// The need's history as the actor may see it: internal events only for its providers.
    public func history(of id: Need.ID, for actor: Person) async throws -> [NeedEvent] {
        try await record(of: need(id, for: actor), for: actor).events
    }

    /// The replies, and for providers the internal notes, oldest first.
    public func comments(of id: Need.ID, for actor: Person) async throws -> [NeedComment] {
        try await record(of: need(id, for: actor), for: actor).comments
    }

    /// Everything recorded on a need the actor has read (its page): history, replies and notes,
    /// attachments, filtered for the actor, without reading the need again.
    public func record(of need: Need, for actor: Person) async throws -> NeedRecord {
        guard AccessPolicy.canRead(need, actor) else { throw TandemError.notFound("need") }
        let internalToo = AccessPolicy.seesInternal(of: need, actor)
        let events = try await needs.events(of: need.id)
        let comments = try await needs.comments(of: need.id)
        return NeedRecord(
            events: internalToo ? events : events.filter { $0.visibility == .public },
            comments: internalToo ? comments : comments.filter { $0.visibility == .public },
            attachments: try await needs.attachments(of: need.id))
    }
}

/// What is recorded on a need, as one reader may see it.
public struct NeedRecord: Sendable {
    public var events: [NeedEvent]
    public var comments: [NeedComment]
    public var attachments: [Attachment]
}
