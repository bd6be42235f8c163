/// How to give a year to RFC 3164 timestamps, which have none.
public enum YearReference: Sendable, Equatable {
    /// `--year Y`: the year of the first line; a month going back by more than six months
    /// (December → January) inside one file moves to the next year.
    case fixed(Int)
    /// The file's modification time (or now, for standard input), epoch seconds: every line
    /// takes that year, or the year before when its month/day lies after the reference
    /// (a log line cannot come from the future). Handles Dec → Jan inside one file.
    case reference(epochSeconds: Int64)
}
