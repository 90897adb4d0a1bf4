/// A growable array whose first element starts on a 64-byte boundary, and which asks for
/// 2 MiB pages once it spans one: for per-number state that is read at random.
///
/// A Swift `Array` puts its elements 32 bytes after a 16-byte-aligned allocation, so a
/// 128-byte element spans three cache lines at random; here it spans exactly two, which is a
/// third fewer misses per access. A table of tens of MiB read at random also misses the TLB
/// with 4 KiB pages (`HugePages`). Value semantics as `Array`: the storage is shared until one
/// copy is written (copy on write).
struct AlignedArray<Element>: RandomAccessCollection, MutableCollection {
    /// The elements' memory. A class so that a copy of the array shares it until written
    /// (`makeUnique`); only the array writes through it, after that check.
    final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
        let capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 1)
            let bytes = self.capacity * MemoryLayout<Element>.stride
            let alignment = bytes >= HugePages.size ? HugePages.size : Swift.max(64, MemoryLayout<Element>.alignment)
            let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: alignment)
            // Advised before the first write, so the pages are huge from the start.
            HugePages.advise(UnsafeMutableRawBufferPointer(start: raw, count: bytes))
            base = raw.bindMemory(to: Element.self, capacity: self.capacity)
        }

        /// A new storage of `capacity` holding a copy of these elements.
        func copy(capacity: Int) -> Storage {
            let s = Storage(capacity: capacity)
            s.base.initialize(from: base, count: count)
            s.count = count
            return s
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    private var storage: Storage

    /// An empty array.
    init() { storage = Storage(capacity: 16) }

    /// An array of `elements`, in order.
    init(_ elements: some Collection<Element>) {
        storage = Storage(capacity: elements.count)
        for e in elements { append(e) }
    }

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        storage = Storage(capacity: count)
        storage.base.initialize(repeating: value, count: count)
        storage.count = count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }

    subscript(i: Int) -> Element {
        @inline(__always) unsafeAddress {
            precondition(i >= 0 && i < storage.count, "AlignedArray index out of range")
            return UnsafePointer(storage.base + i)
        }
        @inline(__always) unsafeMutableAddress {
            precondition(i >= 0 && i < storage.count, "AlignedArray index out of range")
            makeUnique()
            return storage.base + i
        }
    }

    /// Adds `e` at the end.
    ///
    /// - Complexity: Amortised O(1) (the capacity doubles when full).
    mutating func append(_ e: Element) {
        if !isKnownUniquelyReferenced(&storage) || storage.count == storage.capacity {
            storage = storage.copy(capacity: storage.count == storage.capacity ? storage.capacity * 2 : storage.capacity)
        }
        (storage.base + storage.count).initialize(to: e)
        storage.count += 1
    }

    /// Calls `body` with the elements' bytes (the first on a 64-byte boundary).
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.base, count: storage.count * MemoryLayout<Element>.stride))
    }

    /// Calls `body` with the elements (the first on a 64-byte boundary).
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Calls `body` with the elements to change in place (the storage made unique first).
    mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: storage.count))
    }

    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(capacity: storage.capacity) }
    }
}

extension AlignedArray: Sendable where Element: Sendable {}
