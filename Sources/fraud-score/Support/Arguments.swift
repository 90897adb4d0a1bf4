/// A small argument parser in the conventions of swift-argument-parser: `--name value`,
/// `--name=value`, boolean flags, `--` ends options, `-` is a positional (stdin).
struct Arguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    /// The value options this command accepts.
    private let accepted: Set<String>

    /// - Parameters:
    ///   - options: names (without `--`) that take a value.
    ///   - flags: names that take none.
    ///   - usage: the usage line for errors.
    init(_ args: [String], options: Set<String>, flags allowedFlags: Set<String>, usage: String) throws(CLIError) {
        accepted = options
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositionals || a == "-" || !a.hasPrefix("-") { positionals.append(a); continue }
            if a == "--" { onlyPositionals = true; continue }
            if a == "-h" { flags.insert("help"); continue }
            guard a.hasPrefix("--") else { throw .usage("Unknown option '\(a)'", usage: usage) }
            var name = String(a.dropFirst(2))
            var inline: String? = nil
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if options.contains(name) {
                if let inline { values[name, default: []].append(inline); continue }
                guard i < args.count else { throw .usage("Missing value for '--\(name)'", usage: usage) }
                values[name, default: []].append(args[i])
                i += 1
            } else if allowedFlags.contains(name) || name == "help" {
                guard inline == nil else { throw .usage("'--\(name)' takes no value", usage: usage) }
                flags.insert(name)
            } else {
                throw .usage("Unknown option '--\(name)'", usage: usage)
            }
        }
    }

    /// Whether the command accepts the value option `name`.
    func accepts(_ name: String) -> Bool { accepted.contains(name) }
    /// The last value given for `name`.
    func value(_ name: String) -> String? { values[name]?.last }
    /// Every value given for a repeatable option.
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
    /// Whether the value option or flag `name` was given.
    func given(_ name: String) -> Bool { values[name] != nil || flags.contains(name) }

    /// Refuses the first of `names` that was given: in this run it would do nothing, and the
    /// user would believe it did. `reason` says when it would count ("without '--table'").
    func refuse(_ names: [String], _ reason: String, usage: String) throws(CLIError) {
        guard let name = names.first(where: given) else { return }
        throw .usage("'--\(name)' has no effect \(reason)", usage: usage)
    }

    /// An integer option, or the default.
    func int(_ name: String, default d: Int, range: ClosedRange<Int>, usage: String) throws(CLIError) -> Int {
        guard let v = value(name) else { return d }
        guard let n = Int(v), range.contains(n) else {
            throw .usage("'--\(name)' wants a whole number in \(range.lowerBound)...\(range.upperBound), got '\(v)'", usage: usage)
        }
        return n
    }
}
