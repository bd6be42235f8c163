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
    /// Line number (from 1, counting every line) of the first line over the cap, so the user
    /// can be told where it is; nil when there is none.
    public var firstOversizeLine: Int? = nil

    public init(lines: Int = 0, bytes: Int = 0, oversizeLines: Int = 0, compressedBytes: Int = 0) {
        self.lines = lines
        self.bytes = bytes
        self.oversizeLines = oversizeLines
        self.compressedBytes = compressedBytes
    }
}
