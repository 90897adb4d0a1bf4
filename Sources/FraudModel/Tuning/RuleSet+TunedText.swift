// MARK: - Writing tier cut-offs

extension RuleSet {
    /// The rules file's text with its tier statements replaced by plain score cut-offs:
    /// `tier N = score >= T`, or `tier N = false` for a tier that gets nobody. Statements the
    /// file lacks are appended at its end. Everything else (comments, layout, weights) is kept.
    ///
    /// The original tier conditions may combine the score with features (`score >= 0.6 and
    /// bank_after_contact >= 1`); cut-offs chosen from the score alone replace them whole,
    /// because a capacity is a promise about how many rows each tier gets.
    ///
    /// - Parameter cutoffs: The thresholds.
    /// - Returns: The new text; parse it to use it.
    public func rewritten(tiers cutoffs: TierCutoffs) -> String {
        var bytes = Array(source.text.utf8)
        func statement(_ k: Int) -> String {
            cutoffs.literals[k - 1].map { "tier \(k) = score >= \($0)" } ?? "tier \(k) = false"
        }
        var appended: [String] = []
        for k in (1...3).reversed() {
            if let range = source.tierRanges[k], range.upperBound <= bytes.count {
                bytes.replaceSubrange(range, with: Array(statement(k).utf8))
            } else {
                appended.insert(statement(k), at: 0)
            }
        }
        if !appended.isEmpty {
            if let last = bytes.last, last != RuleAscii.newline { bytes.append(RuleAscii.newline) }
            for line in appended { bytes.append(contentsOf: Array((line + "\n").utf8)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: - Writing settings

extension RuleSet {
    /// The rules file's text with settings written over their `set NAME = VALUE` literals;
    /// settings the file does not state are appended as `set` lines at its end.
    ///
    /// - Parameters:
    ///   - settings: New values by setting name.
    ///   - comment: A comment line put before appended settings.
    /// - Returns: The new text; parse it to use it.
    public func rewritten(settings: [String: Double], comment: String) -> String {
        var bytes = Array(source.text.utf8)
        var appended: [String] = []
        let edits = settings.sorted { (source.settingRanges[$0.key]?.lowerBound ?? -1) > (source.settingRanges[$1.key]?.lowerBound ?? -1) }
        for (name, value) in edits {
            let literal = DecimalText.shortest(above: value.nextDown, atMost: value)
            if let range = source.settingRanges[name], range.upperBound <= bytes.count {
                bytes.replaceSubrange(range, with: Array(literal.utf8))
            } else {
                appended.append("set \(name) = \(literal)")
            }
        }
        if !appended.isEmpty {
            if let last = bytes.last, last != RuleAscii.newline { bytes.append(RuleAscii.newline) }
            bytes.append(contentsOf: Array("\n# \(comment)\n".utf8))
            for line in appended.sorted() { bytes.append(contentsOf: Array((line + "\n").utf8)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: - Tuning header

/// The comment block the tuning tool puts on top of a rules file it writes.
public enum TuningHeader {
    /// First line of every header the tool writes; how an earlier header is recognised.
    public static let marker = "# fraud-score tune:"

    /// Removes an earlier tuning header that follows the new one, so a file tuned twice carries
    /// one header, not a growing stack.
    ///
    /// - Parameter text: A rules file written by ``RuleSet/rewritten(callerBias:callerWeights:victimBias:victimWeights:header:)``
    ///   with a header that starts with ``marker``.
    /// - Returns: The text without the older header block.
    public static func removingEarlier(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.hasPrefix(marker) == true, let blank = lines.firstIndex(of: "") else { return text }
        let next = blank + 1
        guard next < lines.count, lines[next].hasPrefix(marker) else { return text }
        var end = next
        while end < lines.count && lines[end].hasPrefix("#") { end += 1 }
        if end < lines.count && lines[end].isEmpty { end += 1 }
        lines.removeSubrange(next..<end)
        return lines.joined(separator: "\n")
    }
}

// MARK: - What tiers read

extension RuleSet {
    /// Whether any tier condition reads a feature (not only `score`), so evaluating tiers needs
    /// each row's feature vector.
    public var tiersReadFeatures: Bool {
        tiers.contains { program in
            program?.code.contains { if case .feature = $0 { return true } else { return false } } ?? false
        }
    }
}
