/// The first non-empty line of `file`, inflating a gzip file only as far as needed; for ordering
/// rotated files by their first timestamp.
///
/// Reads about `maxBytes` decompressed bytes at most. Returns nil when the input is empty, when
/// no line ends within `maxBytes`, and for standard input, which cannot be read twice.
public func firstLine(of file: InputFile, maxBytes: Int = 64 * 1024) throws(InputError) -> [UInt8]? {
    if file.isStandardInput { return nil }
    let limit = max(maxBytes, 1)
    var reader = try LineReader(
        file, maxLineLength: limit, bufferSize: min(limit + 2, 64 * 1024),
        compressedBufferSize: 16 * 1024, standardInput: -1)
    var line: [UInt8]?
    try reader.readLines(byteBudget: limit) { bytes in
        if bytes.isEmpty { return true }
        line = Array(bytes)
        return false
    }
    return line
}
