/// How a number is written in calls.csv.
enum SynthNumberClass: UInt8, Sendable {
    /// 11-digit domestic mobile: written in the four national/international spellings.
    case mobile
    /// A 0571 fixed line: written as is.
    case fixed
    /// Service numbers, 400 lines and domestic bank look-alikes: written as is.
    case plain
    /// Foreign number, stored without '+': written `+CC…` or `00CC…`.
    case foreign
}

/// Every number of the synthetic world, addressed by a dense `UInt32` id. Population
/// subscribers take ids `0..<subscribers`. Canonical digits live in a flat table.
struct SynthNumberBook: Sendable {
    static let stride = 16

    /// Per id: `stride` bytes, the first the digit count, then the canonical digits.
    private(set) var text: [UInt8] = []
    private(set) var cls: [SynthNumberClass] = []
    private(set) var region: [UInt8] = []
    /// The key IMEIs are derived from: the id itself, or a shared SIM-box bank.
    private(set) var imeiKey: [UInt32] = []
    private var taken: Set<UInt64> = []

    var count: Int { cls.count }

    init(capacity: Int) {
        text.reserveCapacity(capacity * Self.stride)
        cls.reserveCapacity(capacity)
        region.reserveCapacity(capacity)
        imeiKey.reserveCapacity(capacity)
        taken.reserveCapacity(capacity)
    }

    /// Adds a number, or returns nil if those digits are already taken.
    mutating func add(_ digits: [UInt8], _ c: SynthNumberClass, region r: UInt8) -> UInt32? {
        guard digits.count < Self.stride else { return nil }
        var key: UInt64 = 0
        for d in digits { key = key &* 10 &+ UInt64(d &- 0x30) }
        key = (key &* 16 &+ UInt64(digits.count)) &* 4 &+ UInt64(c.rawValue)
        guard taken.insert(key).inserted else { return nil }
        let id = UInt32(count)
        text.append(UInt8(digits.count))
        text.append(contentsOf: digits)
        text.append(contentsOf: repeatElement(0, count: Self.stride - 1 - digits.count))
        cls.append(c)
        region.append(r)
        imeiKey.append(id)
        return id
    }

    /// Adds a fresh number drawn by `make`, retrying until the digits are unused.
    mutating func make(_ c: SynthNumberClass, region r: UInt8, _ rng: inout Xoshiro,
                       _ make: (inout Xoshiro) -> [UInt8]) -> UInt32 {
        while true {
            if let id = add(make(&rng), c, region: r) { return id }
        }
    }

    mutating func shareIMEI(_ id: UInt32, bank: UInt32) { imeiKey[Int(id)] = bank }

    /// Whether calls made from this number carry a handset IMEI.
    func hasDevice(_ id: UInt32) -> Bool { cls[Int(id)] == .mobile }

    /// Canonical form: national digits for domestic numbers, `+CC…` for foreign ones.
    func canonical(_ id: UInt32) -> String {
        var bytes = cls[Int(id)] == .foreign ? [UInt8(0x2B)] : []
        bytes.append(contentsOf: digits(id))
        return String(decoding: bytes, as: UTF8.self)
    }

    func digits(_ id: UInt32) -> ArraySlice<UInt8> {
        let base = Int(id) * Self.stride
        return text[(base + 1)..<(base + 1 + Int(text[base]))]
    }

    /// One raw spelling of the number as a carrier export might write it.
    func raw(_ id: UInt32, format: Int) -> String {
        var bytes: [UInt8] = []
        switch cls[Int(id)] {
        case .mobile: bytes = Array(SynthNumberPlan.mobilePrefixes[format & 3].utf8)
        case .foreign: bytes = format & 1 == 0 ? [0x2B] : [0x30, 0x30]
        case .fixed, .plain: break
        }
        bytes.append(contentsOf: digits(id))
        return String(decoding: bytes, as: UTF8.self)
    }
}
