/// Reading the text of `stat=Sent (…)`.
enum SentText {
    /// The queue id in the local MTA's answer `Sent (QID Message accepted for delivery)`.
    static func acceptedQueueID(_ stat: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard AttemptClassifier.startsWith(stat, "Sent (") else { return nil }
        let body = UnsafeRawBufferPointer(rebasing: stat[6...])
        let end = tokenEnd(body, from: 0)
        guard end >= 5, end < body.count else { return nil }
        let rest = UnsafeRawBufferPointer(rebasing: body[(end + 1)...])
        guard AttemptClassifier.startsWith(rest, "Message accepted") else { return nil }
        return UnsafeRawBufferPointer(rebasing: body[0..<end])
    }

    /// The next hop's queue id when its answer names one: sendmail `QID Message accepted
    /// for delivery`, Postfix `Ok: queued as ID`, Exim `OK id=ID`.
    static func downstreamQueueID(_ stat: String) -> String? {
        var copy = stat
        return copy.withUTF8 { utf8 -> String? in
            let bytes = UnsafeRawBufferPointer(utf8)
            if let id = acceptedQueueID(bytes) { return TextScan.string(id) }
            for marker: StaticString in ["queued as ", "OK id="] {
                if let start = find(marker, in: bytes) {
                    let end = tokenEnd(bytes, from: start)
                    if end > start { return TextScan.string(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
                }
            }
            return nil
        }
    }

    /// Index just past the first occurrence of `marker`.
    private static func find(_ marker: StaticString, in bytes: UnsafeRawBufferPointer) -> Int? {
        let n = marker.utf8CodeUnitCount
        guard bytes.count >= n else { return nil }
        let p = marker.utf8Start
        outer: for i in 0...(bytes.count - n) {
            for j in 0..<n where bytes[i + j] != p[j] { continue outer }
            return i + n
        }
        return nil
    }

    private static func tokenEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: " "), bytes[end] != UInt8(ascii: ")"),
            bytes[end] != UInt8(ascii: ",")
        { end += 1 }
        return end
    }
}
