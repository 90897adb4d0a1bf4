/// The last step of ``CallLogBuilder/finish()``: calls dated far from all the others
/// (``StrayCalls``) are taken out, counted and described for the report, or, under
/// `--strict`, stop the read.
extension CallLogBuilder {
    /// `records` without their stray calls, how many there were, and the first of them
    /// described ("2062-03-02 00:01:01, 18976571195 → 13553743605").
    ///
    /// - Throws: ``InputError/strayCall(_:)`` for a stray call under `--strict`;
    ///   ``InputError/spill(_:)`` when a spilled run with stray calls cannot be written again.
    func skippingStrays(_ records: CallRecords) throws(InputError) -> (kept: CallRecords, count: Int, examples: [String]) {
        let strays = StrayCalls(in: records, gap: options.strayGap)
        let (kept, removed) = try records.removing(strays, examples: options.strict ? 1 : options.keptIssues,
                                                   spillDirectory: options.spillDirectory, window: spillWindow)
        if options.strict, let first = removed.first {
            throw .strayCall("a call at \(describe(first)) is more than \(ExposureWindow.length(options.strayGap)) "
                             + "from any other call (a mistyped time?)")
        }
        return (kept, strays.count, removed.map(describe))
    }

    /// A call for a report: "2062-03-02 00:01:01, 18976571195 → 13553743605", the numbers only
    /// where issues may quote fields.
    private func describe(_ r: CallRecord) -> String {
        let time = Timestamp.format(Int64(r.time), offset: displayOffset ?? 0)
        return options.quoteFieldsInIssues ? "\(time), \(numbers.text(r.caller)) → \(numbers.text(r.callee))" : time
    }
}
