import Glibc

/// Reads one input in large chunks and hands over only the lines that contain a pattern.
///
/// Nothing is framed line by line: each pattern is searched for across the whole chunk of
/// complete lines (`memmem` class), and only around a hit are the line's bounds looked up. So
/// the cost is close to one `memmem` pass per pattern over the bytes, whatever the number of
/// lines. The buffer is reused; it grows only while one line does not fit, up to the line cap
/// (longer lines are skipped, as `LineReader` does).
struct PrefilterScanner {
    let maxLineLength: Int
    let bufferSize: Int

    /// How the scan of one input ended.
    struct Outcome {
        /// How far into the (decompressed) input the scan got.
        var bytes = 0
        /// Bytes actually read and searched (later passes over a plain file seek to their
        /// windows instead of reading what lies before).
        var searched = 0
        /// False when it stopped early because no pattern was looking any further.
        var complete = true
        /// The input's last non-empty line (complete scans only).
        var lastLine: [UInt8]?
    }

    /// Where the bytes come from.
    enum Origin {
        /// The input itself (standard input is read from `standardInput`).
        case input(InputFile, standardInput: Int32)
        /// An already open descriptor, read from where it stands and not closed (a spool).
        case descriptor(Int32, displayName: String)
    }


    /// Scans `origin`, whose first byte is at position `base`, calling `body(line, position)`
    /// for each line (without its terminator) that contains a pattern whose window holds the
    /// line's start position. Every byte read is also written to `spool` when one is given.
    /// `outcome` is kept current as the scan goes, so it also tells how far a failed scan got.
    /// `chunk` sees the first line of each chunk (with its position) before the chunk is searched.
    func scan(
        _ origin: Origin, base: Int, patterns: PrefilterPatterns, spool: InputSpool? = nil,
        into outcome: inout Outcome, chunk: (UnsafeRawBufferPointer, Int) -> Void = { _, _ in },
        body: (UnsafeRawBufferPointer, Int) -> Void
    ) throws(InputError) {
        var raw: FileDescriptorSource
        switch origin {
        case .input(let file, let standardInput):
            if file.isStandardInput {
                raw = FileDescriptorSource(descriptor: standardInput, displayName: file.displayName, closesDescriptor: false)
            } else {
                raw = try FileDescriptorSource.open(path: file.path, displayName: file.displayName)
            }
        case .descriptor(let descriptor, let name):
            raw = FileDescriptorSource(descriptor: descriptor, displayName: name, closesDescriptor: false)
        }
        switch SniffedFormat(prefix: try raw.sniff(count: SniffedFormat.prefixLength)) {
        case .plain:
            try run(&raw, base: base, patterns: patterns, spool: spool, outcome: &outcome, chunk: chunk, body: body)
        case .gzip:
            var gzip = try GzipSource(input: raw, compressedBufferSize: LineReader.compressedBufferSize)
            try run(&gzip, base: base, patterns: patterns, spool: spool, outcome: &outcome, chunk: chunk, body: body)
        case .unsupported(let format):
            throw InputError.unsupportedCompression(path: raw.displayName, format: format)
        }
    }

    private func run<Source: ByteSource & ~Copyable>(
        _ source: inout Source, base: Int, patterns: PrefilterPatterns, spool: InputSpool?,
        outcome: inout Outcome, chunk: (UnsafeRawBufferPointer, Int) -> Void,
        body: (UnsafeRawBufferPointer, Int) -> Void
    ) throws(InputError) {
        var buffer = LineBuffer(capacity: bufferSize)
        let cap = min(max(maxLineLength, 0), Int.max / 4) + 2
        var end = 0  // valid bytes in the buffer
        var offset = 0  // input offset of the buffer's first byte
        var carried = 0  // bytes at the front known to hold no newline
        var discarding = false  // inside a line over the cap, dropping bytes up to its newline

        while true {
            if !patterns.anyActive(after: base + offset) {
                outcome.complete = false
                return
            }
            // Between chunks, at a line start: nothing is looked for before the first window
            // opens (a line start too), so a seekable file jumps there instead of reading.
            if end == 0, !discarding, spool == nil, let next = patterns.firstStart(from: base + offset),
                next - base > offset, source.skip(to: next - base)
            {
                offset = next - base
                outcome.bytes = offset
                continue
            }
            if end == buffer.capacity {
                if buffer.capacity < cap {
                    buffer.grow(to: min(buffer.capacity * 2, cap), keeping: end)
                } else {
                    offset += end
                    end = 0
                    carried = 0
                    discarding = true
                }
            }
            let free = UnsafeMutableRawBufferPointer(start: buffer.base + end, count: buffer.capacity - end)
            let got = try source.read(into: free)
            if got > 0 {
                spool?.write(UnsafeRawBufferPointer(start: buffer.base + end, count: got))
                outcome.bytes = offset + end + got
                outcome.searched += got
                end += got
            }
            let atEnd = got == 0
            let bytes = UnsafeRawPointer(buffer.base)

            var regionEnd = end
            if !atEnd {
                var i = end
                while i > carried, bytes.load(fromByteOffset: i - 1, as: UInt8.self) != 0x0A { i -= 1 }
                if i == carried {
                    carried = end
                    continue
                }
                regionEnd = i
            }
            var regionStart = 0
            if discarding {
                guard let newline = memchr(bytes, 0x0A, regionEnd) else {
                    if atEnd { return }
                    offset += regionEnd
                    end = 0
                    carried = 0
                    continue
                }
                regionStart = bytes.distance(to: UnsafeRawPointer(newline)) + 1
                discarding = false
            }
            if regionStart < regionEnd {
                var firstEnd = regionStart
                while firstEnd < regionEnd, bytes.load(fromByteOffset: firstEnd, as: UInt8.self) != 0x0A { firstEnd += 1 }
                if firstEnd - regionStart <= maxLineLength {
                    chunk(UnsafeRawBufferPointer(start: bytes + regionStart, count: firstEnd - regionStart), base + offset + regionStart)
                }
                searchRegion(bytes, regionStart, regionEnd, position: base + offset, patterns: patterns, body: body)
                if let last = Self.lastLine(bytes, regionStart, regionEnd) { outcome.lastLine = last }
            }
            if atEnd { return }
            let tail = end - regionEnd
            if tail > 0 { memmove(buffer.base, buffer.base + regionEnd, tail) }
            offset += regionEnd
            end = tail
            carried = tail
        }
    }

