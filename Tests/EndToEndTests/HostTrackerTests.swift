import Testing
@testable import SmlogCLI

/// The syslog hosts of a run, as the report's period lists them.
@Suite("host tracker")
struct HostTrackerTests {
    private func names(after hosts: [String]) -> [String] {
        var tracker = HostTracker()
        for host in hosts {
            Array(host.utf8).withUnsafeBytes { tracker.note($0) }
        }
        return tracker.names
    }

    @Test("each host once, in order of first appearance, however the lines alternate")
    func distinctHostsInOrder() {
        #expect(names(after: ["mx1", "mx1", "mx2", "mx1", "relay.example.org", "mx2", "mx1"])
            == ["mx1", "mx2", "relay.example.org"])
    }

    @Test("names that share a prefix, a suffix or a length stay apart", arguments: [
        ["a", "ab", "abc", "b"],
        ["mail-01.example.org", "mail-02.example.org", "mail-01.example.org"],
        ["host1234", "host1235", "1234host"],
        ["", "x", ""],
    ])
    func similarNamesStayApart(hosts: [String]) {
        var expected: [String] = []
        for host in hosts where !expected.contains(host) { expected.append(host) }
        #expect(names(after: hosts) == expected)
    }
}
