import Glibc

/// Everything that can go wrong while finding or reading an input.
///
/// Each case carries the name the user knows the input by (the path as given, or `<stdin>`), so the
/// CLI can print `description` as is and move on to the next file.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case permissionDenied(path: String)
    /// A directory argument in which no regular file looks like a mail log.
    case noLogFiles(directory: String)
    /// `open(2)` or `stat(2)` failed for a reason other than the two above.
    case openFailed(path: String, errno: Int32)
    /// `read(2)` failed; `offset` is how many bytes of the file had been read.
    case readFailed(path: String, offset: Int, errno: Int32)
    /// zlib rejected the data (bad header, invalid block, bad CRC or length).
    /// `offset` is the position in the compressed file where inflation stopped.
    case gzipCorrupt(path: String, offset: Int, reason: String)
    /// The file ends in the middle of a gzip member; `offset` is the compressed size read.
    case gzipTruncated(path: String, offset: Int)
    case unsupportedCompression(path: String, format: UnsupportedCompression)

    /// The input this error is about.
    public var path: String {
        switch self {
        case .notFound(let path), .permissionDenied(let path), .openFailed(let path, _),
            .readFailed(let path, _, _), .gzipCorrupt(let path, _, _), .gzipTruncated(let path, _),
            .unsupportedCompression(let path, _):
            path
        case .noLogFiles(let directory):
            directory
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path):
            "\(path): no such file or directory"
        case .permissionDenied(let path):
            "\(path): permission denied"
        case .noLogFiles(let directory):
            "\(directory): is a directory with no log files in it "
                + "(looked for maillog*, mail*, syslog*, messages*, *.log and their rotations)"
        case .openFailed(let path, let code):
            "\(path): cannot open: \(errorText(code))"
        case .readFailed(let path, let offset, let code):
            "\(path): read error at byte \(offset): \(errorText(code))"
        case .gzipCorrupt(let path, let offset, let reason):
            "\(path): gzip data corrupt at compressed byte \(offset): \(reason)"
        case .gzipTruncated(let path, let offset):
            "\(path): gzip data truncated: the file ends inside a gzip member at compressed byte \(offset)"
        case .unsupportedCompression(let path, let format):
            "\(path): unsupported compression (\(format.rawValue)): decompress it first, "
                + "e.g. \(format.decompressCommand) \(path) | smlog ..."
        }
    }

    /// Maps the errno of a failed open/stat to the matching case.
    static func opening(_ path: String, errno code: Int32) -> InputError {
        switch code {
        case ENOENT: .notFound(path: path)
        case EACCES, EPERM: .permissionDenied(path: path)
        default: .openFailed(path: path, errno: code)
        }
    }
}

private func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
