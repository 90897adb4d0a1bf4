import FraudModel

/// A failure of the command line, with the sysexits code it exits with.
enum CLIError: Error, CustomStringConvertible {
    /// Bad arguments: message, then the usage line (exit 64).
    case usage(String, usage: String)
    /// Bad data: an unreadable rules file, a malformed line under --strict (exit 65).
    case data(String)
    /// A missing or unreadable input (exit 66).
    case noInput(String)
    /// Writing failed (exit 74).
    case io(String)

    var exitCode: Int32 {
        switch self {
        case .usage: return 64
        case .data: return 65
        case .noInput: return 66
        case .io: return 74
        }
    }

    /// The message alone, without "Error: " or the usage line.
    var message: String {
        switch self {
        case .usage(let m, _), .data(let m), .noInput(let m), .io(let m): return m
        }
    }

    var description: String {
        switch self {
        case .usage(let m, let u): return "Error: \(m)\nUsage: \(u)\n  See 'fraud-score help' or '--help'."
        // Each line of a many-line message (every error of a rules file) stands on its own,
        // so a script or an editor reading stderr line by line sees every one of them.
        case .data(let m), .noInput(let m), .io(let m):
            return m.split(separator: "\n", omittingEmptySubsequences: false).map { "Error: \($0)" }.joined(separator: "\n")
        }
    }
}
