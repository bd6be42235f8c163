/// What smlog tells on standard error after reading: one line per input problem, and
/// with `--stats` the line accounting.
enum Diagnostics {
    static func report(_ summary: InputSummary, stats: Bool) {
        for error in summary.errors {
            StandardError.write("smlog: " + VisibleText.escaping(error))
        }
        guard stats else { return }
        StandardError.write(
            "smlog: \(summary.lines) lines read = \(summary.sendmailLines) sendmail understood + "
                + "\(summary.foreignLines) foreign + \(summary.unrecognizedLines) unrecognised"
                + (summary.oversizeLines > 0 ? " (of which \(summary.oversizeLines) over the line-length cap)" : "")
                + (summary.duplicateLines > 0 ? "; \(summary.duplicateLines) exact duplicate lines not applied twice" : "")
                + "; \(summary.files.count) input(s), \(summary.bytes) bytes")
    }
}
