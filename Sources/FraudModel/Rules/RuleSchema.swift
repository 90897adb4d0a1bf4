// MARK: - Setting

/// A numeric setting a rules file may change with `set NAME = VALUE`.
public struct RuleSetting: Sendable, Hashable {
    /// The name used after `set`; must be an identifier (letters, digits, `_`).
    public var name: String
    /// The value used when the rules file does not set it. Durations are in seconds.
    public var defaultValue: Double
    /// One line of explanation, shown in documentation and `check` output.
    public var help: String
    /// What the value measures; the literal after `set` is checked against it (and a duration
    /// read in hours for an hours setting). Nil: any number is taken as written.
    public var unit: FeatureUnit?

    /// Creates a setting description.
    ///
    /// - Parameters:
    ///   - name: The identifier analysts write after `set`.
    ///   - defaultValue: The value when not set (seconds for durations, 0…1 for fractions).
    ///   - help: A one-line explanation.
    ///   - unit: What the value measures, or nil to take any number as written.
    public init(name: String, defaultValue: Double, help: String, unit: FeatureUnit? = nil) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
        self.unit = unit
    }
}

// MARK: - Schema

/// Where identifiers come from: the engine supplies the feature names per context.
///
/// A rule that names feature `callerFeatures[i]` reads `features[i]` of the caller vector it is
/// evaluated on, so the engine must build its vectors in exactly this order. Names must be
/// identifiers (`[A-Za-z_][A-Za-z0-9_]*`) and should avoid the language's reserved words
/// (`and`, `or`, `not`, `score`, `length`, …), which would shadow them.
public struct RuleSchema: Sendable {
    /// Caller feature names; index i ⇒ `features[i]` in caller vectors.
    public var callerFeatures: [String]
    /// Victim feature names; index i ⇒ `features[i]` in victim vectors (also used by tiers).
    public var victimFeatures: [String]
    /// The settings a rules file may change, with their defaults.
    public var settings: [RuleSetting]
    /// The unit of each feature, by name. A literal compared directly with a feature named here
    /// is checked against its unit; a feature not named here (a warehouse table's column) has
    /// no known unit, and any number is compared as written.
    public var units: [String: FeatureUnit]

    /// Creates a schema.
    ///
    /// - Parameters:
    ///   - callerFeatures: Caller feature names in vector order.
    ///   - victimFeatures: Victim feature names in vector order.
    ///   - settings: Settings analysts may change, with defaults.
    ///   - units: The unit of each feature by name; features left out are not checked.
    public init(
        callerFeatures: [String], victimFeatures: [String], settings: [RuleSetting],
        units: [String: FeatureUnit] = [:]
    ) {
        self.callerFeatures = callerFeatures
        self.victimFeatures = victimFeatures
        self.settings = settings
        self.units = units
    }
}
