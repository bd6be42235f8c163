import ArgumentParser

/// smlog's exit statuses (documented in the README and `smlog --help`).
enum ExitStatus {
    /// Everything was read.
    static let success = ExitCode(0)
    /// Output was produced, but some input could not be read.
    static let partialInput = ExitCode(1)
    /// Usage error, or nothing could be read.
    static let failure = ExitCode(2)

    /// The status for a run that read `summary`.
    static func after(_ summary: InputSummary) -> ExitCode {
        if summary.errors.isEmpty { return success }
        if summary.usableInputs == 0 { return failure }
        return partialInput
    }
}
