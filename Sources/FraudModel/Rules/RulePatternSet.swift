/// One `prefix`/`suffix`/`contains` call's patterns, as views into its ``RuleCode``'s pattern
/// bytes: trivial to pass, so testing a number retains nothing (an array of arrays retained
/// each pattern, an atomic write to memory shared by the threads classing numbers in parallel).
struct RulePatternSet {
    let bytes: UnsafeBufferPointer<UInt8>
    let ranges: UnsafeBufferPointer<Range<Int>>

    /// Whether `test` holds for any pattern.
    @inline(__always)
    func contains(where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        for r in ranges where test(UnsafeBufferPointer(rebasing: bytes[r])) { return true }
        return false
    }
}
