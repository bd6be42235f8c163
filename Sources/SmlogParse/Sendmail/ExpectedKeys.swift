/// The keys that usually come next in a from= or to= line, which sendmail writes in a fixed
/// order: the value scan tests the word after `, ` against them by one masked compare each before
/// it reads a key letter by letter, and the key loops take their fields without the key dispatch.
/// Only a shortcut: a key that is neither is read and dispatched as before, so unusual orders,
/// repeated and unknown keys parse exactly as they would without it.
@usableFromInline
struct ExpectedKeys {
    /// `key=` of the likelier next key as a little-endian word, and the mask of its bytes.
    @usableFromInline let firstPattern: UInt64
    @usableFromInline let firstMask: UInt64
    /// The same for the other key that often comes next.
    @usableFromInline let secondPattern: UInt64
    @usableFromInline let secondMask: UInt64
    /// Where the `=` of each key is, counted from the `,` before it.
    @usableFromInline let firstKeyEnd: Int
    @usableFromInline let secondKeyEnd: Int
    @usableFromInline let firstField: Field
    @usableFromInline let secondField: Field

    /// Two keys of one to seven letters (`ByteText.keyWord` gives such a key whole) and their fields.
    @_transparent
    init(_ first: StaticString, _ firstField: Field, or second: StaticString, _ secondField: Field) {
        (firstPattern, firstMask, firstKeyEnd) = Self.pattern(first)
        (secondPattern, secondMask, secondKeyEnd) = Self.pattern(second)
        self.firstField = firstField
        self.secondField = secondField
    }

    /// One expected key.
    @_transparent
    init(_ first: StaticString, _ firstField: Field) {
        (firstPattern, firstMask, firstKeyEnd) = Self.pattern(first)
        (secondPattern, secondMask, secondKeyEnd) = Self.unexpected
        self.firstField = firstField
        self.secondField = firstField
    }

    /// No expectation.
    @_transparent
    init() {
        (firstPattern, firstMask, firstKeyEnd) = Self.unexpected
        (secondPattern, secondMask, secondKeyEnd) = Self.unexpected
        firstField = .text
        secondField = .text
    }

    /// `key=` as a little-endian word, its mask and where its `=` is after `, `.
    @_transparent
    static func pattern(_ key: StaticString) -> (pattern: UInt64, mask: UInt64, keyEnd: Int) {
        let n = key.utf8CodeUnitCount
        guard n >= 1, n <= 7 else { return unexpected }
        let shift = UInt64(truncatingIfNeeded: n &* 8)
        return (ByteText.keyWord(key) | 0x3D << shift, ~0 >> (56 &- shift), n &+ 2)
    }

    /// A pattern no word matches (its top byte is outside the mask), whose key word (all-ones
    /// bytes, none of them a key byte) is no key's.
    @usableFromInline
    static let unexpected: (pattern: UInt64, mask: UInt64, keyEnd: Int) = (~0, ~0 >> 8, 0)

    /// The key words (`ByteText.keyWord`) of the expected keys.
    @_transparent
    var firstWord: UInt64 { firstPattern & (firstMask >> 8) }
    @_transparent
    var secondWord: UInt64 { secondPattern & (secondMask >> 8) }

    /// The field of the key whose word the value scan read, when it is one of the two expected
    /// (a word of 0, a key the scan did not read, is neither).
    @_transparent
    func field(for word: UInt64) -> Field? {
        if word == firstWord { return firstField }
        if word == secondWord { return secondField }
        return nil
    }
}
