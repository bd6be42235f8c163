/// The RFC 5424 fields after the timestamp: `HOST APP PROCID MSGID SD [MSG]`.
enum RFC5424Fields {
    /// Reads from `index` (the first byte after the timestamp's spaces). `-` stands for an
    /// absent host or app (empty range) and an absent or non-numeric PROCID gives pid -1.
    static func read(_ b: HeaderBytes, at index: Int) -> ProgramPart? {
        let hostEnd = b.tokenEnd(index)
        let appStart = b.skipSpaces(hostEnd)
        let appEnd = b.tokenEnd(appStart)
        let procStart = b.skipSpaces(appEnd)
        let procEnd = b.tokenEnd(procStart)
        let msgidStart = b.skipSpaces(procEnd)
        let msgidEnd = b.tokenEnd(msgidStart)
        var i = b.skipSpaces(msgidEnd)
        guard msgidEnd > msgidStart, i < b.count else { return nil }

        var part = ProgramPart(
            host: nilValue(b, index, hostEnd), tag: nilValue(b, appStart, appEnd), message: .empty)
        let (pid, pidEnd) = b.unsignedNumber(procStart, maxDigits: 10)
        if pidEnd == procEnd && pidEnd > procStart && pid <= Int(Int32.max) { part.pid = Int32(pid) }

        if b[i] == ASCII.dash {
            i += 1
        } else {
            guard b[i] == ASCII.openBracket else { return nil }
            while b[i] == ASCII.openBracket {
                i = structuredElementEnd(b, at: i)
                guard i >= 0 else { return nil }
            }
        }
        if i < b.count {
            guard b[i] == ASCII.space else { return nil }
            i += 1
            if b[i] == 0xEF && b[i + 1] == 0xBB && b[i + 2] == 0xBF { i += 3 }
        }
        part.setMessage(b, from: i)
        return part
    }

    /// `-` as a whole token means "no value".
    private static func nilValue(_ b: HeaderBytes, _ start: Int, _ end: Int) -> ByteRange {
        end == start + 1 && b[start] == ASCII.dash ? ByteRange(start, start) : ByteRange(start, end)
    }

    /// Index after one `[id name="value" …]` element; `\"`, `\\` and `\]` inside a quoted
    /// value do not end it. -1 when the element never closes.
    private static func structuredElementEnd(_ b: HeaderBytes, at index: Int) -> Int {
        var i = index + 1
        var quoted = false
        while i < b.count {
            let c = b[i]
            if quoted {
                if c == ASCII.backslash {
                    i += 2
                    continue
                }
                if c == ASCII.quote { quoted = false }
            } else if c == ASCII.quote {
                quoted = true
            } else if c == ASCII.closeBracket {
                return i + 1
            }
            i += 1
        }
        return -1
    }
}
