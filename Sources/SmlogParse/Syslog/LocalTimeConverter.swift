#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns local wall-clock times into UTC epoch seconds plus the offset in force.
///
/// For `.process` the conversion goes through `mktime` (DST as `tm_isdst = -1` decides), but
/// only once per distinct (year, month, day, hour): the hour's start epoch and offset are kept
/// in a small direct-mapped table and minutes and seconds are added to it. Log lines come in
/// time order, so consecutive hours take consecutive slots and almost every line is a hit.
struct LocalTimeConverter {
    let zone: LocalTimeZone

    private static let slotCount = 16
    private var keys = InlineArray<16, Int64>(repeating: -1)
    private var hourStarts = InlineArray<16, Int64>(repeating: 0)
    private var offsets = InlineArray<16, Int32>(repeating: 0)

    init(zone: LocalTimeZone) {
        self.zone = zone
        reset()
    }

    /// Forgets cached hours and re-reads `TZ`, so a zone changed since is honoured.
    mutating func reset() {
        keys = InlineArray(repeating: -1)
        if zone == .process { tzset() }
    }

    /// The instant of a local wall-clock time. `year` must lie in 0...9999.
    mutating func instant(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, micros: Int32
    ) -> LogTime {
        switch zone {
        case .fixedOffset(let offset):
            let local = CivilTime.seconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            return LogTime(seconds: local - Int64(offset), micros: micros, utcOffset: offset)
        case .process:
            let key = Int64(((year * 16 + month) * 32 + day) * 32 + hour)
            let slot = Int(key & Int64(Self.slotCount - 1))
            if keys[slot] != key {
                let (start, offset) = Self.hourStart(year: year, month: month, day: day, hour: hour)
                keys[slot] = key
                hourStarts[slot] = start
                offsets[slot] = offset
            }
            return LogTime(
                seconds: hourStarts[slot] + Int64(minute * 60 + second), micros: micros,
                utcOffset: offsets[slot])
        }
    }

    /// The current time, epoch seconds.
    static func now() -> Int64 { Int64(time(nil)) }

    /// The local calendar date of an instant, in this converter's zone.
    func localDate(epochSeconds: Int64) -> (year: Int, month: Int, day: Int) {
        var offset: Int64 = 0
        switch zone {
        case .fixedOffset(let seconds):
            offset = Int64(seconds)
        case .process:
            var instant = time_t(truncatingIfNeeded: epochSeconds)
            var fields = tm()
            if localtime_r(&instant, &fields) != nil {
                return (Int(fields.tm_year) + 1900, Int(fields.tm_mon) + 1, Int(fields.tm_mday))
            }
        }
        let clamped = min(max(epochSeconds, -300_000_000_000), 300_000_000_000)
        return CivilTime.date(daysSinceEpoch: CivilTime.floorDivide(clamped + offset, 86_400))
    }

    /// `mktime` of the hour's start, and the offset it implies. An hour skipped by a DST
    /// change comes back normalised by `mktime`; the offset is taken from the same result, so
    /// `local − offset` stays what `mktime` would give for every second of that hour.
    private static func hourStart(year: Int, month: Int, day: Int, hour: Int) -> (Int64, Int32) {
        let local = CivilTime.seconds(year: year, month: month, day: day, hour: hour, minute: 0, second: 0)
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_isdst = -1
        let start = Int64(mktime(&fields))
        let offset = local - start
        // -1 is mktime's failure value (it is never an hour start in a real zone).
        guard start != -1, offset.magnitude < 2 * 86_400 else { return (local, 0) }
        return (start, Int32(offset))
    }
}
