// MARK: - Severity

/// How serious a finding about a rules file is.
public enum RuleSeverity: String, Sendable, Hashable {
    /// The rules file cannot be used; parsing throws.
    case error
    /// The rules file works but probably does not do what the analyst meant.
    case warning
}

// MARK: - Diagnostic

/// One problem found in a rules file (or in a number list it loads), with its position.
///
/// Positions are 1-based. `column` counts characters (not bytes) from the start of the line;
/// it is 0 when only the line is known, e.g. for an entry of a list file.
public struct RuleDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the problem stops the rules file from being used.
    public var severity: RuleSeverity
    /// The file the position refers to: the rules file, or a list file as written in it.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, or 0 when only the line is meaningful.
    public var column: Int
    /// What is wrong and, where possible, what to do about it.
    public var message: String

    /// Creates a diagnostic.
    ///
    /// - Parameters:
    ///   - severity: Error (fatal) or warning.
    ///   - file: The file name to show.
    ///   - line: 1-based line.
    ///   - column: 1-based column, or 0 for "the whole line".
    ///   - message: The human-readable explanation.
    public init(severity: RuleSeverity = .error, file: String, line: Int, column: Int, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the format editors and compilers use, so analysts can jump
    /// to the spot; warnings say `warning:` before the message.
    public var description: String {
        let position = column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
        switch severity {
        case .error: return "\(position): \(message)"
        case .warning: return "\(position): warning: \(message)"
        }
    }
}

// MARK: - Parse failure

/// Why a rules file could not be turned into a ``RuleSet``.
public enum RuleSetError: Error, Sendable, CustomStringConvertible {
    /// The file has one or more errors; every error found is listed, in file order.
    case invalid([RuleDiagnostic])

    /// The diagnostics carried by this error.
    public var diagnostics: [RuleDiagnostic] {
        switch self {
        case .invalid(let diagnostics): return diagnostics
        }
    }

    /// All diagnostics, one per line, so the whole report can be printed at once.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
