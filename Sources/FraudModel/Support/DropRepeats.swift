/// Moves the values of the sorted `values` to its front, in order, each at most `copies` times
/// (1: the distinct values), and returns how many there are (what follows them is left as it
/// is).
///
/// - Complexity: O(values).
func dropRepeats<T: Equatable>(_ values: UnsafeMutableBufferPointer<T>, keeping copies: Int = 1) -> Int {
    var kept = 0
    for i in values.indices where kept < copies || values[i] != values[kept - copies] {
        values[kept] = values[i]
        kept += 1
    }
    return kept
}
