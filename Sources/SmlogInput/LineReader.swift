import Glibc

/// Reads one input, plain or gzip, and hands out its lines.
///
/// ```swift
/// var reader = try LineReader(file)
/// let stats = try reader.forEachLine { line in parse(line) }
/// ```
/// The line a closure receives points into the reader's buffer: it is valid only during that
/// call. When reading fails part-way (a truncated or corrupt gzip, a read error), every line read
/// before the failure has already been delivered; `stats` still tells how far it got.
public struct LineReader: ~Copyable {
    public static let defaultMaxLineLength = 1 << 20
    public static let defaultBufferSize = 256 << 10
    /// Compressed bytes read from a `.gz` file per `read(2)`.
    static let compressedBufferSize = 128 << 10

    public let file: InputFile
    /// The format found in the input's first bytes.
    public let compression: Compression
    public var maxLineLength: Int { framer.maxLineLength }
    /// Counters so far; complete once `forEachLine` returns.
    public private(set) var stats = ReadStats()

    private var source: OpenSource
    private var buffer: LineBuffer
    @usableFromInline let framer: LineFramer
    private var finished = false

    /// Current size of the read buffer (for tests of the memory bound).
    var bufferCapacity: Int { buffer.capacity }

    /// Opens `file` and sniffs its format. Throws for a missing or unreadable file and for
    /// compression formats smlog does not read (bzip2, xz, zstd).
    ///
    /// With `inflateOnHelperThread`, a gzip input is inflated on a second thread a few chunks
    /// ahead of `forEachLine`, so inflating and parsing overlap (worth it with two cores or more;
    /// no effect on plain inputs).
    public init(
        _ file: InputFile,
        maxLineLength: Int = LineReader.defaultMaxLineLength,
        bufferSize: Int = LineReader.defaultBufferSize,
        inflateOnHelperThread: Bool = false
    ) throws(InputError) {
        try self.init(
            file, maxLineLength: maxLineLength, bufferSize: bufferSize,
            compressedBufferSize: Self.compressedBufferSize, inflateOnHelperThread: inflateOnHelperThread,
            standardInput: STDIN_FILENO)
    }

    /// `standardInput` is the descriptor used for `-` (tests pass a pipe).
    init(
        _ file: InputFile,
        maxLineLength: Int,
        bufferSize: Int,
        compressedBufferSize: Int,
        inflateOnHelperThread: Bool = false,
        standardInput: Int32
    ) throws(InputError) {
        var raw: FileDescriptorSource
        if file.isStandardInput {
            raw = FileDescriptorSource(
                descriptor: standardInput, displayName: file.displayName, closesDescriptor: false)
        } else {
            raw = try FileDescriptorSource.open(path: file.path, displayName: file.displayName)
        }
        switch SniffedFormat(prefix: try raw.sniff(count: SniffedFormat.prefixLength)) {
        case .plain:
            source = .plain(raw)
            compression = .none
        case .gzip:
            let gzip = try GzipSource(input: raw, compressedBufferSize: compressedBufferSize)
            if inflateOnHelperThread {
                source = .inflateAhead(InflateAheadSource(gzip, chunkSize: bufferSize))
            } else {
                source = .gzip(gzip)
            }
            compression = .gzip
        case .unsupported(let format):
            throw InputError.unsupportedCompression(path: file.displayName, format: format)
        }
        self.file = file
        self.framer = LineFramer(maxLineLength: maxLineLength)
        self.buffer = LineBuffer(capacity: bufferSize)
    }

    /// Calls `body` with every line of the input, without its `\n` or `\r\n`, in order.
    /// Lines longer than `maxLineLength` are skipped and counted in `oversizeLines`.
    /// Reads the input once: a second call delivers nothing.
    ///
    /// Inlinable: the framing loop is compiled into the caller with `body` inlined into it,
    /// which saves a closure call and its set-up on every line. Reads, once a buffer, are not.
    @inlinable
    @discardableResult
    public mutating func forEachLine(_ body: (UnsafeRawBufferPointer) -> Void) throws(InputError) -> ReadStats {
        guard beginReading() else { return stats }
        var stats = self.stats
        var position = LineFramer.Position()
        let framer = self.framer
        while true {
            _ = framer.deliverBuffered(&position, base: bufferBase, stats: &stats) { line in
                body(line)
                return true
            }
            guard let free = prepareRead(&position, stats: &stats) else { break }
            let got: Int
            do {
                got = try readSource(into: free, stats: &stats)
            } catch {
                record(stats)
                throw error
            }
            guard got > 0 else {
                framer.deliverLast(position, base: bufferBase, stats: &stats) { line in
                    body(line)
                    return true
                }
                break
            }
            stats.bytes += got
            position.end += got
        }
        record(stats)
        return stats
    }

