import SmlogParse

/// The text of the last two minutes written (`2026-11-29T00:00:08Z` without its seconds), so a
/// time in one of them is copied and only its two second digits written, instead of being
/// formatted: the records of one message share their received time, and records finish in
/// time order, many in the same minute. Two slots, the older one replaced, so a record's
/// received and completed times do not push each other out. A miss is formatted with the day
/// cache. About 25 instructions a hit instead of 130.
///
/// A class so that `RecordWriter.write` can stay non-mutating; its state sits behind pointers
/// held in `let`s, so using it costs no exclusivity check.
final class ISO8601TimeCache {
    private struct Slot {
        /// Minutes since the epoch in the line's offset.
        var minute: Int64 = 0
        var utcOffset: Int32 = 0
        /// Length of the text, 0 while the slot is empty.
        var count: Int = 0
        /// Where the two second digits are in the text.
        var secondsAt: Int = 0
    }

    private static let textCapacity = ISO8601Time.maximumLength
    private let slots: UnsafeMutablePointer<Slot>
    /// The slot written or read last (0 or 1).
    private let newest: UnsafeMutablePointer<Int>
    private let text: UnsafeMutableRawPointer
    private let dayCache = ISO8601DayCache()

    init() {
        slots = .allocate(capacity: 2)
        slots.initialize(repeating: Slot(), count: 2)
        newest = .allocate(capacity: 1)
        newest.initialize(to: 0)
        text = .allocate(byteCount: 2 * Self.textCapacity, alignment: 16)
    }

    deinit {
        slots.deallocate()
        newest.deallocate()
        text.deallocate()
    }

    /// Writes `time` as `ISO8601Time.append` does. The caller has reserved
    /// `ISO8601Time.maximumLength`.
    @inline(__always)
    func append(_ time: LogTime, to out: inout ByteCursor) {
        let local = time.seconds &+ Int64(time.utcOffset)
        var minute = local / 60
        var second = local % 60
        if second < 0 {
            second += 60
            minute -= 1
        }
        for k in 0..<2 where slots[k].minute == minute && slots[k].utcOffset == time.utcOffset && slots[k].count > 0 {
            newest.pointee = k
            let mark = out.count
            out.append(UnsafeRawBufferPointer(start: text + k * Self.textCapacity, count: slots[k].count))
            out.overwriteTwoDigits(Int(second), at: mark + slots[k].secondsAt)
            return
        }
        appendMissing(time, minute: minute, to: &out)
    }

    @inline(never)
    private func appendMissing(_ time: LogTime, minute: Int64, to out: inout ByteCursor) {
        let mark = out.count
        ISO8601Time.append(time, to: &out, dayCache: dayCache)
        let written = out.bytesWritten(since: mark)
        // `…THH:MM:SS…`: the seconds are seven bytes after the date's `T`.
        guard let source = written.baseAddress, written.count <= Self.textCapacity,
            let t = written.firstIndex(of: UInt8(ascii: "T")), t + 9 <= written.count
        else { return }
        let k = 1 - newest.pointee
        (text + k * Self.textCapacity).copyMemory(from: source, byteCount: written.count)
        slots[k] = Slot(minute: minute, utcOffset: time.utcOffset, count: written.count, secondsAt: t + 7)
        newest.pointee = k
    }
}
