#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered byte output to a file descriptor (stdout or `--output FILE`), flushed in
/// 64 KiB writes. A closed pipe (`smlog records | head`) ends the program quietly.
public final class OutputStream {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private let ownsDescriptor: Bool
    private static let flushThreshold = 64 * 1024

    public static func standardOutput() -> OutputStream { OutputStream(fd: 1, owns: false) }

    /// Opens (creates or truncates) `path` for writing; nil with errno set on failure.
    public static func file(_ path: String) -> OutputStream? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        return fd < 0 ? nil : OutputStream(fd: fd, owns: true)
    }

    private init(fd: Int32, owns: Bool) {
        self.fd = fd
        self.ownsDescriptor = owns
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    deinit {
        flush()
        if ownsDescriptor { close(fd) }
    }

    public func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Lets `fill` append straight to the buffer (no intermediate copy), then flushes if full.
    public func write(_ fill: (inout [UInt8]) -> Void) {
        fill(&buffer)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.flushThreshold { flush() }
    }

    public func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// One-line messages on standard error.
enum StandardError {
    static func write(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { utf8 in
            _ = Glibc.write(2, utf8.baseAddress, utf8.count)
        }
    }
}
