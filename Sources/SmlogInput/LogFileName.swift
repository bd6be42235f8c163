/// Which names in a directory argument are taken as mail logs.
///
/// Taken: names starting with `maillog`, `mail.log`, `mail`, `syslog` or `messages`, names ending
/// in `.log`, and rotations of those (`maillog.1`, `maillog.2.gz`, `maillog-20261129.gz`,
/// `app.log.0`). Never taken: dot files, `README*`, and `*.md`, `*.txt`, `*.json`, `*.jsonl`.
enum LogFileName {
    private static let prefixes = ["maillog", "mail.log", "mail", "syslog", "messages"]
    private static let excludedSuffixes = [".md", ".txt", ".json", ".jsonl"]
    private static let compressionSuffixes = [".gz", ".bz2", ".xz", ".zst"]

    static func isLogFile(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix(".") { return false }
        let lowercased = name.lowercased()
        if lowercased.hasPrefix("readme") { return false }
        if excludedSuffixes.contains(where: { lowercased.hasSuffix($0) }) { return false }
        if prefixes.contains(where: { name.hasPrefix($0) }) { return true }
        return withoutRotationSuffix(name).hasSuffix(".log")
    }

    /// `app.log.2.gz` -> `app.log`, `app.log-20261129` -> `app.log`, `app.log-2026-11-29` -> `app.log`.
    static func withoutRotationSuffix(_ name: String) -> Substring {
        var rest = Substring(name)
        if let suffix = compressionSuffixes.first(where: { rest.hasSuffix($0) }) {
            rest = rest.dropLast(suffix.count)
        }
        // Drop trailing ".<digits>" / "-<digits>" groups (numbered or dated rotations).
        while let separator = rest.lastIndex(where: { $0 == "." || $0 == "-" }) {
            let digits = rest[rest.index(after: separator)...]
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { break }
            rest = rest[..<separator]
        }
        return rest
    }
}