    /// Finds the lines of `[start, end)` (whole lines; `position` is the input position of
    /// byte 0) that hold a pattern, in order, each once. Few patterns are searched for one by
    /// one (`memmem`); many exact ones together through the patterns' index.
    private func searchRegion(
        _ bytes: UnsafeRawPointer, _ start: Int, _ end: Int, position: Int, patterns: PrefilterPatterns,
        body: (UnsafeRawBufferPointer, Int) -> Void
    ) {
        var cursor = start
        patterns.closeWindows(before: position + start)
        let useIndex = patterns.index.count > PrefilterPatterns.indexThreshold
        // Next hit of each pattern searched on its own at or after `cursor`; Int.max when none.
        var next: [Int] = []
        next.reserveCapacity(patterns.count + 8)
        var indexHit = (offset: Int.max, index: -1)

        func lineStart(_ offset: Int) -> Int {
            var i = offset
            while i > cursor, bytes.load(fromByteOffset: i - 1, as: UInt8.self) != 0x0A { i -= 1 }
            return i
        }
        func nextHit(_ index: Int) -> Int {
            let entry = patterns.entries[index]
            if useIndex, ManyNeedleIndex.canHold(entry.needle) { return Int.max }
            if entry.until <= position + cursor { return Int.max }
            let from = max(cursor, entry.from - position)
            guard from < end else { return Int.max }
            return entry.needle.firstMatch(in: bytes, from: from, to: end) ?? Int.max
        }
        func nextIndexHit(from: Int? = nil) -> (offset: Int, index: Int) {
            guard useIndex else { return (Int.max, -1) }
            let entries = patterns.entries
            let found = patterns.index.firstMatch(in: bytes, from: from ?? cursor, to: end, entries: entries) { index, offset in
                let line = position + lineStart(offset)
                return entries[index].from <= line && line < entries[index].until
            }
            return found.map { ($0.offset, $0.index) } ?? (Int.max, -1)
        }

        indexHit = nextIndexHit()
        var known = patterns.count
        while true {
            while next.count < patterns.count { next.append(nextHit(next.count)) }
            if patterns.count != known {
                // Patterns added by the last line may occur before the index's next hit.
                if useIndex { indexHit = nextIndexHit() }
                known = patterns.count
            }
            var hit = indexHit.offset
            var which = indexHit.offset == Int.max ? -1 : indexHit.index
            var fromIndex = which >= 0
            for (index, candidate) in next.enumerated() where candidate < hit {
                hit = candidate
                which = index
                fromIndex = false
            }
            if which < 0 { return }

            let first = lineStart(hit)
            if patterns.entries[which].until <= position + first {
                // The window of this pattern closed before this line (it was retired).
                if fromIndex {
                    indexHit = nextIndexHit(from: hit + 1)
                } else {
                    next[which] = Int.max
                }
                continue
            }
            var lineEnd = end
            if let newline = memchr(bytes + hit, 0x0A, end - hit) {
                lineEnd = bytes.distance(to: UnsafeRawPointer(newline))
            }
            var contentEnd = lineEnd
            if contentEnd > first, bytes.load(fromByteOffset: contentEnd - 1, as: UInt8.self) == 0x0D {
                contentEnd -= 1
            }
            if contentEnd - first <= maxLineLength {
                body(UnsafeRawBufferPointer(start: bytes + first, count: contentEnd - first), position + first)
            }
            cursor = lineEnd + 1
            for index in next.indices where next[index] < cursor { next[index] = nextHit(index) }
            if indexHit.offset < cursor { indexHit = nextIndexHit() }
        }
    }

    /// A copy of the last non-empty line of `[start, end)`.
    private static func lastLine(_ bytes: UnsafeRawPointer, _ start: Int, _ end: Int) -> [UInt8]? {
        var upper = end
        while upper > start {
            let b = bytes.load(fromByteOffset: upper - 1, as: UInt8.self)
            if b != 0x0A && b != 0x0D { break }
            upper -= 1
        }
        guard upper > start else { return nil }
        var lower = upper
        while lower > start, bytes.load(fromByteOffset: lower - 1, as: UInt8.self) != 0x0A { lower -= 1 }
        return Array(UnsafeRawBufferPointer(start: bytes + lower, count: upper - lower))
    }
}
