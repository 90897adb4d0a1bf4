/// Home-county codes written in `caller_region` / `callee_region`. Index 0 is "no region"
/// (fraud, international and national service numbers).
enum SynthRegions {
    static let codes: [String] = [
        "",
        // The county: 8 districts (1…8).
        "330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112",
        // Neighbouring counties (9…13).
        "330122", "330127", "330182", "330681", "330521",
        // Elsewhere in the country (14…21).
        "310101", "320102", "330203", "440305", "110105", "510104", "420102", "350203",
    ]
    static let districts: ClosedRange<UInt8> = 1...8
    static let neighbours: ClosedRange<UInt8> = 9...13
    static let elsewhere: ClosedRange<UInt8> = 14...21

    static func neighbour(_ rng: inout Xoshiro) -> UInt8 {
        UInt8(rng.int(Int(neighbours.lowerBound), Int(neighbours.upperBound)))
    }

    static func district(_ rng: inout Xoshiro) -> UInt8 {
        UInt8(rng.int(Int(districts.lowerBound), Int(districts.upperBound)))
    }

    /// A home county for a domestic number from outside the population.
    static func outside(_ rng: inout Xoshiro) -> UInt8 {
        if rng.chance(0.4) { return neighbour(&rng) }
        return UInt8(rng.int(Int(elsewhere.lowerBound), Int(elsewhere.upperBound)))
    }
}
