/// A file of numbers, one a line, `#` starting a comment, blank lines ignored: the format of
/// `--watchlist` files and of `list NAME = file "…"` in a rules file.
public enum NumberListFile {
    /// One number line of the file.
    public struct Entry: Sendable, Equatable {
        /// 1-based line number.
        public var line: Int
        /// The number as written, comment and surrounding blanks removed.
        public var text: String
        /// Its canonical form, or nil when it is not a phone number or identifier.
        public var canonical: String?
    }

    /// The number lines of `bytes`, each canonicalised with `canonical`. A UTF-8 byte-order
    /// mark (Notepad's) is skipped, as in call files and rules files: kept, it made the first
    /// number "not a phone number" in a message that showed nothing wrong.
    ///
    /// - Complexity: O(bytes).
    public static func entries(_ bytes: [UInt8], canonical: (Substring) -> String?) -> [Entry] {
        var out: [Entry] = []
        var lineNumber = 0
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        for rawLine in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var content = rawLine[...]
            if let hash = content.firstIndex(of: UInt8(ascii: "#")) { content = content[..<hash] }
            while let first = content.first, isBlank(first) { content = content.dropFirst() }
            while let last = content.last, isBlank(last) { content = content.dropLast() }
            guard !content.isEmpty else { continue }
            let text = String(decoding: content, as: UTF8.self)
            out.append(Entry(line: lineNumber, text: text, canonical: canonical(Substring(text))))
        }
        return out
    }

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
}
