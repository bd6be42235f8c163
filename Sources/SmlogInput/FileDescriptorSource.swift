import Glibc

/// Reads a file descriptor with `read(2)`, retrying on EINTR. Owns the descriptor unless it is
/// standard input.
///
/// `sniff` reads the first bytes to recognise the format and keeps them to replay, so detection
/// works on pipes that cannot seek back.
struct FileDescriptorSource: ~Copyable, ByteSource {
    let descriptor: Int32
    let displayName: String
    private let closesDescriptor: Bool
    private var replay: [UInt8] = []
    private var replayPosition = 0
    /// Bytes obtained from the descriptor so far (sniffed ones included).
    private var bytesFromDescriptor = 0

    /// Bytes handed out by `read(into:)`: the offset in the file of the next byte delivered.
    private(set) var rawBytesConsumed = 0

    init(descriptor: Int32, displayName: String, closesDescriptor: Bool) {
        self.descriptor = descriptor
        self.displayName = displayName
        self.closesDescriptor = closesDescriptor
    }

    /// Opens `path` read-only; errors name the input by `displayName`.
    static func open(path: String, displayName: String) throws(InputError) -> FileDescriptorSource {
        while true {
            let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 {
                return FileDescriptorSource(descriptor: descriptor, displayName: displayName, closesDescriptor: true)
            }
            let code = errno
            if code != EINTR { throw InputError.opening(displayName, errno: code) }
        }
    }

    deinit {
        if closesDescriptor { _ = close(descriptor) }
    }

    /// Reads up to `count` bytes (stopping early only at end of file) and keeps them to be
    /// delivered again by the following `read(into:)` calls. Call once, before any read.
    mutating func sniff(count: Int) throws(InputError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(InputError) -> Int in
                    try readDescriptor(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                }
            }
            let got = try result.get()
            if got == 0 { break }
            filled += got
        }
        bytes.removeSubrange(filled...)
        replay = bytes
        replayPosition = 0
        return bytes
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let got: Int
        if replayPosition < replay.count {
            let start = replayPosition
            got = min(buffer.count, replay.count - start)
            replay.withUnsafeBytes { saved in
                UnsafeMutableRawBufferPointer(rebasing: buffer[..<got])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: saved[start..<(start + got)]))
            }
            replayPosition += got
            if replayPosition == replay.count {
                replay = []
                replayPosition = 0
            }
        } else {
            got = try readDescriptor(into: buffer)
        }
        rawBytesConsumed += got
        return got
    }

    /// Seeks a regular file (pipes and terminals cannot), dropping any sniffed bytes not yet
    /// delivered: the next read starts at `offset`.
    mutating func skip(to offset: Int) -> Bool {
        var status = stat()
        guard offset >= 0, fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset)
        else { return false }
        replay = []
        replayPosition = 0
        bytesFromDescriptor = offset
        rawBytesConsumed = offset
        return true
    }

    private mutating func readDescriptor(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let got = Glibc.read(descriptor, base, buffer.count)
            if got >= 0 {
                bytesFromDescriptor += got
                return got
            }
            let code = errno
            if code != EINTR {
                throw InputError.readFailed(path: displayName, offset: bytesFromDescriptor, errno: code)
            }
        }
    }
}
