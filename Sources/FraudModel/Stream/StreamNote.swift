/// A note for stderr on one call the stream did not take as it came: one that arrived later
/// than `--max-delay` (counted all the same) or one skipped as dated too far ahead.
struct StreamNote: Sendable, Equatable {
    enum Kind: Sendable { case late, skipped }

    var kind: Kind
    /// The line for stderr ("late: record …", "skipped record …").
    var text: String
}
