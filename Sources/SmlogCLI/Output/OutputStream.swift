#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered byte output to a file descriptor (stdout or `--output FILE`), flushed in
/// 64 KiB writes. A closed pipe (`smlog records | head`) ends the program quietly.
///
/// The buffer is raw memory rather than an array: records are written straight into it
/// through a pointer (`write(maximumCount:_:)`), with no array bookkeeping or exclusivity
/// check per record.
public final class OutputStream {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private var count = 0
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
        capacity = Self.flushThreshold * 2
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        flush()
        if ownsDescriptor { close(fd) }
        storage.deallocate()
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if bytes.count > capacity - count {
            flush()
            if bytes.count > capacity {
                // Too big to buffer (a whole report): straight out.
                writeAll(bytes)
                return
            }
        }
        (storage + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
        if count >= Self.flushThreshold { flush() }
    }

    /// Lets `fill` write at most `maximumCount` bytes straight into the buffer; `fill` returns
    /// how many it wrote. Flushes when full.
    @inline(__always)
    public func write(maximumCount: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Int) {
        if maximumCount > capacity - count { makeRoom(maximumCount) }
        let written = fill(UnsafeMutableRawBufferPointer(start: storage + count, count: maximumCount))
        precondition(written >= 0 && written <= maximumCount, "wrote past the space asked for")
        count += written
        if count >= Self.flushThreshold { flush() }
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    public func flush() {
        writeAll(UnsafeRawBufferPointer(start: storage, count: count))
        count = 0
    }

    /// Flushes, then grows the buffer if `byteCount` still does not fit.
    @inline(never)
    private func makeRoom(_ byteCount: Int) {
        flush()
        guard byteCount > capacity else { return }
        storage.deallocate()
        capacity = byteCount
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                break
            }
            offset += n
        }
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
