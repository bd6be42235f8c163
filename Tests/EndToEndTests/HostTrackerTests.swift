import Testing
@testable import SmlogCLI
import SmlogParse

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

    /// The hosts as the per-line path notes them: a range of a line (`Nov 29 00:00:00 HOST tag: …`,
    /// or the host alone at the line's end, where no eight-byte word fits).
    private func namesFromLines(after hosts: [String]) -> [String] {
        var tracker = HostTracker()
        for (k, host) in hosts.enumerated() {
            let prefix = "Nov 29 00:00:00 "
            let line = k % 3 == 2 ? prefix + host : prefix + host + " sendmail[1]: x"
            let lower = prefix.utf8.count
            Array(line.utf8).withUnsafeBytes {
                tracker.note(ByteRange(lower, lower + host.utf8.count), in: $0)
            }
        }
        return tracker.names
    }

    @Test("hosts read from line ranges: each once, in order, whatever their length and place", arguments: [
        ["mx1", "mx1", "mx2", "mx1", "relay.example.org", "mx2", "mx1"],
        ["a", "ab", "abc", "b", "ab", "a"],
        ["host1234", "host1235", "host1234", "1234host", "host1235"],
        ["vm", "vm", "vm", "vm2", "vm", "vm2"],
        ["mail-01.example.org", "mail-02.example.org", "mail-01.example.org"],
    ])
    func hostsFromLineRanges(hosts: [String]) {
        var expected: [String] = []
        for host in hosts where !expected.contains(host) { expected.append(host) }
        #expect(namesFromLines(after: hosts) == expected)
        #expect(namesFromLines(after: hosts) == names(after: hosts))
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
