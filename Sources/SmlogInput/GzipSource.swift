import CZlib

/// Inflates a gzip file read from a `FileDescriptorSource`.
///
/// The `z_stream` lives behind a pointer this value owns, because zlib keeps pointers into it and
/// it must not move; `deinit` releases it with `inflateEnd`. Concatenated members (`cat a.gz b.gz`,
/// `gzip >>`) are read as one stream: at the end of a member the stream is reset and inflation
/// goes on with the next one.
struct GzipSource: ~Copyable, ByteSource {
    private var input: FileDescriptorSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let compressed: UnsafeMutableRawBufferPointer
    private var inputAtEnd = false
    /// True once a member has ended and no byte of the next one has been inflated yet.
    private var betweenMembers = false
    private var finished = false
    /// An error met after some bytes were inflated in the same call: those bytes are returned
    /// first and the error is thrown by the next call, so no complete line is lost.
    private var pendingError: InputError?

    /// 15 window bits plus 32: accept a gzip or zlib header, detected automatically.
    private static let windowBits: Int32 = 15 + 32

    init(input: consuming FileDescriptorSource, compressedBufferSize: Int) throws(InputError) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = smlog_inflateInit2(stream, Self.windowBits)
        guard status == Z_OK else {
            let reason = Self.message(of: stream, status: status)
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw InputError.gzipCorrupt(path: input.displayName, offset: 0, reason: reason)
        }
        self.stream = stream
        self.compressed = UnsafeMutableRawBufferPointer.allocate(
            byteCount: min(max(compressedBufferSize, 1), 1 << 30), alignment: 16)
        self.input = input
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        compressed.deallocate()
    }

    var rawBytesConsumed: Int { input.rawBytesConsumed }

    /// Where inflation stands in the compressed file: bytes read minus those not yet inflated.
    private var compressedOffset: Int { input.rawBytesConsumed - Int(stream.pointee.avail_in) }

    mutating func read(into output: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if let error = pendingError { throw error }
        guard !finished, let outputBase = output.baseAddress, output.count > 0 else { return 0 }
        // zlib counts in 32-bit uInt; a larger buffer is simply filled in part.
        let room = min(output.count, Int(UInt32.max))
        stream.pointee.next_out = outputBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(room)
        do {
            return try inflateIntoOutput(room: room)
        } catch {
            let produced = room - Int(stream.pointee.avail_out)
            guard produced > 0 else { throw error }
            pendingError = error
            return produced
        }
    }

    /// Inflates into the output set up by `read(into:)` until it is full or the data ends.
    private mutating func inflateIntoOutput(room: Int) throws(InputError) -> Int {
        var produced: Int { room - Int(stream.pointee.avail_out) }

        while true {
            if stream.pointee.avail_in == 0 && !inputAtEnd {
                try refill()
            }
            if stream.pointee.avail_in == 0 && inputAtEnd && betweenMembers {
                finished = true
                return produced
            }

            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END:
                betweenMembers = true
                if stream.pointee.avail_in == 0 && !inputAtEnd { try refill() }
                if stream.pointee.avail_in == 0 {
                    finished = true
                    return produced
                }
                // More bytes follow: the next member of a multi-member file.
                let reset = inflateReset(stream)
                guard reset == Z_OK else {
                    throw InputError.gzipCorrupt(
                        path: input.displayName, offset: compressedOffset,
                        reason: Self.message(of: stream, status: reset))
                }
                if stream.pointee.avail_out == 0 { return produced }
            case Z_OK:
                betweenMembers = false
                if stream.pointee.avail_out == 0 { return produced }
            case Z_BUF_ERROR:
                // No progress was possible: zlib wants more input than there is.
                if stream.pointee.avail_in == 0 && inputAtEnd {
                    throw InputError.gzipTruncated(path: input.displayName, offset: compressedOffset)
                }
                if stream.pointee.avail_out == 0 { return produced }
            default:
                throw InputError.gzipCorrupt(
                    path: input.displayName, offset: compressedOffset,
                    reason: Self.message(of: stream, status: status))
            }
        }
    }

    private mutating func refill() throws(InputError) {
        let got = try input.read(into: compressed)
        if got == 0 {
            inputAtEnd = true
        }
        stream.pointee.next_in = compressed.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(got)
    }

    private static func message(of stream: UnsafeMutablePointer<z_stream>, status: Int32) -> String {
        if let text = stream.pointee.msg { return String(cString: text) }
        switch status {
        case Z_NEED_DICT: return "needs a preset dictionary"
        case Z_MEM_ERROR: return "out of memory"
        case Z_VERSION_ERROR: return "incompatible zlib version"
        default: return "zlib error \(status)"
        }
    }
}
