/// Splits one CSV line into field ranges without copying.
///
/// Handles a quoted field (`"a,b"`); the quotes are excluded from the range. Doubled quotes
/// inside stay as they are: the fields fraud-score reads never contain quotes.
struct CSVFields {
    /// Field start and end offsets within the line.
    private(set) var starts: [Int]
    private(set) var ends: [Int]
    private(set) var count = 0
    let limit: Int

    init(limit: Int = 512) {
        self.limit = limit
        starts = Array(repeating: 0, count: limit)
        ends = Array(repeating: 0, count: limit)
    }

    /// Splits `line` on `separator`. Returns false if the line has more than `limit` fields.
    @inline(__always)
    mutating func split(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Bool {
        count = 0
        var i = 0
        let n = line.count
        return starts.withUnsafeMutableBufferPointer { st in
            ends.withUnsafeMutableBufferPointer { en in
                while true {
                    if count == limit { return false }
                    if i < n, line[i] == 0x22 {                          // quoted field
                        var j = i + 1
                        while j < n {
                            if line[j] == 0x22 {
                                if j + 1 < n, line[j + 1] == 0x22 { j += 2; continue }
                                break
                            }
                            j += 1
                        }
                        st[count] = i + 1
                        en[count] = min(j, n)
                        count += 1
                        i = j + 1
                        while i < n, line[i] != separator { i += 1 }
                    } else {
                        let s = i
                        while i < n, line[i] != separator { i += 1 }
                        st[count] = s
                        en[count] = i
                        count += 1
                    }
                    if i >= n { return true }
                    i += 1                                                // past the separator
                    if i == n {                                           // trailing separator: one empty field
                        if count == limit { return false }
                        st[count] = n; en[count] = n; count += 1
                        return true
                    }
                }
            }
        }
    }

    /// The bytes of field `k`.
    @inline(__always)
    func field(_ k: Int, in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[starts[k]..<ends[k]])
    }
}
