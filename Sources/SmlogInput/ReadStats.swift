/// What reading one input produced.
public struct ReadStats: Sendable, Equatable {
    /// Lines handed to the caller.
    public var lines: Int
    /// Bytes after decompression, terminators included (the plain size of the input).
    public var bytes: Int
    /// Lines longer than the cap: counted here and not delivered.
    public var oversizeLines: Int
    /// Bytes read from the file itself; the same as `bytes` for an uncompressed input.
    public var compressedBytes: Int

    public init(lines: Int = 0, bytes: Int = 0, oversizeLines: Int = 0, compressedBytes: Int = 0) {
        self.lines = lines
        self.bytes = bytes
        self.oversizeLines = oversizeLines
        self.compressedBytes = compressedBytes
    }
}
