import Foundation

/// A signal an idle loop waits for, at most for a while. A signal given while nobody waits is
/// kept for the next wait.
actor Wakeup {
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var generation = 0

    func signal() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            pending = true
        }
    }

    func wait(upTo limit: Duration) async {
        if pending {
            pending = false
            return
        }
        generation += 1
        let mine = generation
        await withCheckedContinuation { continuation in
            waiter = continuation
            Task {
                try? await Task.sleep(for: limit)
                self.timeOut(mine)
            }
        }
    }

    private func timeOut(_ generation: Int) {
        guard generation == self.generation, let waiter else { return }
        self.waiter = nil
        waiter.resume()
    }
}
