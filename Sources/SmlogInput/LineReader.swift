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
    private let framer: LineFramer
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
    @discardableResult
    public mutating func forEachLine(_ body: (UnsafeRawBufferPointer) -> Void) throws(InputError) -> ReadStats {
        try readLines { line in
            body(line)
            return true
        }
        return stats
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
