// MARK: - List loading

/// Canonicalises the items of a `list` statement, reading `file "…"` items through the
/// environment. Every bad item is reported, each at its own position.
struct RuleListLoader {
    let file: String
    let environment: RuleEnvironment

    /// A diagnostic plus the rules-file position it sorts by (list-file errors sort at the
    /// `file "…"` item that loaded them).
    typealias Finding = (line: Int, column: Int, diagnostic: RuleDiagnostic)

    func load(_ items: [RuleListItem]) -> (numbers: Set<String>, findings: [Finding]) {
        var numbers = Set<String>()
        var findings: [Finding] = []
        for item in items {
            switch item {
            case .number(let text, let line, let column):
                if let canonical = environment.canonicalNumber(Substring(text)) {
                    numbers.insert(canonical)
                } else {
                    let message = PhoneNumber.notANumber(text)
                    findings.append((line, column, RuleDiagnostic(file: file, line: line, column: column, message: message)))
                }
            case .file(let path, let line, let column):
                loadFile(path, line: line, column: column, into: &numbers, findings: &findings)
            }
        }
        return (numbers, findings)
    }

    private func loadFile(
        _ path: String, line: Int, column: Int, into numbers: inout Set<String>, findings: inout [Finding]
    ) {
        func fail(_ message: String) {
            findings.append((line, column, RuleDiagnostic(file: file, line: line, column: column, message: message)))
        }
        let bytes: [UInt8]
        do {
            bytes = try environment.readFile(path)
        } catch {
            fail("cannot read list file '\(path)': \(error)")
            return
        }
        guard bytes.count <= RuleLimits.maxListFileBytes else {
            fail("list file '\(path)' is larger than \(RuleLimits.maxListFileBytes >> 20) MiB")
            return
        }
        for entry in NumberListFile.entries(bytes, canonical: environment.canonicalNumber) {
            if let canonical = entry.canonical {
                numbers.insert(canonical)
            } else {
                let diagnostic = RuleDiagnostic(
                    file: path, line: entry.line, column: 0, message: PhoneNumber.notANumber(entry.text))
                findings.append((line, column, diagnostic))
            }
        }
    }
}
