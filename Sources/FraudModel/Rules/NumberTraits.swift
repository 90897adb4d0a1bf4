// MARK: - Traits

/// Which number classes and lists one number belongs to, plus whether it may be a victim.
///
/// Classes and lists depend only on a number's canonical text, so the engine computes traits
/// once per distinct number with ``RuleSet/numberTraits(_:)-(String)`` and passes them to every
/// evaluation. Bit i of `classBits` is `RuleSet.classes[i]`; bit i of `listBits` is
/// `RuleSet.lists[i]`.
public struct NumberTraits: Sendable, Hashable {
    /// Bit i set ⇔ the number is in class `classes[i]`.
    public var classBits: UInt64
    /// Bit i set ⇔ the number is in list `lists[i]`.
    public var listBits: UInt64
    /// The result of the `victim consider` statements (true when there are none).
    public var isConsidered: Bool

    /// Creates traits; the default is "in no class or list, considered".
    ///
    /// - Parameters:
    ///   - classBits: Class membership bits.
    ///   - listBits: List membership bits.
    ///   - isConsidered: Whether the number may be a victim.
    public init(classBits: UInt64 = 0, listBits: UInt64 = 0, isConsidered: Bool = true) {
        self.classBits = classBits
        self.listBits = listBits
        self.isConsidered = isConsidered
    }

    /// Whether the number is in class `index` of the rule set.
    public func isInClass(_ index: Int) -> Bool {
        index >= 0 && index < 64 && classBits & (1 << UInt64(index)) != 0
    }

    /// Whether the number is in list `index` of the rule set.
    public func isInList(_ index: Int) -> Bool {
        index >= 0 && index < 64 && listBits & (1 << UInt64(index)) != 0
    }
}

// MARK: - Named list

/// A `list` of canonical numbers.
public struct NamedList: Sendable {
    /// The list's name as used in expressions.
    public var name: String
    /// Canonical numbers (as produced by ``RuleEnvironment/canonicalNumber``).
    public var numbers: Set<String>
    /// Line of the `list` statement, or 0 for a list created by ``RuleSet/add(_:toList:)``.
    public var line: Int

    /// Creates a list.
    ///
    /// - Parameters:
    ///   - name: The list name.
    ///   - numbers: Canonical numbers.
    ///   - line: Declaring line, 0 if none.
    public init(name: String, numbers: Set<String>, line: Int = 0) {
        self.name = name
        self.numbers = numbers
        self.line = line
    }
}

// MARK: - Number class

/// A `class`: a predicate over a number's canonical text, compiled.
///
/// Evaluate classes through ``RuleSet/numberTraits(_:)-(String)``: the program's `prefix`,
/// `length` and similar tests need the number's text, which ``Program/evaluate(features:traits:score:)``
/// does not receive (they see an empty text there).
public struct NumberClass: Sendable {
    /// The class name as used in expressions.
    public var name: String
    /// The compiled predicate.
    public var program: Program
    /// Line of the `class` statement.
    public var line: Int
}
