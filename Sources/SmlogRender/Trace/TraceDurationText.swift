/// Short human durations: `0s`, `42s`, `7m54s`, `2h03m`, `3d04h`.
enum TraceDurationText {
    static func format(_ seconds: Int64) -> String {
        let s = max(seconds, 0)
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return "\(s / 60)m\(pad(s % 60))s" }
        if s < 86_400 { return "\(s / 3_600)h\(pad(s / 60 % 60))m" }
        return "\(s / 86_400)d\(pad(s / 3_600 % 24))h"
    }

    private static func pad(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
