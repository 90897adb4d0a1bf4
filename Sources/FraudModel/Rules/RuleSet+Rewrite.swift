// MARK: - Rewriting

extension RuleSet {
    /// The rules file's text with new biases and weights written over the old literals, so a
    /// tuning tool's output keeps the analysts' comments, order and layout, and what was tuned is
    /// exactly what is scored.
    ///
    /// Numbers are written with ``RuleSource/formatNumber(_:)`` (at most 4 decimals). Rules not
    /// named in a dictionary keep their weight; names that match no rule are ignored. A bias the
    /// file does not state is inserted before that side's first rule unless it is 0.
    ///
    /// - Parameters:
    ///   - callerBias: The new `caller bias`.
    ///   - callerWeights: New caller rule weights by rule name.
    ///   - victimBias: The new `victim bias`.
    ///   - victimWeights: New victim rule weights by rule name.
    ///   - header: Optional text prepended as `#` comment lines (e.g. how and when it was tuned).
    /// - Returns: The rewritten rules file text.
    public func rewritten(
        callerBias: Double, callerWeights: [String: Double], victimBias: Double,
        victimWeights: [String: Double], header: String? = nil
    ) -> String {
        source.rewritten(
            callerBias: callerBias, callerWeights: callerWeights, victimBias: victimBias,
            victimWeights: victimWeights, header: header)
    }
}
