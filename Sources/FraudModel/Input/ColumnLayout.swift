/// Where each value fraud-score reads sits in a CSV file, found from its header line.
struct ColumnLayout: Sendable {
    let separator: UInt8
    /// Fields in the header.
    let fieldCount: Int
    /// Fields a row needs: the header without trailing unnamed columns (`a,b,c,` exports).
    let neededCount: Int
    /// Field index of each ``RecordSlot``, or -1 when the file has no such column.
    let fieldOf: SlotValues

    /// Reads a header line; columns are matched by name, case-insensitively, in any order.
    ///
    /// A column the tool reads must appear once: two columns of that name would leave the
    /// choice to the order of the header. Repeated names among the columns it ignores are fine.
    ///
    /// - Throws: ``InputError/missingColumn(file:column:canonical:header:)``,
    ///   ``InputError/repeatedColumn(file:column:canonical:positions:)`` for a column read
    ///   that appears more than once, or ``InputError/tooManyColumns(file:limit:)`` for a
    ///   header wider than the field limit.
    init(headerLine: UnsafeBufferPointer<UInt8>, file: String, options: InputOptions) throws(InputError) {
        let sep = options.separator ?? Self.detectSeparator(headerLine)
        var fields = CSVFields(limit: options.maximumFields)
        var decoded: [UInt8] = []
        guard fields.splitUnquoting(headerLine, separator: sep, into: &decoded) else {
            throw .tooManyColumns(file: file, limit: options.maximumFields)
        }
        let names = decoded.withUnsafeBufferPointer { d in
            (0..<fields.count).map { k -> String in
                String(decoding: fields.field(k, in: d), as: UTF8.self).trimmingCharacters(in: " \t").lowercased()
            }
        }
        var fieldOf = SlotValues()
        for c in options.layout.columns {
            let wanted = options.headerName(c).lowercased()
            let found = names.indices.filter { names[$0] == wanted }
            if found.count > 1 {
                throw .repeatedColumn(file: file, column: wanted, canonical: c.rawValue, positions: found.map { $0 + 1 })
            }
            if let i = found.first {
                fieldOf[c.slot] = i
            } else if c.isRequired {
                // Under --pseudonymize a header-less file must not echo its first row.
                let shown = options.quoteFieldsInIssues ? names : names.map { $0.contains(where: \.isNumber) ? "…" : $0 }
                throw .missingColumn(file: file, column: wanted, canonical: c.rawValue, header: shown)
            }
        }
        separator = sep
        fieldCount = fields.count
        neededCount = (names.lastIndex { !$0.isEmpty } ?? -1) + 1
        self.fieldOf = fieldOf
    }

    /// Whether a row of `count` fields fits the header. Trailing separators are accepted:
    /// extra fields beyond the header must be empty (checked by the caller) and unnamed
    /// header columns at the end may be missing.
    @inline(__always)
    func accepts(fieldCount count: Int) -> Bool { count >= neededCount }

    /// The most frequent of `,` `;` tab `|` outside quotes (ties: that order); `,` if none.
    static func detectSeparator(_ line: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts = [0, 0, 0, 0]
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
        var quoted = false
        for b in line {
            if b == 0x22 { quoted.toggle(); continue }
            if quoted { continue }
            if let k = candidates.firstIndex(of: b) { counts[k] += 1 }
        }
        var best = 0
        for k in 1..<4 where counts[k] > counts[best] { best = k }
        return candidates[best]
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
