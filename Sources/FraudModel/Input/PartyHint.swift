/// What the reader keeps of a number in the spare bytes of its intern slot
/// (``NumberTable/hint(atSlot:)``), so that a call whose parties are already known touches
/// nothing but their slots: whether the number has its region, and its first handset.
///
/// A hint only ever says what is certain. A clear region bit or a zero handset means "look
/// in the per-number arrays" (a number restored from a checkpoint or folded in from a
/// parallel part starts with an empty hint although the arrays know it), never "unknown".
struct PartyHint: RawRepresentable, Equatable {
    /// Bit 0: the region is known. Bits 1–31: bits 1–31 of the first handset hash, or 0.
    var rawValue: UInt32

    init(rawValue: UInt32) { self.rawValue = rawValue }

    init(_ rawValue: UInt32) { self.rawValue = rawValue }

    /// Whether the number's region is set (a later region field is then ignored).
    var regionKnown: Bool {
        get { rawValue & 1 != 0 }
        set { rawValue = newValue ? rawValue | 1 : rawValue & ~1 }
    }

    /// Whether handset hash `h` counts as the number's first handset: handsets are told apart
    /// by the low 32 bits of their hash (``CallLogBuilder/noteIMEIHash(_:_:)``). True only if
    /// the first handset is recorded here and both hashes have bit 0 set, so that the 31 bits
    /// kept decide the comparison exactly; false sends the caller to the arrays.
    @inline(__always)
    func isFirstHandset(_ h: UInt64) -> Bool {
        let kept = rawValue & ~1
        return kept != 0 && h & 1 == 1 && UInt32(truncatingIfNeeded: h) & ~1 == kept
    }

    /// Records the number's first handset hash `first`, if the hint can hold it exactly
    /// (bit 0 set, as every ``CallLogBuilder/imeiHash(_:)`` is, and other low bits not all 0).
    mutating func noteFirstHandset(_ first: UInt64) {
        let low = UInt32(truncatingIfNeeded: first)
        guard low & 1 == 1, low & ~1 != 0 else { return }
        rawValue = (rawValue & 1) | (low & ~1)
    }
}
