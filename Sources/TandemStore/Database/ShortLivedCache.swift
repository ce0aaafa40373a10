import Foundation
import NIOConcurrencyHelpers
import TandemCore

/// Remembers answers of hot lookups for a few seconds, so that a burst of requests asking the
/// same thing costs one query: who a session or token belongs to, the priority matrix, an offering,
/// a department's people.
///
/// In this process every change that could alter an answer empties the cache at once (the store
/// that makes the change calls `forgetAll`). Another instance sharing the database sees such a
/// change within `lifetime`.
final class ShortLivedCache<Entry: Sendable>: Sendable {
    private struct Stored { var entry: Entry; var expires: ContinuousClock.Instant }

    private struct State {
        var stored: [String: Stored] = [:]
        /// Moves on at every change, so a lookup that began before a change cannot store its
        /// (possibly stale) answer after it.
        var generation = 0
    }

    private let state = NIOLockedValueBox(State())
    private let lifetime: Duration
    private let capacity = 10_000

    init(lifetime: Duration = .seconds(5)) {
        self.lifetime = lifetime
    }

    /// The remembered answer, or `nil` and the generation to pass to `remember` after looking it up.
    func entry(for digest: String) -> (Entry?, generation: Int) {
        let now = ContinuousClock.now
        return state.withLockedValue { state in
            guard let found = state.stored[digest], found.expires > now else {
                state.stored[digest] = nil
                return (nil, state.generation)
            }
            return (found.entry, state.generation)
        }
    }

    func remember(_ entry: Entry, for digest: String, generation: Int) {
        let expires = ContinuousClock.now + lifetime
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.stored.count >= capacity { state.stored.removeAll(keepingCapacity: true) }
            state.stored[digest] = Stored(entry: entry, expires: expires)
        }
    }

    func forgetAll() {
        state.withLockedValue { state in
            state.stored.removeAll(keepingCapacity: true)
            state.generation += 1
        }
    }
}
