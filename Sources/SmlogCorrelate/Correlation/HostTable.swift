#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns syslog host names to small integers. Lines of one host come in long runs, so
/// the last host is checked first; other hosts are found through a hash of their name, so a
/// log naming many hosts (a loghost fed by spoofed UDP senders) costs no more per line than
/// one naming a few.
struct HostTable {
    private var names: [[UInt8]] = []
    private(set) var strings: [String] = []
    private var lastID: UInt32 = .max
    /// First id of each name hash; names sharing a hash are found by a scan.
    private var idByHash: [UInt64: UInt32] = [:]

    mutating func id(for bytes: UnsafeRawBufferPointer) -> UInt32 {
        if lastID != .max, Self.same(names[Int(lastID)], bytes) { return lastID }
        let hash = Self.hash(bytes)
        if let candidate = idByHash[hash] {
            if Self.same(names[Int(candidate)], bytes) {
                lastID = candidate
                return candidate
            }
            for (index, name) in names.enumerated() where Self.same(name, bytes) {
                lastID = UInt32(index)
                return lastID
            }
        }
        names.append(Array(bytes))
        strings.append(String(decoding: bytes, as: UTF8.self))
        lastID = UInt32(names.count - 1)
        if idByHash[hash] == nil { idByHash[hash] = lastID }
        return lastID
    }

    func name(_ id: UInt32) -> String { strings[Int(id)] }

    /// memcmp: the generic `elementsEqual` cost ~10 instructions a byte on every line.
    private static func same(_ stored: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard stored.count == bytes.count else { return false }
        return stored.withUnsafeBytes { s in
            guard let a = s.baseAddress, let b = bytes.baseAddress else { return true }
            return memcmp(a, b, s.count) == 0
        }
    }

    /// FNV-1a: host names are short.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
