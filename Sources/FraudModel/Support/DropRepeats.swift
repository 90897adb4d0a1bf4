/// Moves the distinct values of the sorted `values` to its front, in order, and returns how
/// many there are (what follows them is left as it is).
///
/// - Complexity: O(values).
func dropRepeats<T: Equatable>(_ values: UnsafeMutableBufferPointer<T>) -> Int {
    var kept = 0
    for i in values.indices where kept == 0 || values[i] != values[kept - 1] {
        values[kept] = values[i]
        kept += 1
    }
    return kept
}
