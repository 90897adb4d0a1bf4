/// HMAC with SHA-256 (RFC 2104), keyed once and applied to many short messages.
///
/// The key's inner and outer pads are hashed once at creation, so each message costs the
/// hashing of the message and one more block, not of the key again.
///
/// ```swift
/// let mac = HMACSHA256(key: keyBytes)
/// let tag = mac.authenticationCode(for: Array("13912345678".utf8))   // 32 bytes
/// ```
public struct HMACSHA256: Sendable {
    /// Bytes in a tag.
    public static let tagCount = SHA256.digestCount

    private let inner: SHA256
    private let outer: SHA256

    /// Creates an HMAC with `key`; keys longer than a block (64 bytes) are hashed first, as
    /// RFC 2104 §2 requires, and shorter ones padded with zeros.
    public init(key: [UInt8]) {
        var k = key.count > SHA256.blockCount ? SHA256.hash(key) : key
        while k.count < SHA256.blockCount { k.append(0) }
        var i = SHA256(), o = SHA256()
        i.update(k.map { $0 ^ 0x36 })
        o.update(k.map { $0 ^ 0x5c })
        inner = i
        outer = o
    }

    /// HMAC(key, message) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ message)), 32 bytes.
    public func authenticationCode(for message: some Sequence<UInt8>) -> [UInt8] {
        var i = inner
        i.update(message)
        var o = outer
        o.update(i.finalize())
        return o.finalize()
    }
}
