/// Tuning of the correlate stage. The defaults suit sendmail's own defaults.
public struct CorrelatorOptions: Sendable {
    /// A message with no line for this long (log time) is flushed with its unfinished
    /// recipients marked `incomplete`, so memory stays bounded by messages in flight.
    /// Default: sendmail's 5-day queue return.
    public var horizonSeconds: Int64
    /// How long a message whose recipients all have a final outcome is kept in case more
    /// lines of the same delivery run follow (alias expansion can add recipients beyond
    /// `nrcpts`). Skipped when sendmail logged `done;` for every hop.
    public var settleSeconds: Int64
    /// How long a message received from this machine's own submission program is kept
    /// waiting for the submission's `Sent (QID Message accepted …)` line that links the two.
    public var handoffSeconds: Int64
    /// When false only `.record` events are emitted: the per-line events (attempt, notice,
    /// reject, session, TLS, AUTH, system error) and the message summaries are not built.
    /// For consumers that only want records (`smlog records`); the records are the same.
    public var emitsLineEvents: Bool

    public init(
        horizonSeconds: Int64 = 5 * 86_400, settleSeconds: Int64 = 900, handoffSeconds: Int64 = 3_600,
        emitsLineEvents: Bool = true
    ) {
        self.horizonSeconds = horizonSeconds
        self.settleSeconds = settleSeconds
        self.handoffSeconds = handoffSeconds
        self.emitsLineEvents = emitsLineEvents
    }
}
