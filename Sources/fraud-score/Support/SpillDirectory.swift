#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where the commands that read a whole call log write its calls (`--spill DIR`,
/// `--in-memory`): a directory on a real file system, or none.
enum SpillDirectory {
    /// Where a command that reads a whole log spills its calls: `--spill DIR`, else $TMPDIR,
    /// else /tmp; nil with `--in-memory`, and for commands without these options.
    static func choose(_ a: Arguments, usage: String) throws(CLIError) -> String? {
        guard a.accepts("spill") else { return nil }
        let given = a.value("spill")
        if a.flag("in-memory") {
            guard given == nil else { throw .usage("'--spill' and '--in-memory' exclude each other", usage: usage) }
            return nil
        }
        let directory = given ?? getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var st = stat()
        guard stat(directory, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            let source = given != nil ? "'--spill'" : "$TMPDIR"
            throw .usage("\(source) names '\(directory)', which is not a directory; give one with --spill DIR, or use --in-memory", usage: usage)
        }
        // A file in a memory file system saves no memory (its pages only leave the process's
        // count), so by default the calls then stay in memory; --spill DIR is obeyed as given.
        if given == nil && isInMemoryFileSystem(directory) { return nil }
        return directory
    }

    /// Whether `path` is on tmpfs or ramfs: the type of the deepest mount point in
    /// /proc/self/mounts that holds its real path (false when that cannot be read).
    private static func isInMemoryFileSystem(_ path: String) -> Bool {
        guard let resolved = realpath(path, nil) else { return false }
        let real = String(cString: resolved)
        free(resolved)
        guard let bytes = try? InputFiles.readAll("/proc/self/mounts") else { return false }
        var best = "", type = ""
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mount = Self.unescapedMountPath(fields[1])
            let holds = mount == "/" || real == mount || real.hasPrefix(mount + "/")
            if holds && mount.count >= best.count { best = mount; type = String(fields[2]) }
        }
        return type == "tmpfs" || type == "ramfs"
    }

    /// A mount point as /proc/self/mounts writes it, with `\ooo` octal escapes decoded.
    private static func unescapedMountPath(_ field: Substring) -> String {
        var out: [UInt8] = []
        let b = Array(field.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 3 < b.count,
               let v = UInt8(String(decoding: b[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v)
                i += 4
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
