/// LSD radix sort of 64-bit keys, 16 bits a pass; passes where every key has the same digit
/// are skipped, so keys built from small dense ids sort in two or three passes. Under 1,024
/// keys a comparison sort does it: a pass clears and sums 65,536 counters whatever the keys
/// (a checkpoint of a small state, four pair sets, took 18 ms in a debug build).
///
/// - Complexity: O(n) time per pass, O(n) extra space.
func radixSort(_ keys: inout [UInt64]) {
    let n = keys.count
    guard n > 1 else { return }
    if n < 1 << 10 { keys.sort(); return }
    var buffer = [UInt64](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 1 << 16)
    var inKeys = true                                   // which array holds the current order
    for pass in 0..<4 {
        let shift = UInt64(pass * 16)
        for i in 0..<counts.count { counts[i] = 0 }
        keys.withUnsafeBufferPointer { k in
            buffer.withUnsafeBufferPointer { b in
                let src = inKeys ? k : b
                counts.withUnsafeMutableBufferPointer { c in
                    for x in src { c[Int((x >> shift) & 0xFFFF)] += 1 }
                }
            }
        }
        if counts.contains(n) { continue }              // all keys share this digit
        var sum = 0
        for i in 0..<counts.count { let c = counts[i]; counts[i] = sum; sum += c }
        keys.withUnsafeMutableBufferPointer { k in
            buffer.withUnsafeMutableBufferPointer { b in
                counts.withUnsafeMutableBufferPointer { c in
                    if inKeys {
                        for x in k { let d = Int((x >> shift) & 0xFFFF); b[c[d]] = x; c[d] += 1 }
                    } else {
                        for x in b { let d = Int((x >> shift) & 0xFFFF); k[c[d]] = x; c[d] += 1 }
                    }
                }
            }
        }
        inKeys.toggle()
    }
    if !inKeys { swap(&keys, &buffer) }
}
