/// Interns syslog host names to small integers. Lines of one host come in long runs, so
/// the last host is checked first; other hosts are found through a hash of their name, so a
/// log naming many hosts (a loghost fed by spoofed UDP senders) costs no more per line than
/// one naming a few.
struct HostTable {
    private var names: [[UInt8]] = []
    private(set) var strings: [String] = []
    private var lastID: UInt32 = .max
    /// The last host's name packed into two words (names up to 16 bytes), compared first on
    /// every line: a few instructions instead of a byte comparison through the array.
    private var lastPacked = PackedName(count: -1, first: 0, last: 0)
    /// First id of each name hash; names sharing a hash are found by a scan.
    private var idByHash: [UInt64: UInt32] = [:]

    /// Inlined into the caller: on most lines the host is the previous line's.
    @inline(__always)
    mutating func id(for bytes: UnsafeRawBufferPointer) -> UInt32 {
        if lastID != .max, let packed = PackedName(bytes), packed == lastPacked { return lastID }
        return lookUp(bytes)
    }

    @inline(never)
    private mutating func lookUp(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        if lastID != .max, bytes.count > 16, Self.same(names[Int(lastID)], bytes) { return lastID }
        let hash = Self.hash(bytes)
        if let candidate = idByHash[hash] {
            if Self.same(names[Int(candidate)], bytes) {
                return remember(candidate)
            }
            for (index, name) in names.enumerated() where Self.same(name, bytes) {
                return remember(UInt32(index))
            }
        }
        names.append(Array(bytes))
        strings.append(String(decoding: bytes, as: UTF8.self))
        let id = remember(UInt32(names.count - 1))
        if idByHash[hash] == nil { idByHash[hash] = id }
        return id
    }

    private mutating func remember(_ id: UInt32) -> UInt32 {
        lastID = id
        lastPacked = names[Int(id)].withUnsafeBytes { PackedName($0) } ?? PackedName(count: -1, first: 0, last: 0)
        return id
    }

    func name(_ id: UInt32) -> String { strings[Int(id)] }

    /// By words: the generic `elementsEqual` cost ~10 instructions a byte on every line.
    private static func same(_ stored: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard stored.count == bytes.count else { return false }
        return stored.withUnsafeBytes { ByteEquality.equal($0, bytes) }
    }

    /// FNV-1a: host names are short.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}

/// A byte string of at most 16 bytes as two words: its first and last eight bytes (or, shorter,
/// overlapping halves), which with the length determine every byte.
struct PackedName: Equatable {
    var count: Int
    var first: UInt64
    var last: UInt64

    init(count: Int, first: UInt64, last: UInt64) {
        self.count = count
        self.first = first
        self.last = last
    }

    /// nil when longer than 16 bytes.
    @inline(__always)
    init?(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n <= 16 else { return nil }
        count = n
        guard n > 0, let p = bytes.baseAddress else {
            first = 0
            last = 0
            return
        }
        if n >= 8 {
            first = p.loadUnaligned(as: UInt64.self)
            last = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            first = UInt64(p.loadUnaligned(as: UInt32.self))
            last = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
        } else {
            first = UInt64(p.load(as: UInt8.self)) | UInt64(p.load(fromByteOffset: n / 2, as: UInt8.self)) << 8
            last = UInt64(p.load(fromByteOffset: n - 1, as: UInt8.self))
        }
    }
}
