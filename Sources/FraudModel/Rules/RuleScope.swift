// MARK: - Contexts

/// Where an expression is evaluated, which decides the identifiers it may use.
enum RuleContext: Sendable {
    /// Classes and `victim consider`: the number's text, lists and earlier classes.
    case number
    /// Caller rules, `caller suspect`, `caller trusted`: caller features, classes, lists.
    case caller
    /// Victim rules: victim features, classes and lists of the subscriber's own number.
    case victim
    /// Tier conditions: the victim context plus `score`.
    case tier
}

/// The outcome of looking up an identifier.
enum RuleResolution {
    case value(RuleInstruction)
    case failure(String)
}

// MARK: - Scope

/// The identifiers visible to one expression, resolved at compile time to instructions.
struct RuleScope {
    var context: RuleContext
    /// How messages name the expression's place, e.g. "a victim rule".
    var role: String
    var features: [String: Int] = [:]
    /// The units of features, from the schema; a feature without one is not checked.
    var units: [String: FeatureUnit] = [:]
    /// Features of the other side, to explain "that is a victim feature" in a caller rule.
    var otherFeatures: Set<String> = []
    var otherSide = ""
    var lists: [String: Int] = [:]
    var classes: [String: (index: Int, line: Int)] = [:]
    /// Only classes with a smaller index may be used (number context); `Int.max` elsewhere.
    var visibleClasses = Int.max
    /// The class being defined, for the "refers to itself" message.
    var currentClass: String?

    func resolve(_ name: String) -> RuleResolution {
        if let builtin = builtin(name) { return .value(builtin) }
        if let index = features[name] { return .value(.feature(index)) }
        if let found = classes[name] {
            if found.index < visibleClasses { return .value(.classBit(found.index)) }
            if name == currentClass { return .failure("class '\(name)' refers to itself") }
            let current = currentClass.map { "class '\($0)'" } ?? "this expression"
            return .failure(
                "\(current) refers to class '\(name)', which is defined later (line \(found.line)); define '\(name)' first")
        }
        if let index = lists[name] { return .value(.listBit(index)) }
        return .failure(unknownMessage(name))
    }

    /// The unit of the value `name` stands for, when known: a feature's from the schema, a
    /// share for `score` (a probability), a count for `length`. Nil for lists, classes, flags
    /// and names that do not resolve.
    func unit(of name: String) -> FeatureUnit? {
        switch (context, name) {
        case (.number, "length"): return .count
        case (.tier, "score"): return .share
        default: return features[name] != nil ? units[name] : nil
        }
    }

    private func builtin(_ name: String) -> RuleInstruction? {
        switch (context, name) {
        case (.number, "length"): return .length
        case (.number, "international"): return .international
        case (.number, "hashed"): return .hashed
        case (.tier, "score"): return .score
        default: return nil
        }
    }

    private func unknownMessage(_ name: String) -> String {
        if RuleVocabulary.functions.contains(name) {
            return "'\(name)' is a function; call it with arguments, e.g. \(name)(…)"
        }
        if name == "score" {
            return "'score' (the victim probability) is only available in tier conditions"
        }
        if RuleVocabulary.numberPrimitives.contains(name) {
            return "'\(name)' describes the number itself and is only available in class and consider expressions; define a class and use its name here"
        }
        let what = context == .number ? "name" : "feature"
        if otherFeatures.contains(name) {
            return "unknown \(what) '\(name)' in \(role); '\(name)' is a \(otherSide) feature"
        }
        return "unknown \(what) '\(name)' in \(role)" + RuleSuggestion.hint(name, among: candidates)
    }

    /// Every identifier this scope accepts, for suggestions.
    var candidates: [String] {
        var names = Array(features.keys) + Array(lists.keys)
        names += classes.filter { $0.value.index < visibleClasses }.map(\.key)
        switch context {
        case .number: names += RuleVocabulary.numberPrimitives
        case .tier: names.append("score")
        case .caller, .victim: break
        }
        return names
    }
}
