/// Replaces numbers in what fraud-score writes by keyed pseudonyms, so analysts can share
/// warning lists without raw numbers.
///
/// A pseudonym is `p:` followed by the first 16 hex digits (64 bits) of
/// HMAC-SHA-256(key, canonical number). The same key gives the same pseudonym in every run
/// and every output (lists, suspects, explanations), so rows can be joined across files;
/// without the key a pseudonym cannot be computed from a number, nor a number found from a
/// pseudonym, even by trying every 11-digit mobile number.
///
/// 64 bits make collisions negligible at the scale of a province: for n distinct numbers the
/// chance that any two share a pseudonym is about n² / 2⁶⁵, i.e. 3 × 10⁻⁶ for ten million
/// numbers.
///
/// Every output path takes a `Pseudonymizer`; ``off`` leaves numbers as they are.
public struct Pseudonymizer: Sendable {
    /// The prefix that marks a pseudonym.
    public static let prefix = "p:"
    /// Hex digits kept from the tag.
    public static let hexDigits = 16
    /// The shortest key accepted: 128 bits.
    public static let minimumKeyBytes = 16

    /// Why a key cannot be used.
    public enum KeyError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The key has fewer than ``Pseudonymizer/minimumKeyBytes`` bytes.
        case tooShort(Int)

        public var description: String {
            switch self {
            case .tooShort(let n):
                return "the key has \(n) bytes; want at least \(Pseudonymizer.minimumKeyBytes) (make one with: head -c 32 /dev/urandom > KEYFILE)"
            }
        }
    }

    private let mac: HMACSHA256?

    /// Numbers are written as they are.
    public static let off = Pseudonymizer(mac: nil)

    private init(mac: HMACSHA256?) { self.mac = mac }

    /// Pseudonymises with `key` (raw bytes, at least 16).
    ///
    /// - Throws: ``KeyError/tooShort(_:)``.
    public init(key: [UInt8]) throws(KeyError) {
        guard key.count >= Self.minimumKeyBytes else { throw .tooShort(key.count) }
        mac = HMACSHA256(key: key)
    }

    /// Whether numbers are replaced.
    public var isOn: Bool { mac != nil }

    /// The pseudonym of a canonical number, or the number itself when off.
    public func callAsFunction(_ canonical: String) -> String {
        guard let mac else { return canonical }
        let tag = mac.authenticationCode(for: canonical.utf8)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = Array(Self.prefix.utf8)
        for b in tag.prefix(Self.hexDigits / 2) {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` has the shape of a pseudonym (`p:` and 16 lowercase hex digits).
    public static func isPseudonym(_ text: String) -> Bool {
        let u = Array(text.utf8)
        guard u.count == prefix.utf8.count + hexDigits, text.hasPrefix(prefix) else { return false }
        return u.dropFirst(2).allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
