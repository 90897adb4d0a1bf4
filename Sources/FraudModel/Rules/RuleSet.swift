// MARK: - Rule set

/// A parsed and compiled rules file: lists, number classes, the caller and victim logistic
/// models, override conditions, tier policy and settings.
///
/// Parse once, then evaluate millions of times: every expression is a compiled ``Program``.
public struct RuleSet: Sendable {
    /// Named number lists in declaration order; bit i of ``NumberTraits/listBits`` is list i.
    /// Change them with ``add(_:toList:)``, which keeps the membership index in step.
    public private(set) var lists: [NamedList] = []
    /// Number classes in declaration order; bit i of ``NumberTraits/classBits`` is class i.
    public var classes: [NumberClass] = []
    /// The caller model: P(number is a fraud number).
    public var caller = LogisticModel()
    /// The victim model: P(subscriber is being defrauded now).
    public var victim = LogisticModel()
    /// `caller suspect` conditions OR-ed (caller context); true forces suspicion to 1.
    public var suspectWhen: Program?
    /// `caller trusted` conditions OR-ed (caller context); true forces suspicion to 0, unless
    /// `suspectWhen` is also true: a confirmed fraud number on an allowlist is still fraud.
    public var trustedWhen: Program?
    /// `victim consider` conditions AND-ed (number context); already applied in
    /// ``NumberTraits/isConsidered``, kept for display.
    public var considerWhen: Program?
    /// Tier conditions (tier context); index 0 is tier 1, the most urgent.
    public var tiers: [Program?] = [nil, nil, nil]
    /// Every schema setting, with the rules file's value or the default.
    public var settings: [String: Double] = [:]
    /// Non-fatal findings, in file order.
    public var warnings: [RuleDiagnostic] = []
    /// The original text and literal positions, for ``rewritten(callerBias:callerWeights:victimBias:victimWeights:header:)``.
    public var source: RuleSource

    /// Canonical number → list bits, so traits cost one hash lookup however many lists exist.
    var membership: [String: UInt64] = [:]
    /// The schema's settings, in order, for the summary.
    var schemaSettings: [RuleSetting] = []

    init(schema: RuleSchema, source: RuleSource) {
        self.source = source
        self.schemaSettings = schema.settings
        for setting in schema.settings { settings[setting.name] = setting.defaultValue }
    }

    // MARK: - Parsing

    /// Parses and compiles a rules file.
    ///
    /// - Parameters:
    ///   - source: The file's text.
    ///   - file: The name used in diagnostics (usually the path as given).
    ///   - schema: Feature and setting names the rules may use.
    ///   - environment: List-file reading and number canonicalisation.
    /// - Returns: The compiled rule set; non-fatal findings are in ``warnings``.
    /// - Throws: ``RuleSetError/invalid(_:)`` with every error found.
    public static func parse(
        _ source: String, file: String, schema: RuleSchema, environment: RuleEnvironment
    ) throws(RuleSetError) -> RuleSet {
        try parse(Array(source.utf8), file: file, schema: schema, environment: environment)
    }

    /// Parses and compiles a rules file given as bytes (must be UTF-8, at most 1 MiB).
    ///
    /// - Parameters:
    ///   - source: The file's bytes.
    ///   - file: The name used in diagnostics.
    ///   - schema: Feature and setting names the rules may use.
    ///   - environment: List-file reading and number canonicalisation.
    /// - Returns: The compiled rule set.
    /// - Throws: ``RuleSetError/invalid(_:)`` with every error found.
    public static func parse(
        _ source: [UInt8], file: String, schema: RuleSchema, environment: RuleEnvironment
    ) throws(RuleSetError) -> RuleSet {
        var builder = RuleSetBuilder(file: file, schema: schema, environment: environment)
        return try builder.build(source)
    }

    // MARK: - Number context

    /// The classes and lists a number belongs to, and whether it may be a victim.
    ///
    /// - Parameter canonical: The number's canonical text.
    /// - Returns: Its traits; compute once per distinct number and reuse.
    /// - Complexity: One hash lookup plus the class and consider programs.
    public func numberTraits(_ canonical: String) -> NumberTraits {
        let listBits = membership[canonical] ?? 0
        var text = canonical
        return text.withUTF8 { traits(text: $0, listBits: listBits) }
    }

    /// The classes and lists a number given as canonical UTF-8 bytes belongs to.
    ///
    /// - Parameter canonical: The number's canonical text as bytes.
    /// - Returns: Its traits.
    public func numberTraits(_ canonical: UnsafeBufferPointer<UInt8>) -> NumberTraits {
        let listBits = membership.isEmpty ? 0 : membership[String(decoding: canonical, as: UTF8.self)] ?? 0
        return traits(text: canonical, listBits: listBits)
    }

