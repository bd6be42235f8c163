/// Interns syslog host names to small integers. Lines of one host come in long runs, so
/// the last host is checked first; other hosts are found through a hash of their name, so a
/// log naming many hosts (a loghost fed by spoofed UDP senders) costs no more per line than
/// one naming a few.
struct HostTable {
    private var names: [[UInt8]] = []
    private(set) var strings: [String] = []
    private var lastID: UInt32 = .max
    /// The last host's name, compared first on every line.
    private var lastName: [UInt8] = []
    /// First id of each name hash; names sharing a hash are found by a scan.
    private var idByHash: [UInt64: UInt32] = [:]

    mutating func id(for bytes: UnsafeRawBufferPointer) -> UInt32 {
        if lastID != .max, Self.same(lastName, bytes) { return lastID }
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
        lastName = names[Int(id)]
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
