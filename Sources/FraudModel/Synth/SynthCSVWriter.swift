/// Renders calls as calls.csv bytes in blocks of about 1 MiB.
struct SynthCSVWriter {
    static let header = Array("start_time,caller,callee,duration,caller_region,callee_region,caller_imei\n".utf8)
    static let blockSize = 1 << 20

    let book: SynthNumberBook
    /// "YYYY-MM-DD" of each day of the window, 10 bytes each.
    let dates: [UInt8]
    /// Region codes, 6 bytes each (index 0 = empty).
    let regions: [UInt8]

    init(book: SynthNumberBook, firstDay: Int, days: Int) {
        self.book = book
        dates = (0...days).flatMap { SynthCalendar.dateBytes(firstDay + $0) }
        regions = SynthRegions.codes.flatMap { $0.isEmpty ? Array(repeating: UInt8(0), count: 6) : Array($0.utf8) }
    }

    func write(_ calls: [SynthCall], _ sink: ([UInt8]) throws -> Void) rethrows {
        var index = 0
        var first = true
        repeat {
            let block = [UInt8](unsafeUninitializedCapacity: Self.blockSize + 512) { buf, count in
                var p = 0
                if first {
                    for b in Self.header { buf[p] = b; p += 1 }
                    first = false
                }
                while index < calls.count && p < Self.blockSize {
                    p = row(calls[index], buf, p)
                    index += 1
                }
                count = p
            }
            try sink(block)
        } while index < calls.count
    }

    @inline(__always)
    private func row(_ c: SynthCall, _ buf: UnsafeMutableBufferPointer<UInt8>, _ start: Int) -> Int {
        var p = start
        let day = Int(c.time) / SynthCalendar.secondsPerDay
        let sec = Int(c.time) - day * SynthCalendar.secondsPerDay
        for i in 0..<10 { buf[p + i] = dates[day * 10 + i] }
        buf[p + 10] = c.flags & SynthCall.isoT != 0 ? 0x54 : 0x20
        two(sec / 3600, buf, p + 11)
        buf[p + 13] = 0x3A
        two(sec / 60 % 60, buf, p + 14)
        buf[p + 16] = 0x3A
        two(sec % 60, buf, p + 17)
        buf[p + 19] = 0x2C
        p = number(c.caller, c.callerFormat, buf, p + 20)
        buf[p] = 0x2C
        p = number(c.callee, c.calleeFormat, buf, p + 1)
        buf[p] = 0x2C
        p = integer(Int(c.duration), buf, p + 1)
        buf[p] = 0x2C
        p = region(c.caller, buf, p + 1)
        buf[p] = 0x2C
        p = region(c.callee, buf, p + 1)
        buf[p] = 0x2C
        p += 1
        if c.flags & SynthCall.noIMEI == 0 && book.hasDevice(c.caller) {
            p = SynthIMEI.write(key: book.imeiKey[Int(c.caller)], variant: c.imeiVariant, to: buf, at: p)
        }
        buf[p] = 0x0A
        return p + 1
    }

    @inline(__always)
    private func two(_ v: Int, _ buf: UnsafeMutableBufferPointer<UInt8>, _ p: Int) {
        buf[p] = UInt8(0x30 + v / 10)
        buf[p + 1] = UInt8(0x30 + v % 10)
    }

    @inline(__always)
    private func integer(_ v: Int, _ buf: UnsafeMutableBufferPointer<UInt8>, _ p: Int) -> Int {
        var n = 1, x = v
        while x >= 10 { x /= 10; n += 1 }
        x = v
        var i = p + n - 1
        while i >= p {
            buf[i] = UInt8(0x30 + x % 10)
            x /= 10
            i -= 1
        }
        return p + n
    }

    @inline(__always)
    private func region(_ id: UInt32, _ buf: UnsafeMutableBufferPointer<UInt8>, _ p: Int) -> Int {
        let r = Int(book.region[Int(id)])
        guard r != 0 else { return p }
        for i in 0..<6 { buf[p + i] = regions[r * 6 + i] }
        return p + 6
    }

    /// One spelling of the number: the four domestic mobile forms, `+CC`/`00CC` for foreign.
    @inline(__always)
    private func number(_ id: UInt32, _ format: Int, _ buf: UnsafeMutableBufferPointer<UInt8>, _ start: Int) -> Int {
        var p = start
        switch book.cls[Int(id)] {
        case .mobile:
            switch format {
            case 1: buf[p] = 0x38; buf[p + 1] = 0x36; p += 2
            case 2: buf[p] = 0x2B; buf[p + 1] = 0x38; buf[p + 2] = 0x36; p += 3
            case 3: buf[p] = 0x30; buf[p + 1] = 0x30; buf[p + 2] = 0x38; buf[p + 3] = 0x36; p += 4
            default: break
            }
        case .foreign:
            if format & 1 == 0 { buf[p] = 0x2B; p += 1 } else { buf[p] = 0x30; buf[p + 1] = 0x30; p += 2 }
        case .fixed, .plain:
            break
        }
        let base = Int(id) * SynthNumberBook.stride
        let n = Int(book.text[base])
        for i in 0..<n { buf[p + i] = book.text[base + 1 + i] }
        return p + n
    }
}
