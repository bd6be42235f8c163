import SmlogParse

/// Every sendmail line of `BenchmarkLog` that the parse stage hands on, parsed once, so the
/// correlation benchmark measures correlation alone.
final class PreparsedLog: @unchecked Sendable {
    static let shared = PreparsedLog()

    let lines: [ParsedLine]

    private init() {
        let log = BenchmarkLog.shared
        var parser = LogLineParser()
        parser.beginFile(yearReference: .fixed(BenchmarkLog.year))
        var lines: [ParsedLine] = []
        lines.reserveCapacity(log.lineCount)
        for index in 0..<log.lineCount {
            _ = parser.parse(log.line(index)) { parsed in
                var kept = copy parsed
                if !log.contains(kept.bytes.base) {
                    // A joined split line lives in the parser's buffer, which the next split
                    // line reuses: keep its own copy (a handful per log, never freed).
                    let count = kept.bytes.count
                    let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
                    copy.copyMemory(from: kept.bytes.base)
                    kept.bytes = LineBytes(UnsafeRawBufferPointer(rebasing: copy[0..<count]))
                }
                lines.append(kept)
            }
        }
        parser.finish { _ in }
        self.lines = lines
    }
}
