// MARK: - Limits

/// Hard limits that keep hostile or mistaken input from exhausting memory or the stack.
enum RuleLimits {
    /// Largest rules file accepted: rules are hand-written; anything bigger is a wrong file.
    static let maxSourceBytes = 1 << 20
    /// Largest list file accepted: watchlists can hold hundreds of thousands of numbers.
    static let maxListFileBytes = 64 << 20
    /// Deepest nesting of parentheses, `not` and unary minus. Parsing is recursive; the limit
    /// turns pathological input into an error instead of a stack overflow.
    static let maxNesting = 64
    /// Tallest expression tree (long operator chains), bounding the compiler's recursion.
    static let maxTreeHeight = 256
    /// Number classes and lists each have one bit in ``NumberTraits``.
    static let maxClasses = 64
    static let maxLists = 64
    /// Beyond this many errors the rest are noise (usually a wrong file), so we stop listing.
    static let maxDiagnostics = 100
}

// MARK: - Vocabulary

/// Words with a fixed meaning, which lists and classes may not use as names.
enum RuleVocabulary {
    static let statementKeywords: Set<String> = ["list", "class", "set", "caller", "victim", "tier"]
    static let functions = ["abs", "clamp", "contains", "log1p", "max", "min", "prefix", "suffix"]
    static let numberPrimitives = ["length", "international", "hashed"]
    static let textFunctions: Set<String> = ["prefix", "suffix", "contains"]
    static let reserved: Set<String> = statementKeywords
        .union(functions)
        .union(numberPrimitives)
        .union([
            "and", "or", "not", "true", "false", "score", "file", "rule", "weight", "label",
            "bias", "suspect", "trusted", "consider",
        ])
}
