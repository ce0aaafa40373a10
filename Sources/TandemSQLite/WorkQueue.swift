/// Items waiting for one worker that runs only while there is work: the first item to arrive
/// while it is idle starts it; it takes the items in batches until none is left, and is then
/// idle again. Kept under a lock by its owner (the writer's batches, the log's syncs, the
/// checkpoints asked for).
struct WorkQueue<Item> {
    private var items: [Item] = []
    private var working = false

    /// Adds `item`; true when the caller must start the worker (it was idle).
    mutating func add(_ item: Item) -> Bool {
        items.append(item)
        defer { working = true }
        return !working
    }

    /// The next batch, at most `limit` items; none when the worker is to stop (it is then idle).
    mutating func next(limit: Int = .max) -> [Item] {
        let batch = Array(items.prefix(limit))
        items.removeFirst(batch.count)
        if batch.isEmpty { working = false }
        return batch
    }
}

extension WorkQueue: Sendable where Item: Sendable {}
