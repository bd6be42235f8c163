/// A producer of an input's (decompressed) bytes, read in chunks into memory the caller owns.
///
/// The line framer is generic over this, so a later source that inflates on another thread and
/// hands over filled chunks through a bounded queue can slot in without touching the framing.
protocol ByteSource: ~Copyable {
    /// Fills a prefix of `buffer` (which is never empty) and returns how many bytes it wrote;
    /// returns 0 only at the end of the data.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int

    /// Bytes taken from the underlying file so far (compressed bytes for a compressed source).
    var rawBytesConsumed: Int { get }

    /// Moves the next read to `offset` (a byte position of the data), when the source can do
    /// that cheaply (a plain regular file); returns false, having done nothing, otherwise.
    mutating func skip(to offset: Int) -> Bool
}

extension ByteSource where Self: ~Copyable {
    mutating func skip(to offset: Int) -> Bool { false }
}
