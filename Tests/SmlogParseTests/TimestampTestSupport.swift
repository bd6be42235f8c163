#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// `TZ` is process-wide, and Swift Testing runs tests in parallel: every test that sets it
/// goes through here, one at a time, and the previous value is put back afterwards.
enum ProcessTimeZone {
    private static let lock = Mutex<Int>(0)

    static func with(_ name: String, _ body: () -> Void) {
        lock.withLock { _ in
            let saved = getenv("TZ").map { String(cString: $0) }
            setenv("TZ", name, 1)
            tzset()
            body()
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
        }
    }

    /// True when the system has compiled zone data for `name`.
    static func isInstalled(_ name: String) -> Bool {
        access("/usr/share/zoneinfo/" + name, R_OK) == 0
    }
}
