/// One call in 16 bytes: start (seconds after the window start), the two number ids, the
/// duration and per-row rendering choices packed into `flags`.
struct SynthCall: Sendable {
    var time: UInt32
    var caller: UInt32
    var callee: UInt32
    var duration: UInt16
    var flags: UInt16

    // flags: bits 0–1 caller spelling, 2–3 callee spelling, 4–6 IMEI variant,
    // bit 7 IMEI missing, bit 8 ISO 'T' timestamp.
    static let noIMEI: UInt16 = 1 << 7
    static let isoT: UInt16 = 1 << 8

    var callerFormat: Int { Int(flags & 3) }
    var calleeFormat: Int { Int((flags >> 2) & 3) }
    var imeiVariant: UInt8 { UInt8((flags >> 4) & 7) }
}
