#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back large, randomly probed arrays with 2 MiB pages where it can.
///
/// A probe of a hash table of several MiB misses the TLB as well as the cache: with 4 KiB
/// pages an 8 MiB table spans 2,048 of them, about all the TLB holds. Transparent huge pages
/// are usually enabled "on request" (`madvise`), so without the request they are not used.
/// Nothing changes in behaviour if the kernel declines.
enum HugePages {
    /// The huge-page size this advice is aligned to.
    static let size = 2 << 20

    /// Advises huge pages for the whole 2 MiB-aligned part of `buffer`; does nothing for
    /// buffers too small to hold one.
    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        guard let base = buffer.baseAddress, buffer.count >= size else { return }
        let lo = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let hi = (Int(bitPattern: base) + buffer.count) & ~(size - 1)
        guard hi > lo, let start = UnsafeMutableRawPointer(bitPattern: lo) else { return }
        _ = madvise(start, hi - lo, MADV_HUGEPAGE)
        #endif
    }

    /// `count` copies of `value`, on huge pages if the array is large enough to want them.
    /// The advice is given before the elements are first written, so the pages are born huge
    /// (advice after the writes leaves them to the kernel's background collapsing).
    static func array<Element>(repeating value: Element, count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: value)
            initialized = count
        }
    }
}
