// MARK: - Environment

/// What the rules parser needs from the outside world, supplied by the caller so the library
/// itself has no file-system or numbering-plan policy.
public struct RuleEnvironment: Sendable {
    /// Reads a list file named by `list NAME = file "path"`. The path is passed exactly as
    /// written; the caller resolves it relative to the rules file's directory. Throwing reports
    /// the error's description at the path's position.
    public var readFile: @Sendable (String) throws -> [UInt8]
    /// Turns a list item as written into the canonical text numbers are compared by
    /// (national digits, `+CC…` for foreign numbers, lowercase hex for hashed ids), or nil when
    /// the item is not a phone number or identifier.
    public var canonicalNumber: @Sendable (Substring) -> String?

    /// Creates an environment.
    ///
    /// - Parameters:
    ///   - readFile: Loads a list file's bytes given its path as written in the rules.
    ///   - canonicalNumber: Canonicalises one number; nil rejects it.
    public init(
        readFile: @escaping @Sendable (String) throws -> [UInt8],
        canonicalNumber: @escaping @Sendable (Substring) -> String?
    ) {
        self.readFile = readFile
        self.canonicalNumber = canonicalNumber
    }
}