    private func traits(text: UnsafeBufferPointer<UInt8>, listBits: UInt64) -> NumberTraits {
        var traits = NumberTraits(classBits: 0, listBits: listBits, isConsidered: true)
        // In order: a class may use earlier classes, whose bits are already set. Through a
        // buffer and unretained, as in `LogisticModel.logit`: copying each class retained its
        // name and code, shared by the threads that class numbers in parallel. The idiom is
        // written out at each site on purpose: a shared helper taking the program or its code
        // as an argument (even `@inline(__always)`) retained it again, 0.3-0.9% of a
        // two-thread run's samples in `perf`.
        classes.withUnsafeBufferPointer { classes in
            for index in classes.indices where index < RuleLimits.maxClasses {
                let code = Unmanaged.passUnretained(classes[index].program.compiled)
                if code._withUnsafeGuaranteedRef({ $0.run(features: UnsafeBufferPointer(start: nil, count: 0), traits: traits, score: 0, text: text) }) != 0 {
                    traits.classBits |= 1 << UInt64(index)
                }
            }
        }
        if considerWhen != nil {
            let code = Unmanaged.passUnretained(considerWhen.unsafelyUnwrapped.compiled)
            traits.isConsidered = code._withUnsafeGuaranteedRef {
                $0.run(features: UnsafeBufferPointer(start: nil, count: 0), traits: traits, score: 0, text: text)
            } != 0
        }
        return traits
    }

    /// Whether a number may be a victim (the `victim consider` statements; true if none).
    ///
    /// - Parameter traits: The number's traits from ``numberTraits(_:)-(String)``.
    /// - Returns: True when the number should be scored as a potential victim.
    public func consider(_ traits: NumberTraits) -> Bool {
        traits.isConsidered
    }

    /// The class and list names recorded in traits, for explanations.
    ///
    /// - Parameter traits: A number's traits.
    /// - Returns: Class names and list names, in declaration order.
    public func memberships(_ traits: NumberTraits) -> (classes: [String], lists: [String]) {
        let classNames = classes.indices.filter(traits.isInClass).map { classes[$0].name }
        let listNames = lists.indices.filter(traits.isInList).map { lists[$0].name }
        return (classNames, listNames)
    }

    // MARK: - Lists

    /// Adds canonical numbers to a list, creating it (with no line) if missing; used for
    /// `--watchlist` style inputs. Only the first 64 lists get a trait bit, and only lists the
    /// rules file declares can be referenced by its rules.
    ///
    /// - Parameters:
    ///   - numbers: Canonical numbers (canonicalise them with the same function as the rules).
    ///   - name: The list's name.
    public mutating func add(_ numbers: [String], toList name: String) {
        let index: Int
        if let existing = lists.firstIndex(where: { $0.name == name }) {
            index = existing
        } else {
            lists.append(NamedList(name: name, numbers: []))
            index = lists.count - 1
        }
        lists[index].numbers.formUnion(numbers)
        guard index < RuleLimits.maxLists else { return }
        for number in numbers { membership[number, default: 0] |= 1 << UInt64(index) }
    }

    /// Appends a parsed list; used by the builder so the membership index is filled once.
    mutating func appendList(_ list: NamedList) {
        lists.append(list)
        add(Array(list.numbers), toList: list.name)
    }

    // MARK: - Overrides and tiers

    /// Applies `caller suspect` / `caller trusted`: 1 when suspect (suspect wins), 0 when only
    /// trusted, nil when the model decides.
    ///
    /// - Parameters:
    ///   - features: The caller feature vector.
    ///   - traits: The caller number's traits.
    /// - Returns: The forced suspicion, or nil.
    public func forcedSuspicion(features: UnsafeBufferPointer<Double>, traits: NumberTraits) -> Double? {
        if let suspectWhen, suspectWhen.evaluate(features: features, traits: traits, score: 0) != 0 { return 1 }
        if let trustedWhen, trustedWhen.evaluate(features: features, traits: traits, score: 0) != 0 { return 0 }
        return nil
    }

    /// Why a scorer could never raise a warning with these rules, or nil: no `tier` statement
    /// (an empty file, a truncated save). Parsing accepts such a set (a caller-only file is
    /// fine to check or tune); scoring and streaming refuse it instead of warning no one.
    public var cannotWarn: String? {
        tiers.allSatisfy { $0 == nil }
            ? "defines no tier ('tier 1 = …', 'tier 2 = …', 'tier 3 = …'): no subscriber could ever be warned"
            : nil
    }

    /// The most urgent tier whose condition holds (1 is most urgent), or nil for no warning.
    ///
    /// - Parameters:
    ///   - features: The victim feature vector.
    ///   - traits: The subscriber number's traits.
    ///   - score: The victim probability.
    /// - Returns: 1, 2, 3 or nil.
    public func tier(features: UnsafeBufferPointer<Double>, traits: NumberTraits, score: Double) -> Int? {
        for (index, condition) in tiers.enumerated() {
            if let condition, condition.evaluate(features: features, traits: traits, score: score) != 0 {
                return index + 1
            }
        }
        return nil
    }
}
