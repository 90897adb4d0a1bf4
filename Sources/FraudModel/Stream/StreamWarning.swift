/// A warning raised by the stream: the list row plus the event time of the call that raised it.
public struct StreamWarning: Sendable, Equatable {
    /// Event time (UTC epoch seconds) of the call that raised it.
    public var raisedAt: UInt32
    /// The warning, as in the batch list.
    public var warning: Warning
}
