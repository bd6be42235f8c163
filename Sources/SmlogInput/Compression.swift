/// How an input's bytes are stored. Detected from the first bytes, never from the file name.
public enum Compression: Sendable, Equatable {
    case none
    case gzip
}

/// Compression formats recognised by their magic bytes but deliberately not linked in.
public enum UnsupportedCompression: String, Sendable, Equatable, CaseIterable {
    case bzip2
    case xz
    case zstd

    /// The usual tool that writes the decompressed bytes to standard output.
    public var decompressCommand: String {
        switch self {
        case .bzip2: "bzcat"
        case .xz: "xzcat"
        case .zstd: "zstdcat"
        }
    }
}

/// What the first bytes of an input say about its format.
enum SniffedFormat: Equatable {
    case plain
    case gzip
    case unsupported(UnsupportedCompression)

    /// The longest magic number we compare (xz's six bytes).
    static let prefixLength = 6

    init(prefix: some Collection<UInt8>) {
        let bytes = Array(prefix.prefix(Self.prefixLength))
        func starts(with magic: [UInt8]) -> Bool { bytes.starts(with: magic) }
        if starts(with: [0x1F, 0x8B]) {
            self = .gzip
        } else if starts(with: [0x42, 0x5A, 0x68]) {  // "BZh"
            self = .unsupported(.bzip2)
        } else if starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
            self = .unsupported(.xz)
        } else if starts(with: [0x28, 0xB5, 0x2F, 0xFD]) {
            self = .unsupported(.zstd)
        } else {
            self = .plain
        }
    }
}
