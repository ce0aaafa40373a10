import Foundation

extension NeedWorkflow {
    /// Merges a duplicate into the need where its work goes on, in one transaction: the duplicate
    /// is closed as `merged` and names the other; the other gains its requester and followers as
    /// followers (they read it and hear of it from now on), and copies of its replies, notes and
    /// attachments; each gets an event. The duplicate's requester and followers are told.
    ///
    /// `into` names the other need by its number (`N-2026-000123`) or its id.
    public func merge(_ id: Need.ID, into reference: String, by actor: Person) async throws -> (merged: Need, into: Need) {
        let reference = try Validate.requiredText(reference, field: "into", max: 100)
        var attempt = 0
        while true {
            let source = try await need(id, for: actor)
            guard let target = try await referenced(reference), AccessPolicy.canRead(target, actor) else {
                throw TandemError.invalid("into", "no need you may read has this number", .unknownRecord)
            }
            try NeedRules.checkMerge(source, into: target, by: actor)
            let writes = try await mergeWrites(source, into: target, by: actor)
            do {
                try await needs.apply([(writes.merged, source), (writes.into, target)])
                return (writes.merged.need, writes.into.need)
            } catch let error as TandemError where error.code == .conflict && attempt < 2 {
                attempt += 1
            }
        }
    }

    /// The need a number or an id names.
    func referenced(_ reference: String) async throws -> Need? {
        if let id = Need.ID(reference) { return try await needs.need(id) }
        if let number = NeedNumber(reference) { return try await needs.need(number: number) }
        return nil
    }

    func mergeWrites(_ source: Need, into target: Need, by actor: Person) async throws -> (merged: NeedWrite, into: NeedWrite) {
        let now = clock.now()
        var merged = source
        merged.status = .merged
        merged.mergedIntoID = target.id
        merged.closedAt = now
        merged.updatedAt = now
        merged.version += 1
        var sourceWrite = NeedWrite(
            need: merged,
            events: [
                event(
                    .merged, on: merged, by: actor, at: now,
                    changes: [
                        .init(field: "status", old: source.status.rawValue, new: NeedStatus.merged.rawValue),
                        .init(field: "merged_into", old: nil, new: target.number.description),
                    ])
            ])

        var into = target
        for person in [source.requesterID] + source.followerIDs
        where person != target.requesterID && !into.followerIDs.contains(person) {
            into.followerIDs.append(person)
        }
        into.updatedAt = now
        into.version += 1
        let comments = try await needs.comments(of: source.id).map { comment in
            NeedComment(
                id: ids.next(), needID: target.id, authorID: comment.authorID, body: comment.body, visibility: comment.visibility,
                createdAt: comment.createdAt)
        }
        let attachments = try await needs.attachments(of: source.id).map { attachment in
            var copy = attachment
            copy.id = ids.next()
            copy.needID = target.id
            return copy
        }
        let summary = event(
            .merged, on: into, by: actor, at: now,
            changes: [
                .init(field: "merged_from", old: nil, new: source.number.description),
                .init(field: "followers", old: String(target.followerIDs.count), new: String(into.followerIDs.count)),
                .init(field: "comments", old: nil, new: String(comments.count)),
                .init(field: "attachments", old: nil, new: String(attachments.count)),
            ])
        // NB: what came over is shown in the history by `merged` events of its own (a note's
        // internal), not as replies: they would count as responses to this need's clocks and
        // tell its people of old news.
        let broughtOver = [NeedEvent.Change(field: "merged_from", old: nil, new: source.number.description)]
        let copied =
            comments.map { event(.merged, on: into, by: actor, at: now, visibility: $0.visibility, changes: broughtOver, commentID: $0.id) }
            + attachments.map { event(.merged, on: into, by: actor, at: now, changes: broughtOver, attachmentID: $0.id) }
        var intoWrite = NeedWrite(need: into, events: [summary] + copied, comments: comments, attachments: attachments)
        sourceWrite.jobs.append(try Self.followUpJob(for: sourceWrite, id: ids.next(), at: now))
        intoWrite.jobs.append(try Self.followUpJob(for: NeedWrite(need: into, events: [summary]), id: ids.next(), at: now))
        return (sourceWrite, intoWrite)
    }
}
