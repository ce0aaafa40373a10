extension Array {
    /// The elements in runs of at most `size` (multi-row statements, batches of a bulk load).
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
