/// The date part (`2026-11-29T`) of the last day written. Records come in time order, so
/// nearly every time skips the calendar arithmetic and copies these bytes instead.
///
/// A class so that `RecordWriter.write` can stay non-mutating; its state sits behind pointers
/// held in `let`s, so using it costs no exclusivity check.
final class ISO8601DayCache {
    private static let capacity = 32
    /// The day (since 1970-01-01, in the line's offset) whose date is held, and its length.
    private let key: UnsafeMutablePointer<(day: Int64, count: Int)>
    private let text: UnsafeMutableRawPointer

    init() {
        key = .allocate(capacity: 1)
        key.initialize(to: (day: .min, count: 0))
        text = .allocate(byteCount: Self.capacity, alignment: 8)
    }

    deinit {
        key.deallocate()
        text.deallocate()
    }

    /// Writes the date of `day` and its `T`, from the cache when it holds that day.
    @inline(__always)
    func appendDate(ofDay day: Int64, to out: inout ByteCursor) {
        if key.pointee.day == day {
            out.append(UnsafeRawBufferPointer(start: text, count: key.pointee.count))
            return
        }
        let mark = out.count
        ISO8601Time.appendDate(ofDay: day, to: &out)
        let written = out.bytesWritten(since: mark)
        guard let source = written.baseAddress, written.count <= Self.capacity else { return }
        text.copyMemory(from: source, byteCount: written.count)
        key.pointee = (day: day, count: written.count)
    }
}
