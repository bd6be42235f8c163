/// Interns syslog host names to small integers. Lines of one host come in long runs, so
/// the last host is checked first and the table is scanned only when the host changes.
struct HostTable {
    private var names: [[UInt8]] = []
    private(set) var strings: [String] = []
    private var lastID: UInt32 = .max

    mutating func id(for bytes: UnsafeRawBufferPointer) -> UInt32 {
        if lastID != .max, Self.same(names[Int(lastID)], bytes) { return lastID }
        for (index, name) in names.enumerated() where Self.same(name, bytes) {
            lastID = UInt32(index)
            return lastID
        }
        names.append(Array(bytes))
        strings.append(String(decoding: bytes, as: UTF8.self))
        lastID = UInt32(names.count - 1)
        return lastID
    }

    func name(_ id: UInt32) -> String { strings[Int(id)] }

    private static func same(_ stored: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        stored.count == bytes.count && stored.withUnsafeBytes { $0.elementsEqual(bytes) }
    }
}
