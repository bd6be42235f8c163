#if canImport(Glibc)
import Glibc
#endif
import SmlogParse

/// libFuzzer target: the input is a log (lines split on `\n`) run through `LogLineParser`.
/// Besides crashes and sanitizer reports, it traps when a parsed line points outside its bytes.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    // A zone with DST, so local-time conversion takes its harder paths too.
    setenv("TZ", "Europe/Berlin", 1)
    tzset()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let input = UnsafeRawBufferPointer(start: data, count: size)
    // The first byte picks how years are given, so both year paths are fuzzed.
    let reference: YearReference =
        (input.first ?? 0) & 1 == 0 ? .fixed(2026) : .reference(epochSeconds: 1_795_000_000)
    var parser = LogLineParser()
    parser.beginFile(yearReference: reference)
    var understood = 0
    var counted = 0
    forEachLine(of: input) { line in
        let lineClass = parser.parse(line) { parsed in
            checkBounds(parsed)
            understood += 1
        }
        counted += 1
        _ = lineClass
    }
    parser.finish { part in
        // Every unjoined part was one of the lines read.
        precondition(part.count <= size, "an unjoined part longer than the input")
    }
    precondition(counted >= 0 && understood >= 0)
    return 0
}
