import SmlogAnalyze
import SmlogParse

/// Human-readable numbers for the text report (JSON and CSV print plain integers).
enum Formatting {
    /// `2026-11-30T15:49:06Z` (see `CivilTime.iso8601`); `-` when unknown.
    static func time(_ time: LogTime?) -> String {
        guard let time else { return "-" }
        return CivilTime(time).iso8601
    }

    /// Seconds as `45s`, `3m05s`, `2h07m`, `3d04h`; `-` when unknown.
    static func duration(_ seconds: Int?) -> String {
        guard let seconds else { return "-" }
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + CivilTime.padded(s % 60, 2) + "s" }
        if s < 86_400 { return "\(s / 3600)h" + CivilTime.padded(s % 3600 / 60, 2) + "m" }
        return "\(s / 86_400)d" + CivilTime.padded(s % 86_400 / 3600, 2) + "h"
    }

    /// Bytes in decimal units with one decimal: `950 B`, `1.2 kB`, `3.4 MB`, `5.0 GB`.
    static func bytes(_ value: Int) -> String {
        let v = max(0, value)
        if v < 1000 { return "\(v) B" }
        let units = ["kB", "MB", "GB", "TB", "PB", "EB"]
        var scaled = v
        var unit = 0
        // Keep one decimal: work in tenths of the unit.
        while scaled >= 999_950 && unit < units.count - 1 {
            scaled /= 1000
            unit += 1
        }
        let tenths = (scaled + 50) / 100
        return "\(tenths / 10).\(tenths % 10) " + units[unit]
    }
}
