/// Byte access for header parsing. Reading outside the line yields 0, a byte that matches no
/// delimiter, digit or letter the header grammar looks for, so fixed-position checks need no
/// separate length test. Loops that scan for a delimiter still bound themselves by `count`,
/// because a NUL inside the line also reads as 0.
struct HeaderBytes {
    let base: UnsafeRawBufferPointer
    let count: Int

    @inline(__always)
    init(_ base: UnsafeRawBufferPointer) {
        self.base = base
        self.count = base.count
    }

    @inline(__always)
    subscript(_ index: Int) -> UInt8 {
        UInt(bitPattern: index) < UInt(bitPattern: count) ? base[index] : 0
    }

    /// The byte at `index`, which the caller has already checked to lie in `0..<count`.
    @inline(__always)
    func inBounds(_ index: Int) -> UInt8 {
        base[index]
    }

    /// The digit value at `index`, or a value ≥ 10 when it is not an ASCII digit.
    @inline(__always)
    func digit(_ index: Int) -> Int {
        Int(self[index] &- ASCII.zero)
    }

    /// Two ASCII digits as a number, or -1.
    @inline(__always)
    func twoDigits(_ index: Int) -> Int {
        let high = digit(index), low = digit(index + 1)
        return high < 10 && low < 10 ? high &* 10 &+ low : -1
    }

    /// Four ASCII digits as a number, or -1.
    @inline(__always)
    func fourDigits(_ index: Int) -> Int {
        let high = twoDigits(index), low = twoDigits(index + 2)
        return high >= 0 && low >= 0 ? high &* 100 &+ low : -1
    }

    /// Reads up to `maxDigits` digits from `index`; `end == index` when there is none.
    @inline(__always)
    func unsignedNumber(_ index: Int, maxDigits: Int) -> (value: Int, end: Int) {
        var value = 0
        var i = index
        while i - index < maxDigits {
            let d = digit(i)
            guard d < 10 else { break }
            value = value &* 10 &+ d  // at most 18 digits are asked for: no overflow
            i += 1
        }
        return (value, i)
    }

    /// Index of the first byte at or after `index` that is not a space.
    @inline(__always)
    func skipSpaces(_ index: Int) -> Int {
        var i = index
        while i < count && inBounds(i) == ASCII.space { i += 1 }
        return i
    }

    /// Index of the first space at or after `index`, or `count`.
    @inline(__always)
    func tokenEnd(_ index: Int) -> Int {
        var i = index
        while i < count && inBounds(i) != ASCII.space { i += 1 }
        return i
    }

    /// True when the bytes at `index` are exactly `literal`.
    @inline(__always)
    func matches(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index >= 0, length <= count - index else { return false }
        let expected = literal.utf8Start
        for k in 0..<length where base[index + k] != expected[k] { return false }
        return true
    }

    /// Month number 1...12 for a three-letter English month name at `index` (any case), or 0.
    @inline(__always)
    func monthName(_ index: Int) -> Int {
        let key = UInt32(self[index] | 0x20) << 16 | UInt32(self[index + 1] | 0x20) << 8
            | UInt32(self[index + 2] | 0x20)
        switch key {
        case 0x6A_616E: return 1   // jan
        case 0x66_6562: return 2   // feb
        case 0x6D_6172: return 3   // mar
        case 0x61_7072: return 4   // apr
        case 0x6D_6179: return 5   // may
        case 0x6A_756E: return 6   // jun
        case 0x6A_756C: return 7   // jul
        case 0x61_7567: return 8   // aug
        case 0x73_6570: return 9   // sep
        case 0x6F_6374: return 10  // oct
        case 0x6E_6F76: return 11  // nov
        case 0x64_6563: return 12  // dec
        default: return 0
        }
    }
}

/// The ASCII bytes the header grammar names.
enum ASCII {
    static let space = UInt8(ascii: " ")
    static let zero = UInt8(ascii: "0")
    static let colon = UInt8(ascii: ":")
    static let dot = UInt8(ascii: ".")
    static let dash = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let less = UInt8(ascii: "<")
    static let greater = UInt8(ascii: ">")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let pipe = UInt8(ascii: "|")
    static let upperT = UInt8(ascii: "T")
    static let lowerT = UInt8(ascii: "t")
    static let upperZ = UInt8(ascii: "Z")
    static let lowerZ = UInt8(ascii: "z")
    static let asterisk = UInt8(ascii: "*")

    @inline(__always)
    static func isLowerLetter(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
}
