/// The clock in which timestamps without a written UTC offset (RFC 3164, journalctl
/// `short`/`short-precise`, zone-less ISO stamps) are read.
public enum LocalTimeZone: Sendable, Equatable {
    /// The process time zone (libc `TZ`, as the CLI sets it for `--tz`), including its
    /// daylight-saving rules. Read when the parser is created and at each `setYearReference`.
    case process
    /// A constant offset east of UTC, in seconds. Touches no libc state, so results do not
    /// depend on the environment.
    case fixedOffset(seconds: Int32)

    /// Coordinated Universal Time.
    public static let utc = LocalTimeZone.fixedOffset(seconds: 0)
}
