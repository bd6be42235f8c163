import Glibc

/// A copy of an input that cannot be read twice (standard input), kept in an unlinked
/// temporary file so that a later prefilter pass can read it again. It holds the decompressed
/// bytes, and disappears when closed (or when the process ends).
final class InputSpool {
    let descriptor: Int32
    /// Set when a write failed (disk full): the copy is incomplete and must not be replayed.
    private(set) var failed = false

    /// Creates the file in `$TMPDIR` (or `/tmp`); nil when that is not possible.
    init?() {
        var directory = "/tmp"
        if let value = getenv("TMPDIR"), let text = String(validatingCString: value), !text.isEmpty {
            directory = text
        }
        var template = Array((directory + "/smlog-trace-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { path -> Int32 in
            guard let base = path.baseAddress else { return -1 }
            let fd = mkstemp(base)
            if fd >= 0 { unlink(base) }
            return fd
        }
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    deinit { close(descriptor) }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard !failed, var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(descriptor, base, left)
            if n < 0 {
                if errno == EINTR { continue }
                failed = true
                return
            }
            base += n
            left -= n
        }
    }

    /// Moves back to the start, for reading the copy from the beginning.
    func rewind() -> Bool {
        !failed && lseek(descriptor, 0, SEEK_SET) == 0
    }
}
