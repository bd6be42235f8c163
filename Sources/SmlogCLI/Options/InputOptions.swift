import ArgumentParser

/// Options shared by every subcommand that reads logs.
public struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Log files, directories (their maillog-like files) or - for standard input. Plain or gzip, in any order: rotated sets are read oldest first. With no file and piped input, standard input is read.",
            valueName: "file"),
        completion: .file())
    public var files: [String] = []

    @Option(help: "Year of the first line for logs whose timestamps have none (RFC 3164). Default: from each file's modification time.")
    public var year: Int?

    @Option(help: "Time zone of timestamps without one (RFC 3164), e.g. UTC or Europe/Berlin. Default: TZ / the system zone.")
    public var tz: String?

    @Option(help: "Lines longer than this many bytes are counted and skipped.")
    public var maxLineLength: Int = 1 << 20

    @Option(help: ArgumentHelp("Flush messages idle longer than this (log time) as incomplete: e.g. 5d, 12h, 90m, 3600s.", valueName: "duration"))
    public var horizon: String = "5d"

    @Flag(help: "Apply a line that repeats, byte for byte, one of the last few thousand lines again (by default such copies, left by a syslog relay that forwards twice, are counted but not applied twice).")
    public var keepDuplicates = false

    @Flag(help: "Print the input accounting (lines read, understood, foreign, unrecognised) on standard error.")
    public var stats = false

    @Option(help: ArgumentHelp("Write every unrecognised line to this file.", valueName: "file"))
    public var unrecognized: String?

    public init() {}

    public mutating func validate() throws {
        if let year, !(1970...9999).contains(year) { throw ValidationError("--year must be between 1970 and 9999") }
        if maxLineLength < 256 { throw ValidationError("--max-line-length must be at least 256") }
        // Parsed fields are 32-bit offsets into their line.
        if maxLineLength > 1 << 30 { throw ValidationError("--max-line-length must be at most 1073741824 (1 GiB)") }
        if DurationOption.seconds(horizon) == nil { throw ValidationError("--horizon: not a duration: \(horizon)") }
    }

    var horizonSeconds: Int64 { DurationOption.seconds(horizon) ?? 5 * 86_400 }
}

/// `5d`, `12h`, `90m`, `3600s`, `3600`.
enum DurationOption {
    static func seconds(_ text: String) -> Int64? {
        guard let last = text.last else { return nil }
        let unit: Int64
        var digits = Substring(text)
        switch last {
        case "d": unit = 86_400; digits = digits.dropLast()
        case "h": unit = 3_600; digits = digits.dropLast()
        case "m": unit = 60; digits = digits.dropLast()
        case "s": unit = 1; digits = digits.dropLast()
        default: unit = 1
        }
        guard let value = Int64(digits), value > 0, value < Int64.max / unit else { return nil }
        return value * unit
    }
}
