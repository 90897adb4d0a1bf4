/// Records: a complete line (or a record whose line breaks were quoted) into slot values.
/// The header line becomes the column layout; a CSV row is split into fields and a JSON Lines
/// record scanned, then both go to ``values(_:_:_:)`` the same way.
extension CallLogBuilder {
    /// One complete record (its line breaks, if any, were inside quotes).
    mutating func record(_ raw: UnsafeBufferPointer<UInt8>, quoted: Bool) throws(InputError) {
        if raw.count > options.maximumLineLength { return try rejectUnread(.lineTooLong(limit: options.maximumLineLength)) }
        var l = raw
        if let last = l.last, last == 0x0D { l = UnsafeBufferPointer(rebasing: l.dropLast()) }
        if recordLine == 1, l.count >= 3, l[0] == 0xEF, l[1] == 0xBB, l[2] == 0xBF {
            l = UnsafeBufferPointer(rebasing: l.dropFirst(3))                // UTF-8 BOM
        }
        if Self.isBlank(l, separator: options.format == .csv ? (header?.separator ?? options.separator) : 0x20) { return }
        if options.format == .jsonl { return try jsonRecord(l) }
        guard let layout = header else {
            header = try ColumnLayout(headerLine: l, file: source, options: options)
            headerLine = recordLine
            return
        }
        linesRead += 1
        if !quoted {
            guard fields.split(l, separator: layout.separator) else {
                return try reject(.tooManyFields(limit: fields.limit))
            }
            return try csvRow(l, layout)
        }
        var buffer: [UInt8] = []
        swap(&buffer, &decoded)
        defer { swap(&buffer, &decoded) }
        guard fields.splitUnquoting(l, separator: layout.separator, into: &buffer) else {
            return try reject(.tooManyFields(limit: fields.limit))
        }
        try buffer.withUnsafeBufferPointer { (p) throws(InputError) in try csvRow(p, layout) }
    }

    /// Maps a split CSV row's fields to slots.
    mutating func csvRow(_ base: UnsafeBufferPointer<UInt8>, _ layout: ColumnLayout) throws(InputError) {
        let count = fields.count
        guard layout.accepts(fieldCount: count), count <= layout.fieldCount || fields.emptyFrom(layout.fieldCount) else {
            return try reject(.fieldCount(expected: layout.fieldCount, found: count))
        }
        var starts = SlotValues(), ends = SlotValues()
        fields.starts.withUnsafeBufferPointer { st in
            fields.ends.withUnsafeBufferPointer { en in
                @inline(__always) func put(_ f: Int, _ s: inout Int, _ e: inout Int) {
                    if f >= 0 && f < count { s = st[f]; e = en[f] }
                }
                let i = layout.fieldOf
                put(i.time, &starts.time, &ends.time)
                put(i.duration, &starts.duration, &ends.duration)
                put(i.partyA, &starts.partyA, &ends.partyA)
                put(i.partyB, &starts.partyB, &ends.partyB)
                put(i.regionA, &starts.regionA, &ends.regionA)
                put(i.regionB, &starts.regionB, &ends.regionB)
                put(i.imeiA, &starts.imeiA, &ends.imeiA)
                put(i.callType, &starts.callType, &ends.callType)
            }
        }
        try values(base, starts, ends)
    }

    /// Reads one JSON Lines record's fields into slots.
    mutating func jsonRecord(_ l: UnsafeBufferPointer<UInt8>) throws(InputError) {
        linesRead += 1
        var buffer: [UInt8] = []
        swap(&buffer, &decoded)
        defer { swap(&buffer, &decoded) }
        if let problem = json.scan(l, into: &buffer) { return try reject(.badJSON(problem.description)) }
        if json.keyCount > options.maximumFields { return try reject(.tooManyFields(limit: options.maximumFields)) }
        var starts = SlotValues(), ends = SlotValues()
        for slot in RecordSlot.allCases {
            starts[slot] = json.starts[slot.rawValue]
            ends[slot] = json.ends[slot.rawValue]
        }
        for c in options.layout.columns where c.isRequired && starts[c.slot] < 0 {
            return try reject(.missingField(options.headerName(c)))
        }
        try buffer.withUnsafeBufferPointer { (p) throws(InputError) in try values(p, starts, ends) }
    }

    /// Blank: only spaces, tabs, CR, or separators (the `,,,,` rows spreadsheets leave);
    /// `sep` nil: any of `,` `;` `|`. Static, so that a call does not copy the builder (it
    /// did: 608 bytes a record).
    private static func isBlank(_ l: UnsafeBufferPointer<UInt8>, separator sep: UInt8?) -> Bool {
        for b in l where b != 0x20 && b != 0x09 && b != 0x0D {
            if let sep { if b != sep { return false } } else if b != 0x2C && b != 0x3B && b != 0x7C { return false }
        }
        return true
    }
}
