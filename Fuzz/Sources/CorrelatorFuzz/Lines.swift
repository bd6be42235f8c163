import SmlogParse

/// Splits `input` on `\n` and hands each line, without a trailing `\r`, to `body` the way
/// the line reader does.
func forEachLine(of input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
    var start = 0
    var index = 0
    while index <= input.count {
        if index == input.count || input[index] == 0x0A {
            var end = index
            if end > start, input[end - 1] == 0x0D { end -= 1 }
            if index < input.count || end > start {
                body(UnsafeRawBufferPointer(rebasing: input[start..<end]))
            }
            start = index + 1
        }
        index += 1
    }
}

/// Traps when any range of `parsed` lies outside its bytes: renderers and the correlator slice
/// them, and a wrong range would mean reading the wrong text (or, unchecked, out of bounds).
func checkBounds(_ parsed: borrowing ParsedLine) {
    let count = parsed.bytes.count
    func inside(_ range: ByteRange, _ what: String) {
        guard !range.isEmpty else { return }
        precondition(range.lower >= 0 && Int(range.upper) <= count, "\(what) outside the line")
    }
    inside(parsed.header.host, "host")
    inside(parsed.header.tag, "tag")
    inside(parsed.header.message, "message")
    inside(parsed.qid, "qid")
    for field in Field.allCases { inside(parsed[field], "field \(field)") }
    for i in 0..<min(parsed.extraCount, 4) {
        inside(parsed.extraKeys[i], "extra key")
        inside(parsed.extraValues[i], "extra value")
    }
}
