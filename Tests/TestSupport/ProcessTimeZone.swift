#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The tests of every target run in one process, and a process has one `TZ`. A test that sets
/// `TZ` (or runs the CLI, whose `--tz` sets it) does so inside `with` or `exclusively`, so a
/// test that switches to another zone never overlaps one that reads local times in UTC.
/// The lock is recursive: a helper that takes it may be called from a test that holds it.
public enum ProcessTimeZone {
    private static let lock = NSRecursiveLock()

    /// Runs `body` with `TZ` set to `name`, then restores the previous value.
    public static func with<Result>(_ name: String, _ body: () throws -> Result) rethrows -> Result {
        try exclusively {
            let saved = getenv("TZ").map { String(cString: $0) }
            setenv("TZ", name, 1)
            tzset()
            defer {
                if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
                tzset()
            }
            return try body()
        }
    }

    /// Runs `body` while no other test can change `TZ` (for code that sets it itself).
    public static func exclusively<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Changes `TZ` again; only inside `with`, which restores the saved value afterwards.
    public static func switchTo(_ name: String) {
        setenv("TZ", name, 1)
        tzset()
    }

    /// True when the system has compiled zone data for `name`.
    public static func isInstalled(_ name: String) -> Bool {
        access("/usr/share/zoneinfo/" + name, R_OK) == 0
    }
}
