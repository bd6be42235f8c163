/// How to give a year to RFC 3164 timestamps, which have none. Lines that write their own
/// year (RFC 3339, RFC 5424) ignore it.
public enum YearReference: Sendable, Equatable {
    /// `--year Y`: the first line is in year Y. When the month goes back by more than six
    /// months from the previous line (December → January) the year moves on by one. After such
    /// a wrap, a line whose month jumps forward by more than six months (a late December line
    /// just after the wrap) is dated in the year before, without moving the current year back.
    /// The state lives in the parser and starts over at each `setYearReference` call.
    case fixed(Int)
    /// The file's modification time (or now, for standard input), epoch seconds. Each line
    /// takes the reference's year in local time, or the year before when its month/day lies
    /// more than one day after the reference's month/day (a log line cannot come from the
    /// future; one day of slack absorbs clock and zone skew). Stateless, so a December →
    /// January wrap inside one file comes out right. A February 29 line that lands in a
    /// common year goes back to the latest leap year.
    case reference(epochSeconds: Int64)
}
