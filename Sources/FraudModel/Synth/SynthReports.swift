/// The label files and summary that accompany calls.csv.
extension SyntheticWeek {
    /// `subscriber,label`: every population subscriber that occurs in calls.csv, in canonical
    /// national form; 1 for victims, 0 for everyone else.
    public func labelsCSV() -> [UInt8] {
        var out = "subscriber,label\n"
        out.reserveCapacity(labelled.count * 15 + 20)
        for id in labelled {
            out += book.canonical(id)
            out += isVictim[Int(id)] ? ",1\n" : ",0\n"
        }
        return Array(out.utf8)
    }

    /// `number,role,ring`: every fraud number in canonical form (roles: spray, simbox,
    /// lookalike, handoff, fake_service, adviser).
    public func fraudCSV() -> [UInt8] {
        var out = "number,role,ring\n"
        for ring in rings {
            for f in ring.numbers { out += "\(book.canonical(f.id)),\(f.role.name),\(ring.index)\n" }
        }
        return Array(out.utf8)
    }

    /// A partial, late watchlist: a comment line, then about 30 % of the fraud numbers
    /// (mostly long-lived spray numbers), one a line, in raw mixed spellings.
    public func watchlistText() -> [UInt8] {
        var rng = Xoshiro(seed: config.seed, stream: 60)
        var scored: [(Double, UInt32)] = []
        for ring in rings {
            for f in ring.numbers {
                let life = f.role == .handoff || f.role == .fakeService ? 0.8
                    : f.role == .adviser ? 0.2 : Double(f.lastDay - f.firstDay)
                scored.append((life + 2.5 * rng.unit(), f.id))
            }
        }
        scored.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        let take = Int((Double(scored.count) * 0.3).rounded())
        var out = "# known fraud numbers (confirmed reports; partial and late), one a line\n"
        for (_, id) in scored.prefix(take) {
            out += book.raw(id, format: rng.chance(0.6) ? 0 : rng.int(1, 3)) + "\n"
        }
        return Array(out.utf8)
    }

    /// `subscriber,scam,first_contact,money_moved`: per victim, the script, the first answered
    /// call with the ring, and the first bank-hotline call the victim made after it (empty if
    /// none within the window). Times are `YYYY-MM-DD HH:MM:SS`.
    public func victimsCSV() -> [UInt8] {
        var out = "subscriber,scam,first_contact,money_moved\n"
        for v in victims.sorted(by: { ($0.firstContact ?? Int.max, $0.subscriber) < ($1.firstContact ?? Int.max, $1.subscriber) }) {
            out += "\(book.canonical(v.subscriber)),\(v.scam.name),"
            out += (v.firstContact.map(timestamp) ?? "") + ","
            out += (v.moneyMoved.map(timestamp) ?? "") + "\n"
        }
        return Array(out.utf8)
    }

    /// Counts: subscribers, records, victims, fraud numbers by role, hard negatives by kind.
    public var summary: String {
        var lines = [
            "subscribers: \(populationCount) (labelled, appearing in calls: \(labelled.count))",
            "days: \(config.days) from \(timestamp(0)), seed \(config.seed)",
            "records: \(recordCount) (\(String(format1: Double(recordCount) / Double(populationCount) * 7 / Double(config.days))) per subscriber per week)",
            "victims: \(victims.count) (money moved within window: \(victims.filter { $0.moneyMoved != nil }.count))",
        ]
        for scam in SynthScam.allCases {
            lines.append("  \(scam.name): \(victims.filter { $0.scam == scam }.count)")
        }
        lines.append("fraud rings: \(rings.count)")
        let all = rings.flatMap(\.numbers)
        lines.append("fraud numbers: \(all.count)")
        for role in [SynthFraudRole.spray, .simbox, .lookalike, .handoff, .fakeService, .adviser] {
            lines.append("  \(role.name): \(all.filter { $0.role == role }.count)")
        }
        lines.append("hard negatives:")
        for h in hardNegatives { lines.append("  \(h.name): \(h.value)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

fileprivate extension String {
    /// A number with one decimal, without Foundation.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
