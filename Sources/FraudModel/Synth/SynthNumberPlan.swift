/// Numbering plan: how each kind of number is drawn.
enum SynthNumberPlan {
    /// Prefixes for the four spellings of a domestic mobile (format 0…3).
    static let mobilePrefixes = ["", "86", "+86", "0086"]

    static let regularMobile = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
                                "150", "151", "152", "153", "155", "156", "157", "158", "159",
                                "173", "176", "177", "180", "181", "182", "183", "185", "186",
                                "187", "188", "189", "191", "198", "199"]
    static let virtualMobile = ["170", "171", "162", "165", "167"]
    /// Virtual-operator ranges favoured by fraud rings.
    static let fraudVirtualMobile = ["170", "171", "170", "171", "165", "167"]
    static let bankHotlines = ["95588", "95533", "95599", "95555", "95566", "95559", "95595"]

    /// Country codes and national-number shapes (leading digits, random digits after them).
    static let fraudCountries: [(String, [String], Int)] = [
        ("855", ["10", "11", "12", "15", "16", "17", "69", "70", "77", "78", "85", "89", "92", "96", "97"], 6),
        ("95", ["9"], 8),
        ("63", ["91", "92", "93", "94", "95", "96", "97", "98"], 8),
        ("60", ["11", "12", "13", "16", "17", "18", "19"], 7),
        ("84", ["90", "91", "93", "96", "97", "98", "32", "33"], 7),
    ]
    static let familyCountries: [(String, [String], Int)] = [
        ("1", ["212", "310", "415", "617", "626", "646", "718", "416", "604", "778"], 7),
        ("44", ["74", "75", "77", "78", "79"], 8),
        ("61", ["4"], 8),
        ("65", ["8", "9"], 7),
        ("852", ["5", "6", "9"], 7),
        ("60", ["12", "16", "17", "19"], 7),
    ]

    static func digits(_ prefix: String, random n: Int, _ rng: inout Xoshiro) -> [UInt8] {
        var out = Array(prefix.utf8)
        for _ in 0..<n { out.append(UInt8(0x30 + rng.below(10))) }
        return out
    }

    static func mobile(_ rng: inout Xoshiro) -> [UInt8] {
        digits(rng.pick(regularMobile), random: 8, &rng)
    }

    static func virtualMobile(_ rng: inout Xoshiro) -> [UInt8] {
        digits(rng.pick(virtualMobile), random: 8, &rng)
    }

    static func fraudVirtual(_ rng: inout Xoshiro) -> [UInt8] {
        digits(rng.pick(fraudVirtualMobile), random: 8, &rng)
    }

    /// 0571 + 8 digits (a Hangzhou-style fixed line).
    static func fixedLine(_ rng: inout Xoshiro) -> [UInt8] {
        digits("0571" + rng.pick(["8", "8", "5", "6", "2"]), random: 7, &rng)
    }

    /// A 400 national customer-service number.
    static func line400(_ rng: inout Xoshiro) -> [UInt8] { digits("400", random: 7, &rng) }

    static func foreign(_ table: [(String, [String], Int)], _ rng: inout Xoshiro) -> [UInt8] {
        let (cc, leads, n) = rng.pick(table)
        return digits(cc + rng.pick(leads), random: n, &rng)
    }

    /// A bank-hotline look-alike: `95588` + extra digits, bare (domestic) or behind +95.
    static func lookalike(foreign: Bool, _ rng: inout Xoshiro) -> [UInt8] {
        digits(rng.pick(bankHotlines), random: foreign ? 6 : 5, &rng)
    }
}
