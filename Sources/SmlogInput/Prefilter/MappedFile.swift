import Glibc

/// A large plain regular file mapped into memory for the prefilter: every pass searches the
/// page cache in place instead of copying the file through `read(2)` again, which is most of
/// what a further pass over a big log would otherwise cost.
///
/// Only regular files at least `minimumSize` bytes long whose first bytes are not compressed
/// are mapped; everything else goes through the ordinary reader. A file that shrinks while it
/// is mapped (a `copytruncate` rotation) would fault on access, so the size is checked again
/// before each chunk is searched and the scan stops with an error when it went down.
final class MappedFile {
    static let minimumSize = 16 << 20

    let base: UnsafeRawPointer
    let count: Int
    let displayName: String
    private let descriptor: Int32

    init?(path: String, displayName: String, minimumSize: Int = MappedFile.minimumSize) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) >= max(minimumSize, 1) else {
            close(fd)
            return nil
        }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            close(fd)
            return nil
        }
        let mapped = UnsafeRawPointer(address)
        // Compressed files are read (and inflated) by the ordinary reader.
        guard case .plain = SniffedFormat(prefix: UnsafeRawBufferPointer(start: mapped, count: min(size, SniffedFormat.prefixLength))) else {
            munmap(address, size)
            close(fd)
            return nil
        }
        base = mapped
        count = size
        descriptor = fd
        self.displayName = displayName
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), count)
        close(descriptor)
    }

    /// True while the file is still at least as long as the mapping.
    var isIntact: Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && Int(status.st_size) >= count
    }
}
