import Glibc

/// Cuts the bytes of a source into lines inside one reused buffer.
///
/// `memchr` finds each newline; a line that is not finished when the buffer's data runs out is
/// moved to the front and the next read appends to it, and the search resumes where it stopped,
/// so no byte is scanned twice. A trailing `\r` is dropped (CRLF files). A line longer than
/// `maxLineLength` is counted and skipped: once it cannot fit any more its bytes are thrown away
/// up to the next newline, so the buffer never grows past the cap plus two bytes.
///
/// The per-line part (`deliverBuffered`) is inlinable, so `LineReader.forEachLine` runs it in
/// the caller's module with the caller's closure inlined (no closure call per line); the
/// per-buffer part (`prepareRead`) is not.
@usableFromInline
struct LineFramer {
    @usableFromInline let maxLineLength: Int

    /// Where the framing of one input stands in the buffer.
    @usableFromInline
    struct Position {
        /// First byte of the line being assembled.
        @usableFromInline var start = 0
        /// Bytes before this hold no newline of the current line.
        @usableFromInline var searched = 0
        /// End of valid data.
        @usableFromInline var end = 0
        /// Inside an oversize line, dropping bytes until its newline.
        @usableFromInline var discarding = false

        @inlinable init() {}
    }

    /// The most bytes a line still worth keeping can occupy before its newline: the content
    /// plus a `\r` that may turn out to precede the `\n`.
    @inlinable var maxPending: Int { maxLineLength + 1 }

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
        var position = Position()
        while true {
            guard deliverBuffered(&position, base: buffer.base, stats: &stats, body: body) else { return }
            guard let free = prepareRead(&position, buffer: &buffer, stats: &stats, byteBudget: byteBudget) else { return }
            let got = try source.read(into: free)
            guard got > 0 else {
                deliverLast(position, base: buffer.base, stats: &stats, body: body)
                return
            }
            stats.bytes += got
            position.end += got
        }
    }

    /// Hands every line the buffer holds whole to `body`; false when `body` asked to stop.
    @inlinable @inline(__always)
    func deliverBuffered(
        _ position: inout Position, base: UnsafeMutableRawPointer, stats: inout ReadStats,
        body: (UnsafeRawBufferPointer) -> Bool
    ) -> Bool {
        // The rest of an oversize line is dropped before the loop, so the loop does not test
        // for it on every line. Positions stay within the buffer: wrapping arithmetic (no
        // overflow branches per line).
        if position.discarding {
            guard let found = memchr(base + position.searched, 0x0A, position.end &- position.searched) else {
                position.searched = position.end
                return true
            }
            position.discarding = false
            position.start = base.distance(to: found) &+ 1
            position.searched = position.start
        }
        while position.searched < position.end {
            guard let found = memchr(base + position.searched, 0x0A, position.end &- position.searched) else {
                position.searched = position.end
                break
            }
            let newline = base.distance(to: found)
            guard deliver(base: base, from: position.start, to: newline, stats: &stats, body: body) else { return false }
            position.start = newline &+ 1
            position.searched = position.start
        }
        return true
    }

    /// After the buffered lines: gives up an unfinished line past the cap, moves the rest of
    /// one to the front and grows the buffer if it fills it. Returns where the next read goes,
    /// or nil once more than `byteBudget` bytes have been read.
    func prepareRead(
        _ position: inout Position, buffer: inout LineBuffer, stats: inout ReadStats, byteBudget: Int = .max
    ) -> UnsafeMutableRawBufferPointer? {
        if position.discarding {
            position = Position()
            position.discarding = true
        } else if position.end - position.start > maxPending {
            stats.noteOversizeLine()
            position = Position()
            position.discarding = true
        }
        if stats.bytes > byteBudget { return nil }

        // Roll the unfinished line to the front, then make room if it fills the buffer.
        if position.start > 0 {
            let pending = position.end - position.start
            if pending > 0 { memmove(buffer.base, buffer.base + position.start, pending) }
            position.end = pending
            position.searched -= position.start
            position.start = 0
        }
        if position.end == buffer.capacity {
            buffer.grow(to: min(buffer.capacity * 2, maxPending + 1), keeping: position.end)
        }
        return UnsafeMutableRawBufferPointer(start: buffer.base + position.end, count: buffer.capacity - position.end)
    }

    /// At the end of the data: the last line, if it has no newline.
    @inlinable
    func deliverLast(
        _ position: Position, base: UnsafeMutableRawPointer, stats: inout ReadStats,
        body: (UnsafeRawBufferPointer) -> Bool
    ) {
        if !position.discarding && position.end > position.start {
            _ = deliver(base: base, from: position.start, to: position.end, stats: &stats, body: body)
        }
    }

    /// Hands `[from, to)` minus a final `\r` to `body`, or counts it as oversize.
    @inlinable @inline(__always)
    func deliver(
        base: UnsafeMutableRawPointer, from start: Int, to lineEnd: Int, stats: inout ReadStats,
        body: (UnsafeRawBufferPointer) -> Bool
    ) -> Bool {
        var contentEnd = lineEnd
        if contentEnd > start && base.load(fromByteOffset: contentEnd &- 1, as: UInt8.self) == 0x0D {
            contentEnd &-= 1
        }
        let length = contentEnd &- start
        if length > maxLineLength {
            stats.noteOversizeLine()
            return true
        }
        stats.lines &+= 1
        return body(UnsafeRawBufferPointer(start: base + start, count: length))
    }
}

extension ReadStats {
    @usableFromInline
    mutating func noteOversizeLine() {
        oversizeLines += 1
        if firstOversizeLine == nil { firstOversizeLine = lines + oversizeLines }
    }
}
