@testable import SmlogAnalyze
import SmlogParse
import Testing

@Suite struct LineShapeTests {
    func shape(_ line: String) -> String {
        var out: [UInt8] = []
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { LineShape.shape(of: UnsafeRawBufferPointer($0), into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: [
        ("Nov 30 15:49:06 vm sendmail[1398]: engine=(null), path=(null), ispre=1, pre=0, initialized=0",
         "engine=(null), path=(null), ispre=#, pre=#, initialized=#"),
        ("Nov 30 15:49:10 vm sendmail[1430]: 6AUFn9IP001409: weird thing for <bob@example.org> after 12 s",
         "ID: weird thing for <ADDR> after # s"),
        ("2026-11-30T15:49:06.123456+00:00 vm sendmail[1]: gethostbyaddr(192.0.2.2) failed: 1",
         "gethostbyaddr(#.#.#.#) failed: #"),
        ("garbage without header 0xdeadbeef12", "garbage without header ID"),
    ])
    func linesReduceToTheirShape(line: String, expected: String) {
        #expect(shape(line) == expected)
    }

    @Test func linesDifferingInNumbersIdsAndAddressesShareAShape() {
        #expect(shape("Nov 30 15:49:06 vm sendmail[1]: AB12CD34EF5678: odd <a@b.example> 5")
                == shape("Dec  1 01:02:03 vm sendmail[99]: ZZ99YY88XX7766: odd <c@d.example> 123"))
    }

    @Test func shapesAreCappedInLength() {
        let long = "Nov 30 15:49:06 vm sendmail[1]: " + String(repeating: "word ", count: 200)
        #expect(shape(long).utf8.count <= LineShape.maxLength)
    }

    @Test func hostileBytesNeverTrap() {
        var out: [UInt8] = []
        for bytes in [[UInt8](), [0], [0xFF, 0xFE, 0x3A, 0x20], Array(repeating: 0x40, count: 5000), [0x4E, 0x6F, 0x76, 0x20]] {
            _ = bytes.withUnsafeBytes { LineShape.shape(of: $0, into: &out) }
        }
        #expect(out.count <= LineShape.maxLength)
    }

    @Test func theBuilderKeepsTheCommonShapesInBoundedMemory() throws {
        var builder = ReportBuilder(options: ReportOptions(topN: 3))
        func feed(_ line: String) {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { builder.addUnrecognized(line: UnsafeRawBufferPointer($0)) }
        }
        for i in 0..<500 { feed("Nov 30 15:49:06 vm sendmail[\(i)]: common complaint number \(i)") }
        // 5000 shapes seen once each (letters only, so normalisation keeps them apart).
        func letters(_ n: Int) -> String {
            var n = n, s = ""
            repeat { s.append(Character(UnicodeScalar(UInt8(97 + n % 26)))); n /= 26 } while n > 0
            return s
        }
        for i in 0..<5000 { feed("Nov 30 15:49:06 vm sendmail[1]: unique-\(letters(i)) text") }
        let report = builder.finish(input: InputAccounting(unrecognizedLines: 5500))
        let u = try #require(report.unrecognized)
        #expect(u.lines == 5500)
        #expect(u.sampled == 5500)
        #expect(u.shapes.count == 3)
        #expect(u.shapes[0].shape == "common complaint number #")
        #expect(u.shapes[0].count >= 500)
        #expect(u.shapes[0].count - u.shapes[0].overcount <= 500)
    }
}

@Suite struct BoundedCounterTests {
    @Test func exactWhileUnderCapacity() {
        var c = BoundedCounter<String>(capacity: 4)
        for k in ["a", "b", "a", "c", "a", "b"] { c.add(k) }
        #expect(c.ranked { $0.key < $1.key }.map { "\($0.key)\($0.count)" } == ["a3", "b2", "c1"])
        #expect(c.mostFrequent == "a")
    }

    @Test func heavyHittersSurviveATailOfUniqueKeys() {
        var c = BoundedCounter<Int>(capacity: 8)
        for i in 0..<10_000 {
            c.add(-1)
            c.add(i)
        }
        #expect(c.entries.count == 8)
        #expect(c.ranked { $0.key < $1.key }.first?.key == -1)
        #expect(c.total == 20_000)
    }
}

@Suite struct CivilTimeTests {
    @Test(arguments: [
        (Int64(0), Int32(0), "1970-01-01T00:00:00Z"),
        (1_796_046_546, 0, "2026-11-30T13:49:06Z"),
        (1_796_046_546, 3600, "2026-11-30T14:49:06+01:00"),
        (1_796_046_546, -19_800, "2026-11-30T08:19:06-05:30"),
        (1_709_164_800, 0, "2024-02-29T00:00:00Z"),
        (-1, 0, "1969-12-31T23:59:59Z"),
        (951_868_800, 0, "2000-03-01T00:00:00Z"),
    ])
    func iso8601UsesTheLinesOffset(seconds: Int64, offset: Int32, expected: String) {
        #expect(CivilTime(LogTime(seconds: seconds, utcOffset: offset)).iso8601 == expected)
    }

    @Test func extremeTimesDoNotTrap() {
        _ = CivilTime(LogTime(seconds: .max, utcOffset: .max)).iso8601
        _ = CivilTime(LogTime(seconds: .min, utcOffset: .min)).iso8601
        #expect(CivilTime.dateLabel(dayNumber: 0) == "1970-01-01")
    }
}
