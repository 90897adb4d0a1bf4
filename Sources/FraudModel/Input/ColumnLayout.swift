/// Where each column fraud-score reads sits in a file, found from its header line.
struct ColumnLayout: Sendable {
    let separator: UInt8
    let fieldCount: Int
    let time: Int, caller: Int, callee: Int, duration: Int
    let callerRegion: Int?, calleeRegion: Int?, callerIMEI: Int?

    /// Reads a header line; columns are matched by name, case-insensitively, in any order.
    init(headerLine: UnsafeBufferPointer<UInt8>, file: String, options: InputOptions) throws(InputError) {
        let sep = options.separator ?? Self.detectSeparator(headerLine)
        var fields = CSVFields()
        _ = fields.split(headerLine, separator: sep)
        let names = (0..<fields.count).map { k -> String in
            String(decoding: fields.field(k, in: headerLine), as: UTF8.self)
                .trimmingCharacters(in: " \t").lowercased()
        }
        func index(_ c: Column) throws(InputError) -> Int? {
            let wanted = (options.columnNames[c.rawValue] ?? c.rawValue).lowercased()
            if let i = names.firstIndex(of: wanted) { return i }
            if c.isRequired { throw .missingColumn(file: file, column: wanted, header: names) }
            return nil
        }
        separator = sep
        fieldCount = fields.count
        // Required columns are never nil (index throws instead).
        time = try index(.startTime) ?? 0
        caller = try index(.caller) ?? 0
        callee = try index(.callee) ?? 0
        duration = try index(.duration) ?? 0
        callerRegion = try index(.callerRegion)
        calleeRegion = try index(.calleeRegion)
        callerIMEI = try index(.callerIMEI)
    }

    /// `,` unless the header has none and has `;` or a tab instead.
    static func detectSeparator(_ line: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var comma = 0, semicolon = 0, tab = 0
        for b in line {
            if b == 0x2C { comma += 1 } else if b == 0x3B { semicolon += 1 } else if b == 0x09 { tab += 1 }
        }
        if comma == 0 && tab > semicolon { return 0x09 }
        if comma == 0 && semicolon > 0 { return 0x3B }
        return 0x2C
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
