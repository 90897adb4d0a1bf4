/// A dense integer id for an interned number: an index into per-number arrays.
public typealias NumberID = UInt32

/// Interns canonical numbers to dense ids `0..<count`, so that the rest of the pipeline works
/// on `UInt32`s and flat arrays instead of strings and dictionaries.
///
/// Numeric canonical forms of up to 17 digits (every real phone number) are packed losslessly
/// into a 64-bit key, so a lookup is one probe with no byte comparison. Opaque ids are keyed by
/// a hash and confirmed against their stored bytes, so a hash collision never merges two
/// subscribers.
public struct NumberTable: Sendable {
    /// Key and id side by side, so a probe touches one cache line, not two; the 4 bytes the
    /// alignment leaves over hold the owner's ``hint(atSlot:)``.
    private struct Slot {
        var key: UInt64                   // 0 = empty slot
        var id: UInt32
        var hint: UInt32 = 0
    }
    private var slots: [Slot]
    private var mask: Int
    /// Canonical bytes of every id, back to back; `offsets[id]..<offsets[id+1]`.
    private var arena: [UInt8] = []
    private var offsets: [UInt32] = [0]
    /// The kind of each id's number.
    public private(set) var kinds: [NumberKind] = []

    /// Creates an empty table sized for about `capacity` numbers.
    public init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = HugePages.array(repeating: Slot(key: 0, id: 0), count: size)
        mask = size - 1
    }

    /// How many distinct numbers are interned.
    public var count: Int { kinds.count }

    /// How many numbers the table holds before it grows.
    var capacity: Int { slots.count / 2 }

    /// Returns the id of `canonical`, interning it if it is new.
    ///
    /// - Complexity: Amortised O(length of the number).
    @inlinable
    public mutating func intern(_ canonical: UnsafeBufferPointer<UInt8>, kind: NumberKind) -> NumberID {
        intern(key: Self.key(canonical).0, canonical: canonical, kind: kind)
    }

    /// Interns by a key from ``key(_:)``. A packed key holds its whole text, so `canonical`
    /// is only read for a hashed key (and may be empty for a packed one).
    @usableFromInline
    mutating func intern(key: UInt64, canonical: UnsafeBufferPointer<UInt8>, kind: NumberKind) -> NumberID {
        internSlot(key: key, canonical: canonical, kind: kind).id
    }

    /// ``intern(key:canonical:kind:)``, also giving the slot that holds the number, for
    /// ``hint(atSlot:)`` and ``setHint(_:atSlot:)``. The slot stays valid until the next
    /// number is interned (a new number may grow the table and move every slot).
    mutating func internSlot(key: UInt64, canonical: UnsafeBufferPointer<UInt8>, kind: NumberKind) -> (id: NumberID, slot: Int) {
        internSlot(key: key, hash: Self.mix(key), canonical: canonical, kind: kind)
    }

    /// ``internSlot(key:canonical:kind:)`` with `hash` = `mix(key)` computed beforehand (the
    /// reader mixes a key once, for ``touch(hash:)`` and for this).
    @inline(__always)
    mutating func internSlot(key: UInt64, hash: UInt64, canonical: UnsafeBufferPointer<UInt8>, kind: NumberKind) -> (id: NumberID, slot: Int) {
        let packed = Self.isPacked(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let k = slots[slot].key
            if k == 0 { break }
            if k == key {
                let id = slots[slot].id
                if packed || bytesEqual(id, canonical) { return (id, slot) }
            }
            slot = (slot + 1) & mask
        }
        let id = NumberID(kinds.count)
        slots[slot] = Slot(key: key, id: id)
        if packed { Self.appendText(ofPacked: key, to: &arena) } else { arena.append(contentsOf: canonical) }
        offsets.append(UInt32(arena.count))
        kinds.append(kind)
        if kinds.count * 2 > slots.count {
            grow()
            slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].id != id || slots[slot].key != key { slot = (slot + 1) & mask }
        }
        return (id, slot)
    }

    /// Four bytes of the owner's own, kept in the number's slot (0 for a new number, and
    /// carried along when the table grows): state read on every call of a number that sits
    /// in the cache line its intern probe already loaded, instead of in another array.
    @inline(__always)
    func hint(atSlot slot: Int) -> UInt32 { slots[slot].hint }

    /// Sets the hint of the number in `slot` (from ``internSlot(key:canonical:kind:)``).
    @inline(__always)
    mutating func setHint(_ hint: UInt32, atSlot slot: Int) { slots[slot].hint = hint }

    /// The id of `canonical` if it was interned.
    public func lookup(_ canonical: UnsafeBufferPointer<UInt8>) -> NumberID? {
        let (key, packed) = Self.key(canonical)
        var slot = Int(truncatingIfNeeded: Self.mix(key)) & mask
        while true {
            let k = slots[slot].key
            if k == 0 { return nil }
            if k == key {
                let id = slots[slot].id
                if packed || bytesEqual(id, canonical) { return id }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of a canonical number given as text, if it was interned.
    public func lookup(_ canonical: String) -> NumberID? {
        var bytes = Array(canonical.utf8)
        return bytes.withUnsafeMutableBufferPointer { lookup(UnsafeBufferPointer($0)) }
    }

    /// The canonical text of `id`.
    public func text(_ id: NumberID) -> String {
        let lo = Int(offsets[Int(id)]), hi = Int(offsets[Int(id) + 1])
        return arena[lo..<hi].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the canonical bytes of `id`, without copying.
    public func withBytes<R>(_ id: NumberID, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let lo = Int(offsets[Int(id)]), hi = Int(offsets[Int(id) + 1])
        return try arena[lo..<hi].withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a reader of any id's canonical bytes: the storage is reached once,
    /// not once per id, so threads reading many ids at once share no reference count.
    func withTexts<R>(_ body: ((NumberID) -> UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try arena.withUnsafeBufferPointer { a in
            try offsets.withUnsafeBufferPointer { o in
                try body { id in UnsafeBufferPointer(rebasing: a[Int(o[Int(id)])..<Int(o[Int(id) + 1])]) }
            }
        }
    }

    // MARK: - Keys

    /// Packs `+`? and up to 17 digits into one word (bit 63 set, bit 62 = '+', bits 57–61 =
    /// length, the rest the value); anything else gets a 63-bit hash with bit 63 clear.
    @usableFromInline
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, Bool) {
        var i = 0
        var plus: UInt64 = 0
        if bytes.count > 0, bytes[0] == 0x2B { plus = 1; i = 1 }
        let digits = bytes.count - i
        if digits > 0 && digits <= 17 {
            var value: UInt64 = 0
            var numeric = true
            while i < bytes.count {
                let d = bytes[i] &- 0x30
                if d >= 10 { numeric = false; break }
                value = value &* 10 &+ UInt64(d)
                i += 1
            }
            if numeric {
                return ((1 << 63) | (plus << 62) | (UInt64(digits) << 57) | value, true)
            }
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = mix(h) & ~(1 << 63)
        return (h == 0 ? 1 : h, false)
    }

    /// The key ``key(_:)`` gives the canonical text of `count` digits worth `value`, after a
    /// `+` if `plus` (see ``PhoneNumber/packedCanonical(_:)``), without the text itself.
    @inline(__always)
    static func packedKey(value: UInt64, count: Int, plus: Bool) -> UInt64 {
        (1 << 63) | (plus ? 1 << 62 : 0) | (UInt64(count) << 57) | value
    }

    /// Whether a key from ``key(_:)`` packs its text (bit 63), rather than hashing it.
    @usableFromInline @inline(__always)
    static func isPacked(_ key: UInt64) -> Bool { key >> 63 == 1 }

    /// Loads the first slot the key with `hash` = `mix(key)` probes and returns its key,
    /// which means nothing: reading a batch of slots before interning them lets the processor
    /// fetch their cache lines in parallel instead of waiting for one miss after another (a
    /// handful of instructions a load, so that a batch's loads are all issued before the first
    /// of them holds up the processor).
    @inline(__always)
    func touch(hash: UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash) & mask].key }
    }

    /// Writes the canonical text a packed key stands for: an optional `+`, then the value's
    /// digits left-padded with zeros to the stored length.
    static func appendText(ofPacked key: UInt64, to out: inout [UInt8]) {
        if key & (1 << 62) != 0 { out.append(0x2B) }
        let count = Int((key >> 57) & 0x1F)
        var value = key & ((1 << 57) - 1)
        let start = out.count
        out.append(contentsOf: repeatElement(0x30, count: count))
        var i = start + count
        while value > 0 && i > start {
            i -= 1
            out[i] = 0x30 + UInt8(value % 10)
            value /= 10
        }
    }

    @usableFromInline
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    private func bytesEqual(_ id: NumberID, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = Int(offsets[Int(id)]), hi = Int(offsets[Int(id) + 1])
        guard hi - lo == other.count else { return false }
        for j in 0..<other.count where arena[lo + j] != other[j] { return false }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = HugePages.array(repeating: Slot(key: 0, id: 0), count: old.count * 2)
        mask = slots.count - 1
        for s in old where s.key != 0 {
            var slot = Int(truncatingIfNeeded: Self.mix(s.key)) & mask
            while slots[slot].key != 0 { slot = (slot + 1) & mask }
            slots[slot] = s
        }
    }
}
