/// The byte strings one prefilter pass looks for, each within its own window of the input.
///
/// Positions count bytes of the (decompressed) input from the start of the first file: a
/// window `[from, until)` takes the lines that start inside it. Patterns can be added while a
/// pass runs (from the line callback); they apply from the next line on. A reference type so
/// the scanner and the callback it calls can both see additions.
public final class PrefilterPatterns {
    struct Entry {
        var needle: ByteNeedle
        var from: Int
        var until: Int
    }

    private(set) var entries: [Entry] = []
    /// The exact patterns of four bytes or more whose window is open, for a one-pass search
    /// when they are many.
    private(set) var index = ManyNeedleIndex()
    /// Above this many indexed patterns a chunk is searched through the index.
    static let indexThreshold = 8

    public init() {}

    /// Looks for `bytes` in lines starting at or after `from` and before `until`. Empty
    /// patterns and patterns holding a newline (which no line can contain) are ignored.
    public func add(_ bytes: [UInt8], caseInsensitive: Bool = false, from: Int = 0, until: Int = .max) {
        guard !bytes.isEmpty, until > from, !bytes.contains(0x0A) else { return }
        let needle = ByteNeedle(bytes, caseInsensitive: caseInsensitive)
        entries.append(Entry(needle: needle, from: max(from, 0), until: until))
        if ManyNeedleIndex.canHold(needle) { index.insert(needle, index: entries.count - 1) }
    }

    public var count: Int { entries.count }

    /// Stops looking for the exact pattern `bytes` in lines starting at or after `position`.
    public func retire(_ bytes: [UInt8], at position: Int) {
        for i in entries.indices where !entries[i].needle.caseInsensitive && entries[i].needle.bytes == bytes {
            close(i, at: position)
        }
    }

    /// Drops from the index the patterns whose window ends by `position` (the scan is past
    /// them), so that a long pass does not keep testing for ids long finished.
    func closeWindows(before position: Int) {
        guard index.count > 0 else { return }
        for i in entries.indices where entries[i].until <= position && entries[i].until > Int.min {
            close(i, at: entries[i].until)
        }
    }

    private func close(_ i: Int, at position: Int) {
        let wasIndexed = entries[i].until > Int.min && ManyNeedleIndex.canHold(entries[i].needle)
        entries[i].until = min(entries[i].until, max(position, entries[i].from))
        if wasIndexed, entries[i].until <= position {
            index.remove(entries[i].needle, index: i)
            // Marks the entry as out of the index; its window (now past) stays closed.
            entries[i].until = Int.min
        }
    }

    /// The first line start at or after `position` where some pattern is looked for.
    func firstStart(from position: Int) -> Int? {
        var first: Int?
        for entry in entries where entry.until > position {
            let start = max(entry.from, position)
            if start < entry.until, first.map({ start < $0 }) ?? true { first = start }
        }
        return first
    }

    /// True when some pattern's window reaches past `position`.
    func anyActive(after position: Int) -> Bool {
        entries.contains { $0.until > position }
    }

    /// True when some pattern is anywhere in `bytes` (case as each pattern says); for tests and
    /// for checking a line the scanner did not find.
    public func matches(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress else { return false }
        return entries.contains { $0.needle.firstMatch(in: base, from: 0, to: line.count) != nil }
    }
}
