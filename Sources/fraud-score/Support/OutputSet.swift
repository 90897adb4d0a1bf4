#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The outputs of one run, published together: all are opened before the work starts (a
/// missing directory stops the run before anything is read), each is written in full (a file
/// to its temporary), and files are renamed into place only once every output was written
/// and synced. A run that fails — bad data, a full disk, an output that cannot be created —
/// changes none of the files.
///
/// Devices, FIFOs and stdout receive their bytes as they are written: those cannot wait. The
/// renames at the end are not one atomic step, but nothing that can fail for lack of space or
/// data comes after the first of them.
///
/// A class: the commands hand it to the steps that write each output.
final class OutputSet {
    private let usage: String
    private var outputs: [(option: String, file: OutputFile)] = []

    /// - Parameter usage: the command's usage line, for the error naming one file twice.
    init(usage: String) {
        self.usage = usage
    }

    deinit { discard() }

    /// Opens the output `--option` names in `a`; nil when the option is not given.
    @discardableResult
    func open(_ a: Arguments, _ option: String) throws(CLIError) -> OutputFile? {
        guard let path = a.value(option) else { return nil }
        return try open(path, option: option)
    }

    /// Opens `path` (stdout for nil or "-") as the output of `--option`.
    ///
    /// - Throws: `.usage` when another output of the run is the same file (the last rename
    ///   would silently win); `.io` when it cannot be opened or created.
    @discardableResult
    func open(_ path: String?, option: String) throws(CLIError) -> OutputFile {
        let file = try OutputFile(path: path)
        if let key = Self.identity(file.target),
           let other = outputs.first(where: { Self.identity($0.file.target) == key }) {
            file.discard()
            throw .usage("'--\(other.option)' and '--\(option)' name the same file '\(path ?? "-")'; give each its own", usage: usage)
        }
        outputs.append((option, file))
        return file
    }

    /// Refuses an output that would replace one of the run's inputs: a call file (`--out
    /// calls.csv calls.csv`), labels, a table, a rules, list or key file. The run would read
    /// it, then rename its results over it, and the user's data would be gone without a word.
    ///
    /// - Parameter mayReplace: output option → input option it may replace on purpose
    ///   (`tune --rules my.rules --out my.rules` rewrites the weights in place).
    /// - Throws: `.usage` naming the output and the input.
    func refuseReplacingInputs(of a: Arguments, mayReplace: [String: String] = [:]) throws(CLIError) {
        var inputs: [(option: String?, path: String)] = a.positionals.filter { $0 != "-" }.map { (nil, $0) }
        for option in ["rules", "compare", "watchlist", "labels", "fraud-labels", "table", "pseudonymize"] {
            inputs += a.all(option).map { (option, $0) }
        }
        for o in outputs {
            guard case .file(let path) = o.file.target, let replaced = InputFiles.identity(of: path) else { continue }
            for input in inputs where input.option == nil || mayReplace[o.option] != input.option {
                guard InputFiles.identity(of: input.path) == replaced else { continue }
                let what = input.option.map { "the '--\($0)' file" } ?? "a call file"
                throw .usage("'--\(o.option)' names '\(o.file.path ?? path)', \(what) this run reads: writing the results "
                             + "there would replace it; name another file", usage: usage)
            }
        }
    }

    /// The output opened for `--option`, if any.
    subscript(option: String) -> OutputFile? {
        outputs.first { $0.option == option }?.file
    }

    /// Flushes and syncs every output, then renames the files into place.
    ///
    /// - Throws: the first failure; every file not yet renamed is then abandoned.
    func commit() throws(CLIError) {
        do {
            for o in outputs { try o.file.prepare() }
            for o in outputs { try o.file.publish() }
        } catch {
            discard()
            throw error
        }
    }

    /// Abandons every output not yet published.
    func discard() {
        for o in outputs { o.file.discard() }
    }

    /// What makes two replaced files the same: the real directory and the name. Devices,
    /// FIFOs and descriptors may be shared (`--out /dev/null --suspects /dev/null`).
    private static func identity(_ target: OutputTarget?) -> String? {
        guard case .file(let path) = target else { return nil }
        let directory = OutputTarget.directory(of: path)
        guard let resolved = realpath(directory.isEmpty ? "." : directory, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + OutputTarget.name(of: path)
    }
}
