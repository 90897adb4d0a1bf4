import Dispatch

/// Runs `body(c)` for every chunk c in 0..<count, on all cores.
///
/// Each call must write only to memory that belongs to its chunk; callers then combine the
/// chunks' results in chunk order, so results do not depend on scheduling. The wrapper exists
/// because `concurrentPerform` wants a `@Sendable` closure and our chunk bodies capture
/// unsafe buffer pointers whose disjoint use we guarantee by construction.
///
/// - Parameters:
///   - count: Number of chunks.
///   - body: The work of one chunk.
func parallelChunks(_ count: Int, _ body: (Int) -> Void) {
    if count <= 1 {
        for c in 0..<count { body(c) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let box = UncheckedSendableBox(body)
        DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
    }
}

/// A value we promise is used without data races (see ``parallelChunks(_:_:)``).
private struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
