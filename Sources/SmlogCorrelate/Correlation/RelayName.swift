/// Reading the `relay=` value of a to= line: is the next hop this machine's own MTA?
enum RelayName {
    /// True when the relay names the local host by a loopback literal or `localhost`:
    /// `[127.0.0.1] [127.0.0.1]`, `[127.0.0.1]`, `localhost [127.0.0.1]`,
    /// `localhost.localdomain [127.0.0.1]`, `[IPv6:::1]`. A named smart host that happens to
    /// listen on 127.0.0.1 (`smarthost.example. [127.0.0.1]`) is not the local MTA.
    static func isLocalMTA(_ relay: UnsafeRawBufferPointer) -> Bool {
        // Every form below starts with `[` or `l`/`L`: most relays are told apart by their
        // first byte, without the scan for the name's end (~100 instructions a line).
        guard let first = relay.first, first == UInt8(ascii: "[") || first | 0x20 == UInt8(ascii: "l") else {
            return false
        }
        // The name part: everything before the first space (or the whole value).
        var end = 0
        while end < relay.count, relay[end] != UInt8(ascii: " ") { end += 1 }
        let name = UnsafeRawBufferPointer(rebasing: relay[0..<end])
        return hasPrefix(name, "[127.") || hasPrefix(name, "[IPv6:::1]")
            || equalsIgnoringCase(name, "localhost") || equalsIgnoringCase(name, "localhost.")
            || equalsIgnoringCase(name, "localhost.localdomain")
            || equalsIgnoringCase(name, "localhost.localdomain.")
    }

    private static func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        let p = prefix.utf8Start
        for i in 0..<n where bytes[i] != p[i] { return false }
        return true
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard bytes.count == n else { return false }
        let p = literal.utf8Start
        for i in 0..<n where bytes[i] | 0x20 != p[i] | 0x20 { return false }
        return true
    }
}
