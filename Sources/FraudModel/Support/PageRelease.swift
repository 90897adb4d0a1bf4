#if canImport(Glibc)
import Glibc
#endif

/// Handing memory back to the kernel without giving up the address range.
enum PageRelease {
    /// Drops the whole pages inside `[p, p + count)` (`MADV_DONTNEED`): a private file map
    /// reads them from the file again if touched, anonymous memory reads zeros.
    static func release(_ p: UnsafeRawPointer, _ count: Int) {
        #if canImport(Glibc)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lo = (Int(bitPattern: p) + page - 1) / page * page
        let hi = (Int(bitPattern: p) + count) / page * page
        guard hi > lo, let start = UnsafeMutableRawPointer(bitPattern: lo) else { return }
        _ = madvise(start, hi - lo, Int32(MADV_DONTNEED))
        #endif
    }
}

extension Array where Element: BitwiseCopyable {
    /// Hands the whole pages of the room past `count` back to the kernel, keeping the
    /// capacity: for an array trimmed in place after its tail was written, so the tail's
    /// memory is not held while the array lives. The room reads as zeros if touched again.
    mutating func releaseSparePages() {
        let used = count * MemoryLayout<Element>.stride, room = capacity * MemoryLayout<Element>.stride
        withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            PageRelease.release(UnsafeRawPointer(base) + used, room - used)
        }
    }
}
