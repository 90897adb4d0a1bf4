// MARK: - Suggestions

/// "Did you mean …?" hints for misspelt names: analysts type feature names from memory.
enum RuleSuggestion {
    /// `"; did you mean 'x'?"` when a candidate is within edit distance 2 or shares a prefix of
    /// at least 3 characters; otherwise `"; valid names include a, b, c, …"`; `""` if none.
    static func hint(_ name: String, among candidates: [String]) -> String {
        let close = didYouMean(name, among: candidates)
        if !close.isEmpty || candidates.isEmpty { return close }
        let sorted = candidates.sorted()
        let shown = sorted.prefix(6).joined(separator: ", ")
        return "; valid names include \(shown)\(sorted.count > 6 ? ", …" : "")"
    }

    /// `"; did you mean 'x'?"` or `""`.
    static func didYouMean(_ name: String, among candidates: [String]) -> String {
        best(name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The closest candidate: smallest edit distance ≤ 2 (case-insensitive), else the shortest
    /// candidate that extends the name or that the name extends (at least 3 characters shared).
    static func best(_ name: String, among candidates: [String]) -> String? {
        let typed = Array(name.lowercased().utf8)
        var bestMatch: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(typed, Array(candidate.lowercased().utf8))
            if distance <= 2 && distance < (bestMatch?.distance ?? 3) {
                bestMatch = (candidate, distance)
            }
        }
        if let found = bestMatch { return found.name }
        let lowered = name.lowercased()
        return candidates
            .filter { candidate in
                let other = candidate.lowercased()
                return min(other.count, lowered.count) >= 3
                    && (other.hasPrefix(lowered) || lowered.hasPrefix(other))
            }
            .min { ($0.count, $0) < ($1.count, $1) }
    }

    /// Levenshtein distance over bytes.
    ///
    /// - Complexity: O(a × b); names are short.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
