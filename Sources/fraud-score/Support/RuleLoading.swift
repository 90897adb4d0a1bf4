#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

/// Finds, reads and compiles rules files, and applies `--watchlist` files.
enum RuleLoading {
    /// Loads `path`, or the shipped `rules/default.rules` when nil, then adds watchlists. The
    /// file's warnings (`file:line:column: warning: …`) go to stderr, wherever rules are loaded:
    /// at start, for `eval --compare`, and on a stream's SIGHUP reload.
    static func load(_ path: String?, watchlists: [String]) throws(CLIError) -> (RuleSet, String) {
        let file: String
        if let path { file = path } else {
            guard let found = defaultRulesPath() else {
                throw .noInput("cannot find rules/default.rules (run from the fraud-score folder, or pass --rules FILE)")
            }
            file = found
        }
        var rules = try parse(file)
        if let problem = rules.cannotWarn { throw .data("\(file): \(problem)") }
        for w in watchlists { rules.add(try readWatchlist(w), toList: "watchlist") }
        for w in rules.warnings { Console.error("\(w)") }
        return (rules, file)
    }

    /// Parses one rules file; every error is reported as `file:line:column: message`.
    static func parse(_ file: String, schema: RuleSchema = .engine) throws(CLIError) -> RuleSet {
        try parse(text: try readBytes(file), file: file, schema: schema)
    }

    /// Parses rules text as if it were the file `file` (list files resolve beside it): used to
    /// re-read a rules file the tool is about to write.
    static func parse(text bytes: [UInt8], file: String, schema: RuleSchema = .engine) throws(CLIError) -> RuleSet {
        let dir = directory(of: file)
        let env = RuleEnvironment(
            readFile: { relative in
                let p = relative.hasPrefix("/") ? relative : dir + relative
                switch Result(catching: { () throws(CLIError) -> [UInt8] in try readBytes(p) }) {
                case .success(let b): return b
                case .failure(let e): throw e
                }
            },
            canonicalNumber: { PhoneNumber.canonical($0) })
        do {
            return try RuleSet.parse(bytes, file: file, schema: schema, environment: env)
        } catch {
            throw .data(error.description)
        }
    }

    /// Reads a watchlist: one number a line, `#` comments, blank lines ignored.
    static func readWatchlist(_ path: String) throws(CLIError) -> [String] {
        var numbers: [String] = []
        for entry in NumberListFile.entries(try readBytes(path), canonical: { PhoneNumber.canonical($0) }) {
            guard let n = entry.canonical else {
                throw .data("\(path):\(entry.line): \(PhoneNumber.notANumber(entry.text))")
            }
            numbers.append(n)
        }
        return numbers
    }

    /// A rules, list or key file, refused past 64 MiB (no such file is that large; a path
    /// given by mistake to a huge file fails at once). `-` is a file of that name here, not
    /// stdin.
    static func readBytes(_ path: String) throws(CLIError) -> [UInt8] {
        var out: [UInt8] = []
        try InputFiles.readChunks(path == "-" ? "./-" : path) { (chunk) throws(CLIError) in
            out.append(contentsOf: chunk)
            if out.count > 64 << 20 { throw .data("'\(path)' is larger than 64 MiB") }
        }
        return out
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// `rules/default.rules` in the working directory or above the executable (as built by
    /// `swift build` inside the checkout).
    private static func defaultRulesPath() -> String? {
        var candidates = ["rules/default.rules"]
        var dir = directory(of: CommandLine.arguments.first ?? "")
        if let real = realpath(CommandLine.arguments.first ?? "", nil) {
            dir = directory(of: String(cString: real))
            free(real)
        }
        for _ in 0..<6 where !dir.isEmpty {
            candidates.append(dir + "rules/default.rules")
            dir = directory(of: String(dir.dropLast()))
        }
        return candidates.first { access($0, R_OK) == 0 }
    }
}
