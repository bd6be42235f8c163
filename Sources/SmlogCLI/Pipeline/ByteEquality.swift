#if canImport(Glibc)
import Glibc
#endif

/// Byte-for-byte equality of two short byte runs (host names, log lines) without the
/// generic `elementsEqual` loop: up to 16 bytes with two overlapping word compares,
/// longer runs with `memcmp`.
enum ByteEquality {
    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        guard n > 0, let p = a.baseAddress, let q = b.baseAddress else { return true }
        switch n {
        case 8...16:
            return p.loadUnaligned(as: UInt64.self) == q.loadUnaligned(as: UInt64.self)
                && p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                    == q.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        case 4..<8:
            return p.loadUnaligned(as: UInt32.self) == q.loadUnaligned(as: UInt32.self)
                && p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
                    == q.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        case 1..<4:
            for i in 0..<n where p.load(fromByteOffset: i, as: UInt8.self) != q.load(fromByteOffset: i, as: UInt8.self) {
                return false
            }
            return true
        default:
            return memcmp(p, q, n) == 0
        }
    }
}
