import Glibc

/// Cuts the bytes of a source into lines inside one reused buffer.
///
/// `memchr` finds each newline; a line that is not finished when the buffer's data runs out is
/// moved to the front and the next read appends to it, and the search resumes where it stopped,
/// so no byte is scanned twice. A trailing `\r` is dropped (CRLF files). A line longer than
/// `maxLineLength` is counted and skipped: once it cannot fit any more its bytes are thrown away
/// up to the next newline, so the buffer never grows past the cap plus two bytes.
struct LineFramer {
    let maxLineLength: Int

    /// The most bytes a line still worth keeping can occupy before its newline: the content
    /// plus a `\r` that may turn out to precede the `\n`.
    private var maxPending: Int { maxLineLength + 1 }

    init(maxLineLength: Int) {
        // Keep the arithmetic below (cap + 2) far from overflow for any configured value.
        self.maxLineLength = min(max(maxLineLength, 0), Int.max / 4)
    }

    /// Reads `source` to its end (or until `body` returns false, or more than `byteBudget`
    /// bytes have been read), handing every line to `body` without its terminator.
    /// `stats` is kept current as it goes, so it is right even when an error is thrown.
    func run<Source: ByteSource & ~Copyable>(
        source: inout Source,
        buffer: inout LineBuffer,
        stats: inout ReadStats,
        byteBudget: Int = .max,
        body: (UnsafeRawBufferPointer) -> Bool
    ) throws(InputError) {
        var start = 0  // first byte of the line being assembled
        var searched = 0  // bytes before this hold no newline of the current line
        var end = 0  // end of valid data
        var discarding = false  // inside an oversize line, dropping bytes until its newline

        while true {
            let base = buffer.base
            while searched < end {
                guard let found = memchr(base + searched, 0x0A, end - searched) else {
                    searched = end
                    break
                }
                let newline = base.distance(to: found)
                if discarding {
                    discarding = false
                } else if !deliver(base: base, from: start, to: newline, stats: &stats, body: body) {
                    return
                }
                start = newline + 1
                searched = start
            }

            if discarding {
                start = 0
                end = 0
                searched = 0
            } else if end - start > maxPending {
                stats.noteOversizeLine()
                discarding = true
                start = 0
                end = 0
                searched = 0
            }
            if stats.bytes > byteBudget { return }

            // Roll the unfinished line to the front, then make room if it fills the buffer.
            if start > 0 {
                let pending = end - start
                if pending > 0 { memmove(base, base + start, pending) }
                end = pending
                searched -= start
                start = 0
            }
            if end == buffer.capacity {
                buffer.grow(to: min(buffer.capacity * 2, maxPending + 1), keeping: end)
            }

            let free = UnsafeMutableRawBufferPointer(start: buffer.base + end, count: buffer.capacity - end)
            let got = try source.read(into: free)
            if got == 0 {
                if !discarding && end > start {
                    _ = deliver(base: buffer.base, from: start, to: end, stats: &stats, body: body)
                }
                return
            }
            stats.bytes += got
            end += got
        }
    }

    /// Hands `[from, to)` minus a final `\r` to `body`, or counts it as oversize.
    @inline(__always)
    private func deliver(
        base: UnsafeMutableRawPointer, from start: Int, to lineEnd: Int, stats: inout ReadStats,
        body: (UnsafeRawBufferPointer) -> Bool
    ) -> Bool {
        var contentEnd = lineEnd
        if contentEnd > start && base.load(fromByteOffset: contentEnd - 1, as: UInt8.self) == 0x0D {
            contentEnd -= 1
        }
        let length = contentEnd - start
        if length > maxLineLength {
            stats.noteOversizeLine()
            return true
        }
        stats.lines += 1
        return body(UnsafeRawBufferPointer(start: base + start, count: length))
    }
}

extension ReadStats {
    mutating func noteOversizeLine() {
        oversizeLines += 1
        if firstOversizeLine == nil { firstOversizeLine = lines + oversizeLines }
    }
}