    @usableFromInline
    var bufferBase: UnsafeMutableRawPointer { buffer.base }

    /// Makes room for the next read (see `LineFramer.prepareRead`).
    @usableFromInline
    mutating func prepareRead(_ position: inout LineFramer.Position, stats: inout ReadStats) -> UnsafeMutableRawBufferPointer? {
        framer.prepareRead(&position, buffer: &buffer, stats: &stats)
    }

    /// False when the input was read already (it is read once).
    @usableFromInline
    mutating func beginReading() -> Bool {
        guard !finished else { return false }
        finished = true
        return true
    }

    /// The next bytes of the source into `free` (0 at its end); keeps `compressedBytes` current.
    @usableFromInline
    mutating func readSource(into free: UnsafeMutableRawBufferPointer, stats: inout ReadStats) throws(InputError) -> Int {
        try source.read(into: free, compressedBytes: &stats.compressedBytes)
    }

    @usableFromInline
    mutating func record(_ stats: ReadStats) {
        self.stats = stats
    }

    /// Like `forEachLine`, but stops when `body` returns false or once more than `byteBudget`
    /// decompressed bytes have been read.
    mutating func readLines(byteBudget: Int = .max, _ body: (UnsafeRawBufferPointer) -> Bool) throws(InputError) {
        guard !finished else { return }
        finished = true
        try source.runFramer(framer, buffer: &buffer, stats: &stats, byteBudget: byteBudget, body: body)
    }
}

/// The byte source behind a `LineReader`.
private enum OpenSource: ~Copyable {
    case plain(FileDescriptorSource)
    case gzip(GzipSource)
    case inflateAhead(InflateAheadSource)

    /// One read of whichever source this is; `compressedBytes` is set whether or not it fails.
    mutating func read(into free: UnsafeMutableRawBufferPointer, compressedBytes: inout Int) throws(InputError) -> Int {
        // The payloads are noncopyable: take the source out, read, and put it back.
        switch consume self {
        case .plain(var plain):
            let outcome = Result { () throws(InputError) in try plain.read(into: free) }
            compressedBytes = plain.rawBytesConsumed
            self = .plain(plain)
            return try outcome.get()
        case .gzip(var gzip):
            let outcome = Result { () throws(InputError) in try gzip.read(into: free) }
            compressedBytes = gzip.rawBytesConsumed
            self = .gzip(gzip)
            return try outcome.get()
        case .inflateAhead(let ahead):
            let outcome = Result { () throws(InputError) in try ahead.read(into: free) }
            compressedBytes = ahead.rawBytesConsumed
            self = .inflateAhead(ahead)
            return try outcome.get()
        }
    }

    /// Runs the framer over the concrete source, so it is specialised for each kind.
    mutating func runFramer(
        _ framer: LineFramer, buffer: inout LineBuffer, stats: inout ReadStats, byteBudget: Int,
        body: (UnsafeRawBufferPointer) -> Bool
    ) throws(InputError) {
        // The payloads are noncopyable: take the source out, run, and put it back whether or
        // not reading failed.
        switch consume self {
        case .plain(var plain):
            let outcome = Result { () throws(InputError) in
                try framer.run(source: &plain, buffer: &buffer, stats: &stats, byteBudget: byteBudget, body: body)
            }
            stats.compressedBytes = plain.rawBytesConsumed
            self = .plain(plain)
            try outcome.get()
        case .gzip(var gzip):
            let outcome = Result { () throws(InputError) in
                try framer.run(source: &gzip, buffer: &buffer, stats: &stats, byteBudget: byteBudget, body: body)
            }
            stats.compressedBytes = gzip.rawBytesConsumed
            self = .gzip(gzip)
            try outcome.get()
        case .inflateAhead(var ahead):
            let outcome = Result { () throws(InputError) in
                try framer.run(source: &ahead, buffer: &buffer, stats: &stats, byteBudget: byteBudget, body: body)
            }
            stats.compressedBytes = ahead.rawBytesConsumed
            self = .inflateAhead(ahead)
            try outcome.get()
        }
    }
}
